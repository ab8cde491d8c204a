// The demo page: @novu/js's own Inbox UI served by this Worker, and a button that sends the subscriber a
// notification through the dev-only POST /demo/trigger (the page holds no secret key).
import { Novu, type NovuOptions } from "@novu/js";
import { NovuUI } from "@novu/js/ui";

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found;
}

const params = new URLSearchParams(location.search);
const applicationIdentifier = params.get("applicationIdentifier");
const subscriberId = params.get("subscriberId");
const trigger = element("trigger") as HTMLButtonElement;
const status = element("status");
const live = element("live");
const bellIcon =
  '<svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-label="Inbox"><path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg>';

function start(applicationIdentifier: string, subscriberId: string) {
  const options: NovuOptions = {
    applicationIdentifier,
    subscriber: { subscriberId },
    apiUrl: location.origin,
    socketUrl: location.origin.replace(/^http/, "ws"),
    // The Worker speaks the plain websocket protocol (Novu Cloud's), not socket.io, on every host and port.
    socketOptions: { socketType: "cloud" },
  };
  // Our own client, handed to the UI, so the page can show whether live updates are flowing.
  const novu = new Novu(options);
  novu.on("socket.connect.resolved", ({ error }) => {
    live.textContent = error ? "offline" : "live";
  });
  novu.on("socket.disconnect.resolved", () => {
    live.textContent = "offline";
  });
  const ui = new NovuUI({ options, novu });
  ui.mountComponent({
    name: "Inbox",
    element: element("inbox"),
    props: {
      // A visible number rather than the default dot, so the count can be read (and tested) at a glance.
      renderBell: (el, unreadCount) => {
        const bell = document.createElement("span");
        bell.id = "bell";
        bell.innerHTML = bellIcon;
        const count = document.createElement("span");
        count.id = "unread-count";
        count.textContent = String(unreadCount.total);
        bell.append(count);
        el.replaceChildren(bell);
        return () => el.replaceChildren();
      },
    },
  });
  ui.mountComponent({ name: "Notifications", element: element("notifications") });

  trigger.disabled = false;
  trigger.addEventListener("click", async () => {
    trigger.disabled = true;
    status.textContent = "Sending…";
    try {
      const response = await fetch("/demo/trigger", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ applicationIdentifier, subscriberId }),
      });
      const body = (await response.json()) as { data?: { transactionId?: string }; message?: string };
      status.textContent = response.ok
        ? `Sent (transaction ${body.data?.transactionId ?? "?"})`
        : `Failed: ${body.message ?? response.statusText}`;
    } catch (error) {
      status.textContent = `Failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      trigger.disabled = false;
    }
  });
}

if (applicationIdentifier && subscriberId) start(applicationIdentifier, subscriberId);
else {
  status.innerHTML =
    "Open this page as <code>/demo?applicationIdentifier=&lt;Development application identifier&gt;&amp;subscriberId=&lt;any id&gt;</code>; <code>npm start</code> prints the link.";
}
