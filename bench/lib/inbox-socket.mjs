import WebSocket from "ws";

/**
 * Opens the subscriber's Inbox websocket as @novu/js does (`?token=`) and resolves `waitFor(transactionId)` when the
 * matching `notification_received` frame arrives.
 */
export async function openInboxSocket(url, applicationIdentifier, subscriberId) {
  const session = await fetch(`${url}/v1/inbox/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ applicationIdentifier, subscriber: { subscriberId } }),
  });
  const { data } = await session.json();
  const socket = new WebSocket(`${url.replace("http", "ws")}/?token=${data.token}`);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const waiting = new Map();
  socket.on("message", (raw) => {
    const text = raw.toString();
    if (!text.startsWith("{")) return;
    const frame = JSON.parse(text);
    if (frame.event !== "notification_received") return;
    const resolve = waiting.get(frame.data.message.transactionId);
    if (resolve) {
      waiting.delete(frame.data.message.transactionId);
      resolve(performance.now());
    }
  });
  return {
    waitFor: (transactionId, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        waiting.set(transactionId, resolve);
        setTimeout(() => {
          if (waiting.delete(transactionId)) reject(new Error(`no notification for ${transactionId}`));
        }, timeoutMs);
      }),
    close: () => socket.close(1000, "bench done"),
  };
}
