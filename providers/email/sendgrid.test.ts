import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { ProviderError } from "../types";
import { sendgrid } from "./sendgrid";

const message = {
  to: ["ada@example.com"],
  subject: "Hello",
  html: "<p>Hi</p>",
  text: "Hi",
  replyTo: "support@example.com",
  attachments: [{ name: "a.txt", mime: "text/plain", content: "aGk=" }],
};

describe("sendgrid", () => {
  it("posts v3 mail/send with a bearer key and returns the X-Message-Id", async () => {
    const host = recordingFetch(
      () => new Response(null, { status: 202, headers: { "x-message-id": "sg-123" } }),
    );
    const result = await sendgrid.send(
      message,
      { apiKey: "SG.key", from: "noreply@example.com", senderName: "Acme" },
      { idempotencyKey: "msg-1", fetch: host.fetch, overrides: { categories: ["welcome"] } },
    );
    expect(result.id).toBe("sg-123");
    expect(host.requests).toHaveLength(1);
    const [request] = host.requests;
    expect(request).toMatchObject({
      method: "POST",
      url: "https://api.sendgrid.com/v3/mail/send",
      headers: { authorization: "Bearer SG.key", "content-type": "application/json" },
    });
    expect(JSON.parse(request?.body ?? "")).toEqual({
      personalizations: [{ to: [{ email: "ada@example.com" }] }],
      from: { email: "noreply@example.com", name: "Acme" },
      reply_to: { email: "support@example.com" },
      subject: "Hello",
      content: [
        { type: "text/plain", value: "Hi" },
        { type: "text/html", value: "<p>Hi</p>" },
      ],
      attachments: [{ content: "aGk=", filename: "a.txt", type: "text/plain", disposition: "attachment" }],
      custom_args: { novu_message_id: "msg-1" },
      categories: ["welcome"],
    });
  });

  it("classifies 429 as retryable with Retry-After, and 400 as permanent with SendGrid's reason", async () => {
    const limited = recordingFetch(
      () => new Response("slow down", { status: 429, headers: { "retry-after": "7" } }),
    );
    const tooFast = sendgrid.send(
      message,
      { apiKey: "k", from: "f@x.io" },
      { idempotencyKey: "m", fetch: limited.fetch },
    );
    await expect(tooFast).rejects.toMatchObject({
      details: { status: 429, retryable: true, retryAfterSeconds: 7 },
    });

    const reason = '{"errors":[{"message":"The from address does not match a verified Sender Identity"}]}';
    const rejected = recordingFetch(() => new Response(reason, { status: 400 }));
    const bad = sendgrid.send(
      message,
      { apiKey: "k", from: "f@x.io" },
      { idempotencyKey: "m", fetch: rejected.fetch },
    );
    await expect(bad).rejects.toBeInstanceOf(ProviderError);
    await expect(bad).rejects.toMatchObject({ details: { status: 400, retryable: false } });
    await expect(bad).rejects.toThrow(/verified Sender Identity/);
  });

  it("fails permanently without an API key, sending nothing", async () => {
    const host = recordingFetch();
    await expect(
      sendgrid.send(message, { from: "f@x.io" }, { idempotencyKey: "m", fetch: host.fetch }),
    ).rejects.toMatchObject({
      details: { retryable: false },
    });
    expect(host.requests).toHaveLength(0);
  });
});
