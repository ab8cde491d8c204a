import { createServer } from "node:http";

/**
 * A local stand-in for SendGrid's API host: answers every `POST /v3/mail/send` with 202 as SendGrid does and records
 * when each message arrived, by its subject (the bench makes every subject unique), so the bench can time
 * trigger → provider without leaving the machine.
 */
export async function startRecordingProvider() {
  const received = new Map();
  let requests = 0;
  let onRequest = () => {};
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const at = performance.now();
      requests++;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        const subject = body.subject ?? body.personalizations?.[0]?.subject;
        if (subject !== undefined && !received.has(subject)) received.set(subject, at);
      } catch {
        // counted as a request; an unparsable body simply matches no message
      }
      res.writeHead(202, { "x-message-id": `bench-${requests}` }).end();
      onRequest();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    received,
    requests: () => requests,
    onRequest: (fn) => {
      onRequest = fn;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
