import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { mailjet } from "./mailjet";

describe("mailjet", () => {
  it("posts v3.1/send with basic auth and returns the recipient's MessageID", async () => {
    const host = recordingFetch(() =>
      Response.json({ Messages: [{ Status: "success", To: [{ MessageID: 576460752 }] }] }),
    );
    const result = await mailjet.send(
      { to: ["a@x.io"], subject: "Hi", html: "<p>x</p>" },
      { apiKey: "pub", secretKey: "priv", from: "n@acme.io" },
      { idempotencyKey: "m-2", fetch: host.fetch },
    );
    expect(result.id).toBe("576460752");
    expect(host.requests[0]).toMatchObject({
      url: "https://api.mailjet.com/v3.1/send",
      headers: { authorization: `Basic ${btoa("pub:priv")}` },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      Messages: [
        {
          From: { Email: "n@acme.io" },
          To: [{ Email: "a@x.io" }],
          Subject: "Hi",
          HTMLPart: "<p>x</p>",
          CustomID: "m-2",
        },
      ],
    });
  });

  it("fails on a per-message error status", async () => {
    const host = recordingFetch(() =>
      Response.json({ Messages: [{ Status: "error", Errors: [{ ErrorMessage: "Invalid email" }] }] }),
    );
    await expect(
      mailjet.send(
        { to: ["bad"], subject: "s", html: "h" },
        { apiKey: "a", secretKey: "b", from: "f@x.io" },
        { idempotencyKey: "m", fetch: host.fetch },
      ),
    ).rejects.toThrow(/Invalid email/);
  });
});
