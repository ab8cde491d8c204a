import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { mailtrap } from "./mailtrap";

describe("mailtrap", () => {
  it("posts /api/send with a bearer token and returns the first message id", async () => {
    const host = recordingFetch(() => Response.json({ success: true, message_ids: ["mt-1"] }));
    const result = await mailtrap.send(
      { to: ["a@x.io"], subject: "Hi", html: "<p>x</p>" },
      { apiKey: "tok", from: "n@acme.io" },
      { idempotencyKey: "m-4", fetch: host.fetch },
    );
    expect(result.id).toBe("mt-1");
    expect(host.requests[0]).toMatchObject({
      url: "https://send.api.mailtrap.io/api/send",
      headers: { authorization: "Bearer tok" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toMatchObject({
      to: [{ email: "a@x.io" }],
      custom_variables: { novu_message_id: "m-4" },
    });
  });

  it("retries a 503", async () => {
    const host = recordingFetch(() => new Response("down", { status: 503, headers: { "retry-after": "3" } }));
    await expect(
      mailtrap.send(
        { to: ["a@x.io"], subject: "s", html: "h" },
        { apiKey: "k", from: "f@x.io" },
        { idempotencyKey: "m", fetch: host.fetch },
      ),
    ).rejects.toMatchObject({
      details: { retryable: true, retryAfterSeconds: 3 },
    });
  });
});
