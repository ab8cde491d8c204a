import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { resend } from "./resend";

describe("resend", () => {
  it("posts /emails with a bearer key and Resend's idempotency header, returning its id", async () => {
    const host = recordingFetch(() => Response.json({ id: "re_123" }));
    const result = await resend.send(
      { to: ["a@x.io"], subject: "Hi", html: "<b>Hi</b>", replyTo: "r@x.io" },
      { apiKey: "re_key", from: "n@acme.io", senderName: "Acme" },
      { idempotencyKey: "m-1", fetch: host.fetch },
    );
    expect(result.id).toBe("re_123");
    expect(host.requests[0]).toMatchObject({
      url: "https://api.resend.com/emails",
      headers: { authorization: "Bearer re_key", "idempotency-key": "m-1" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      from: "Acme <n@acme.io>",
      to: ["a@x.io"],
      subject: "Hi",
      html: "<b>Hi</b>",
      reply_to: "r@x.io",
    });
  });

  it("reports Resend's validation error as permanent", async () => {
    const host = recordingFetch(() =>
      Response.json({ name: "validation_error", message: "Invalid `to`" }, { status: 422 }),
    );
    await expect(
      resend.send(
        { to: ["bad"], subject: "s", html: "h" },
        { apiKey: "k", from: "f@x.io" },
        { idempotencyKey: "m", fetch: host.fetch },
      ),
    ).rejects.toMatchObject({
      details: { status: 422, retryable: false },
      message: expect.stringContaining("Invalid `to`"),
    });
  });
});
