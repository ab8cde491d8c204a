// Code-first workflows with @novu/framework: serve a bridge endpoint, then `novu sync` it into an environment.
//   NOVU_API_URL=http://127.0.0.1:8787 NOVU_SECRET_KEY=<secret key> node examples/bridge.mjs
// Optional: PORT (default 4000). Once it prints "synced", trigger `example-code-first` with @novu/api or curl.
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { promisify } from "node:util";
import { Client, serve, workflow } from "@novu/framework/hono";
import { Hono } from "hono";

const { NOVU_API_URL, NOVU_SECRET_KEY } = process.env;
if (!NOVU_API_URL || !NOVU_SECRET_KEY) {
  console.error("Set NOVU_API_URL and NOVU_SECRET_KEY (`npm start` prints the Development secret key).");
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4000);

const welcome = workflow(
  "example-code-first",
  async ({ step, payload, subscriber }) => {
    await step.inApp(
      "inbox",
      async (controls) => ({
        subject: controls.subject,
        body: `${subscriber.firstName ?? subscriber.subscriberId}, your ${payload.item} has shipped.`,
      }),
      {
        // Controls can be edited later through the API (PATCH /v2/workflows/{id}/steps/{stepId}) without a deploy.
        controlSchema: {
          type: "object",
          properties: { subject: { type: "string", default: "Order update" } },
          additionalProperties: false,
        },
      },
    );
  },
  {
    payloadSchema: {
      type: "object",
      properties: { item: { type: "string", default: "order" } },
      additionalProperties: false,
    },
  },
);

// The bridge checks every request's `novu-signature` against the environment's secret key.
const novu = serve({
  workflows: [welcome],
  client: new Client({ secretKey: NOVU_SECRET_KEY, strictAuthentication: true }),
});
const app = new Hono().on(["GET", "POST", "OPTIONS"], "/api/novu", novu);

/** Node's http server in front of the Hono app (any @novu/framework adapter — Express, Next, … — works the same). */
const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const response = await app.fetch(
    new Request(`http://127.0.0.1:${port}${req.url}`, {
      method: req.method,
      headers: Object.entries(req.headers).map(([name, value]) => [name, String(value)]),
      body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
    }),
  );
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});

server.listen(port, "127.0.0.1", async () => {
  const bridgeUrl = `http://127.0.0.1:${port}/api/novu`;
  console.log(`bridge listening at ${bridgeUrl}`);
  try {
    // Exactly what a CI job runs after deploying the bridge.
    await promisify(execFile)("npx", [
      "novu",
      "sync",
      "--bridge-url",
      bridgeUrl,
      "--secret-key",
      NOVU_SECRET_KEY,
      "--api-url",
      NOVU_API_URL,
    ]);
    console.log("synced: trigger example-code-first to run it on this bridge (Ctrl-C to stop)");
  } catch (error) {
    console.error(`bridge.mjs failed: novu sync: ${error.stderr || error.message}`);
    server.close();
    process.exitCode = 1;
  }
});
