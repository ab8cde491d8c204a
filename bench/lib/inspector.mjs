// A minimal DevTools-protocol client for wrangler dev's inspector: the soak bench uses it to collect garbage before
// each memory sample and to read the Worker isolate's own heap, which no process-level figure can separate out.
import WebSocket from "ws";

export async function connectInspector(port) {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
  const target = targets[0];
  if (!target) throw new Error(`no inspector target on port ${port}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  let id = 0;
  const pending = new Map();
  socket.on("message", (data) => {
    const message = JSON.parse(data.toString());
    const settle = pending.get(message.id);
    if (!settle) return;
    pending.delete(message.id);
    if (message.error) settle.reject(new Error(`${message.error.message} (${message.error.code})`));
    else settle.resolve(message.result);
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      pending.set(++id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    /** A full garbage collection of the Worker's isolate. */
    collectGarbage: () => call("HeapProfiler.collectGarbage"),
    /** The isolate's used JS heap in MB. */
    heapUsedMb: async () => (await call("Runtime.getHeapUsage")).usedSize / 2 ** 20,
    close: () => socket.close(),
  };
}
