import { describe, expect, it } from "vitest";
import { hmacSha256Hex } from "../http";
import { recordingFetch } from "../test-support";
import { pushWebhook } from "./push-webhook";

describe("push-webhook", () => {
  it("posts the notification with a signature of the exact body", async () => {
    const host = recordingFetch();
    await pushWebhook.send(
      { target: ["d1"], title: "T", content: "C" },
      { webhookUrl: "https://hooks.acme.io/push", secretKey: "k" },
      { idempotencyKey: "m-7", fetch: host.fetch },
    );
    const [request] = host.requests;
    expect(JSON.parse(request?.body ?? "")).toEqual({ target: ["d1"], title: "T", content: "C", id: "m-7" });
    expect(request?.headers["x-novu-signature"]).toBe(await hmacSha256Hex("k", request?.body ?? ""));
  });

  it("retries a 5xx from the webhook, and refuses an integration without a URL", async () => {
    const down = recordingFetch(() => new Response("bad gateway", { status: 502 }));
    await expect(
      pushWebhook.send(
        { target: ["d1"], title: "T", content: "C" },
        { webhookUrl: "https://hooks.acme.io/push" },
        { idempotencyKey: "m", fetch: down.fetch },
      ),
    ).rejects.toMatchObject({ details: { status: 502, retryable: true } });
    await expect(
      pushWebhook.send({ target: ["d1"], title: "T", content: "C" }, {}, { idempotencyKey: "m" }),
    ).rejects.toMatchObject({ details: { retryable: false } });
  });
});
