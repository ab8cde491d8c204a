import { describe, expect, it } from "vitest";
import { hmacSha256Hex } from "../http";
import { recordingFetch } from "../test-support";
import { chatWebhook } from "./chat-webhook";

describe("chat-webhook", () => {
  it("posts the message and signs the exact body when the integration has a secret", async () => {
    const host = recordingFetch();
    await chatWebhook.send(
      { content: "hi", webhookUrl: "https://hooks.acme.io/chat" },
      { secretKey: "s" },
      { idempotencyKey: "m-8", fetch: host.fetch },
    );
    const [request] = host.requests;
    expect(request).toMatchObject({ method: "POST", url: "https://hooks.acme.io/chat" });
    expect(JSON.parse(request?.body ?? "")).toEqual({ content: "hi", id: "m-8" });
    expect(request?.headers["x-novu-signature"]).toBe(await hmacSha256Hex("s", request?.body ?? ""));
  });

  it("sends unsigned without a secret, retries a 5xx, and refuses without a URL", async () => {
    const down = recordingFetch(() => new Response("oops", { status: 500 }));
    await expect(
      chatWebhook.send(
        { content: "hi", webhookUrl: "https://hooks.acme.io/chat" },
        {},
        {
          idempotencyKey: "m",
          fetch: down.fetch,
        },
      ),
    ).rejects.toMatchObject({ details: { status: 500, retryable: true } });
    expect(down.requests[0]?.headers["x-novu-signature"]).toBeUndefined();
    await expect(chatWebhook.send({ content: "hi" }, {}, { idempotencyKey: "m" })).rejects.toMatchObject({
      details: { retryable: false },
    });
  });
});
