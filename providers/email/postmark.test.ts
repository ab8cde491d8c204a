import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { postmark } from "./postmark";

describe("postmark", () => {
  it("posts /email with the server token header and returns MessageID", async () => {
    const host = recordingFetch(() =>
      Response.json({ MessageID: "pm-1", SubmittedAt: "2026-11-24T10:00:00.000Z", ErrorCode: 0 }),
    );
    const result = await postmark.send(
      { to: ["a@x.io", "b@x.io"], subject: "Hi", html: "<p>x</p>", text: "x" },
      { apiKey: "server-token", from: "n@acme.io" },
      { idempotencyKey: "m-2", fetch: host.fetch },
    );
    expect(result).toEqual({ id: "pm-1", date: "2026-11-24T10:00:00.000Z" });
    expect(host.requests[0]).toMatchObject({
      url: "https://api.postmarkapp.com/email",
      headers: { "x-postmark-server-token": "server-token" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      From: "n@acme.io",
      To: "a@x.io,b@x.io",
      Subject: "Hi",
      HtmlBody: "<p>x</p>",
      TextBody: "x",
      Headers: [],
      Metadata: { novuMessageId: "m-2" },
    });
  });

  it("retries a 500", async () => {
    const host = recordingFetch(() => new Response("oops", { status: 500 }));
    await expect(
      postmark.send(
        { to: ["a@x.io"], subject: "s", html: "h" },
        { apiKey: "k", from: "f@x.io" },
        { idempotencyKey: "m", fetch: host.fetch },
      ),
    ).rejects.toMatchObject({
      details: { status: 500, retryable: true },
    });
  });
});
