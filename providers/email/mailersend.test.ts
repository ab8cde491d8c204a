import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { mailersend } from "./mailersend";

describe("mailersend", () => {
  it("posts /v1/email with a bearer token and reads X-Message-Id from the 202", async () => {
    const host = recordingFetch(
      () => new Response(null, { status: 202, headers: { "x-message-id": "ms-1" } }),
    );
    const result = await mailersend.send(
      { to: ["a@x.io"], subject: "Hi", html: "<p>x</p>", text: "x" },
      { apiKey: "mlsn.1", from: "n@acme.io" },
      { idempotencyKey: "m", fetch: host.fetch },
    );
    expect(result.id).toBe("ms-1");
    expect(host.requests[0]).toMatchObject({
      url: "https://api.mailersend.com/v1/email",
      headers: { authorization: "Bearer mlsn.1" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      from: { email: "n@acme.io" },
      to: [{ email: "a@x.io" }],
      subject: "Hi",
      html: "<p>x</p>",
      text: "x",
    });
  });
});
