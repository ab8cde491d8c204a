import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { mailgun } from "./mailgun";

describe("mailgun", () => {
  it("posts a multipart form to the EU host with basic auth and returns the message id", async () => {
    const host = recordingFetch(() =>
      Response.json({ id: "<20261124.1@mg.acme.io>", message: "Queued. Thank you." }),
    );
    const result = await mailgun.send(
      { to: ["a@x.io"], subject: "Hi", html: "<p>x</p>", headers: { "X-Tag": "welcome" } },
      { apiKey: "key-1", domain: "mg.acme.io", from: "n@acme.io", region: "eu" },
      { idempotencyKey: "m-3", fetch: host.fetch, overrides: { "o:tag": "onboarding" } },
    );
    expect(result.id).toBe("<20261124.1@mg.acme.io>");
    const [request] = host.requests;
    expect(request).toMatchObject({
      method: "POST",
      url: "https://api.eu.mailgun.net/v3/mg.acme.io/messages",
      headers: { authorization: `Basic ${btoa("api:key-1")}` },
    });
    expect(request?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    for (const part of [
      'name="from"\r\n\r\nn@acme.io',
      'name="to"\r\n\r\na@x.io',
      'name="subject"\r\n\r\nHi',
      'name="h:X-Tag"\r\n\r\nwelcome',
      'name="o:tag"\r\n\r\nonboarding',
      'name="v:novu-message-id"\r\n\r\nm-3',
    ]) {
      expect(request?.body).toContain(part);
    }
  });

  it("fails permanently without a domain, sending nothing", async () => {
    const host = recordingFetch();
    await expect(
      mailgun.send(
        { to: ["a@x.io"], subject: "s", html: "h" },
        { apiKey: "k", from: "f@x.io" },
        { idempotencyKey: "m", fetch: host.fetch },
      ),
    ).rejects.toMatchObject({
      details: { retryable: false },
    });
    expect(host.requests).toHaveLength(0);
  });
});
