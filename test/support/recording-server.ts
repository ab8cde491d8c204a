import { createServer, type IncomingMessage, type Server } from "node:http";

export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The status this server answered with. */
  status: number;
};
type ScriptedAnswer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };
/** Once a path's scripted answers run out, answer `status` to this share of requests, chosen at random. */
type RandomFailures = { rate: number; status: number };

/**
 * A stand-in for every provider's host, on 127.0.0.1. Tests point an integration's `baseUrl` at it, script the
 * answers a path should give (`POST /__script` with `answers` and/or `random` failures), and read back exactly what
 * arrived and what it was answered (`GET /__requests`).
 */
export async function startRecordingServer(): Promise<{ url: string; server: Server }> {
  const recorded: RecordedRequest[] = [];
  const scripts = new Map<string, ScriptedAnswer[]>();
  const randomFailures = new Map<string, RandomFailures>();

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const body = await readBody(req);
    if (url.pathname === "/__script") {
      const { path, answers, random } = JSON.parse(body) as {
        path: string;
        answers?: ScriptedAnswer[];
        random?: RandomFailures;
      };
      if (answers) scripts.set(path, answers);
      if (random) randomFailures.set(path, random);
      return res.writeHead(204).end();
    }
    if (url.pathname === "/__requests") {
      const prefix = url.searchParams.get("prefix") ?? "/";
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(recorded.filter((r) => r.path.startsWith(prefix))));
    }
    const random = randomFailures.get(url.pathname);
    const answer =
      scripts.get(url.pathname)?.shift() ??
      (random && Math.random() < random.rate
        ? { status: random.status, body: '{"error":"random failure"}' }
        : { status: 200, body: "{}" });
    recorded.push({
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body,
      status: answer.status,
    });
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("recording server has no port");
  return { url: `http://127.0.0.1:${address.port}`, server };
}
