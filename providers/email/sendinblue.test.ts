import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { sendinblue } from "./sendinblue";

describe("sendinblue (Brevo)", () => {
  it("posts /v3/smtp/email with the api-key header and returns messageId", async () => {
    const host = recordingFetch(() => Response.json({ messageId: "<brevo-1@smtp-relay>" }, { status: 201 }));
    const result = await sendinblue.send(
      { to: ["a@x.io"], subject: "Hi", html: "<p>x</p>" },
      { apiKey: "xkeysib-1", from: "n@acme.io" },
      { idempotencyKey: "m-1", fetch: host.fetch },
    );
    expect(result.id).toBe("<brevo-1@smtp-relay>");
    expect(host.requests[0]).toMatchObject({
      url: "https://api.brevo.com/v3/smtp/email",
      headers: { "api-key": "xkeysib-1" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      sender: { email: "n@acme.io" },
      to: [{ email: "a@x.io" }],
      subject: "Hi",
      htmlContent: "<p>x</p>",
      headers: { "X-Mailin-custom": "m-1" },
    });
  });

  it("reports Brevo's 401 as permanent", async () => {
    const host = recordingFetch(() =>
      Response.json({ code: "unauthorized", message: "Key not found" }, { status: 401 }),
    );
    await expect(
      sendinblue.send(
        { to: ["a@x.io"], subject: "s", html: "h" },
        { apiKey: "k", from: "f@x.io" },
        { idempotencyKey: "m", fetch: host.fetch },
      ),
    ).rejects.toMatchObject({
      details: { status: 401, retryable: false },
    });
  });
});
