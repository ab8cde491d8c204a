// A minimal DevTools-protocol client for wrangler dev's inspector: the soak bench uses it to collect garbage before
// each memory sample and to read the Worker isolate's own heap, which no process-level figure can separate out.
import WebSocket from "ws";

/**
 * workerd serves inspector messages only while the isolate has work, so `wake` (a request to the Worker) is sent
 * every 200 ms while a call waits for its answer.
 */
export async function connectInspector(port, wake) {
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
  const call = (method, params = {}, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const callId = ++id;
      const waking = setInterval(() => wake().catch(() => {}), 200);
      const timer = setTimeout(() => {
        clearInterval(waking);
        pending.delete(callId);
        reject(new Error(`inspector: no answer to ${method} in ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = (fn) => (value) => {
        clearTimeout(timer);
        clearInterval(waking);
        fn(value);
      };
      pending.set(callId, { resolve: settle(resolve), reject: settle(reject) });
      socket.send(JSON.stringify({ id: callId, method, params }));
    });
  // wrangler's inspector proxy drops messages until it has attached to the runtime: ask until one is answered.
  for (let attempt = 1; ; attempt++) {
    try {
      await call("Runtime.getHeapUsage", {}, 2_000);
      break;
    } catch (error) {
      if (attempt === 15) throw error;
    }
  }
  return {
    /** A full garbage collection of the Worker's isolate. */
    collectGarbage: () => call("HeapProfiler.collectGarbage"),
    /** The isolate's used JS heap in MB. */
    heapUsedMb: async () => (await call("Runtime.getHeapUsage")).usedSize / 2 ** 20,
    close: () => socket.close(),
  };
}
