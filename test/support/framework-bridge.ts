import { createServer, type IncomingMessage, type Server } from "node:http";
import { Client, serve } from "@novu/framework/hono";
import { Hono } from "hono";
import { bridgeWorkflowSets } from "./bridge-workflows";

export type BridgeRequest = { action: string; stepId: string | null; signature: string; body: unknown };

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
  });

/**
 * A real `@novu/framework` bridge (strict HMAC authentication on) on 127.0.0.1. Each test environment has its own
 * secret key, so the key is part of the path: `/<secretKey>/api/novu`. `GET /__requests/<secretKey>` returns what
 * that bridge was asked, for tests to check what the platform sent.
 */
export async function startFrameworkBridge(): Promise<{ url: string; server: Server }> {
  const seen = new Map<string, BridgeRequest[]>();
  const apps = new Map<string, Hono>();

  const appFor = (secretKey: string, set: keyof typeof bridgeWorkflowSets) => {
    const id = `${secretKey}:${set}`;
    let app = apps.get(id);
    if (!app) {
      const handler = serve({
        workflows: bridgeWorkflowSets[set],
        client: new Client({ secretKey, strictAuthentication: true, verbose: false }),
      });
      app = new Hono().on(["GET", "POST", "OPTIONS"], "*", handler);
      apps.set(id, app);
    }
    return app;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const [, secretKey = "", ...rest] = url.pathname.split("/");
    if (secretKey === "__requests") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(seen.get(rest[0] ?? "") ?? []));
    }
    const body = await readBody(req);
    const log = seen.get(secretKey) ?? [];
    seen.set(secretKey, log);
    log.push({
      action: url.searchParams.get("action") ?? "",
      stepId: url.searchParams.get("stepId"),
      signature: String(req.headers["novu-signature"] ?? ""),
      body: body.length ? JSON.parse(body.toString("utf8")) : null,
    });
    const set = url.searchParams.get("set") === "small" ? "small" : "all";
    const response = await appFor(secretKey, set).fetch(
      new Request(url, {
        method: req.method,
        headers: Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
        body: req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(body),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("bridge server has no port");
  return { url: `http://127.0.0.1:${address.port}`, server };
}
