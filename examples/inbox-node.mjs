// A subscriber's Inbox from Node with @novu/js: list the notifications, then wait for one to arrive live.
//   NOVU_API_URL=http://127.0.0.1:8787 NOVU_APPLICATION_IDENTIFIER=<application identifier> node examples/inbox-node.mjs
// Optional: NOVU_SUBSCRIBER_ID (default "example-subscriber"), NOVU_WAIT_SECONDS (default 60).
// While it waits, send one with examples/trigger.mjs (same subscriber) or from the demo page.
import { Novu } from "@novu/js";
import { WebSocket } from "ws";

const { NOVU_API_URL, NOVU_APPLICATION_IDENTIFIER } = process.env;
if (!NOVU_API_URL || !NOVU_APPLICATION_IDENTIFIER) {
  console.error("Set NOVU_API_URL and NOVU_APPLICATION_IDENTIFIER (`npm start` prints both).");
  process.exit(1);
}
const subscriberId = process.env.NOVU_SUBSCRIBER_ID ?? "example-subscriber";
const waitSeconds = Number(process.env.NOVU_WAIT_SECONDS ?? 60);

// @novu/js looks for a global WebSocket, which Node only has from version 22.
globalThis.WebSocket ??= WebSocket;

const novu = new Novu({
  applicationIdentifier: NOVU_APPLICATION_IDENTIFIER,
  subscriber: { subscriberId },
  apiUrl: NOVU_API_URL,
  socketUrl: NOVU_API_URL.replace(/^http/, "ws"),
  // This Worker speaks Novu Cloud's plain websocket protocol on any host, not the self-hosted socket.io one.
  socketOptions: { socketType: "cloud" },
});

function finish(code) {
  novu.socket.disconnect();
  process.exit(code);
}

// Subscribing to a socket event is what opens the live connection.
let timer;
novu.on("notifications.notification_received", ({ result }) => {
  clearTimeout(timer);
  console.log(`received live: ${result.subject ?? ""} ${result.body}`.trimEnd());
  finish(0);
});
novu.on("socket.connect.resolved", ({ error: socketError }) => {
  if (socketError) {
    console.error(`the live connection failed: ${socketError.message ?? socketError}`);
    finish(1);
  }
  console.log(`listening for ${subscriberId}'s notifications for ${waitSeconds} s…`);
});

const { data, error } = await novu.notifications.list({ limit: 5 });
if (error) {
  console.error(`could not open the Inbox: ${error.message}`);
  finish(1);
}
console.log(`${subscriberId} has ${data.notifications.length} recent notification(s)`);
for (const notification of data.notifications) {
  console.log(
    `  ${notification.isRead ? " " : "•"} ${notification.subject ?? ""} ${notification.body}`.trimEnd(),
  );
}

timer = setTimeout(() => {
  console.error(`no notification within ${waitSeconds} s`);
  finish(1);
}, waitSeconds * 1000);
