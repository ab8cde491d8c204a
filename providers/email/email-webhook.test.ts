import { describe, expect, it } from "vitest";
import { hmacSha256Hex } from "../http";
import { recordingFetch } from "../test-support";
import { emailWebhook } from "./email-webhook";

describe("email-webhook", () => {
  it("posts the email as JSON with an HMAC-SHA256 signature of the exact body", async () => {
    const host = recordingFetch();
    await emailWebhook.send(
      { to: ["a@x.io"], subject: "Hi", html: "<p>x</p>" },
      { webhookUrl: "https://hooks.acme.io/email", secretKey: "s3cret" },
      { idempotencyKey: "m-4", fetch: host.fetch },
    );
    const [request] = host.requests;
    expect(request?.url).toBe("https://hooks.acme.io/email");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      to: ["a@x.io"],
      subject: "Hi",
      html: "<p>x</p>",
      id: "m-4",
    });
    expect(request?.headers["x-novu-signature"]).toBe(await hmacSha256Hex("s3cret", request?.body ?? ""));
  });
});
