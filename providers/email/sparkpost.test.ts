import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { sparkpost } from "./sparkpost";

describe("sparkpost", () => {
  it("posts a transmission to the EU host with the raw key and returns its id", async () => {
    const host = recordingFetch(() =>
      Response.json({ results: { id: "sp-1", total_accepted_recipients: 1 } }),
    );
    const result = await sparkpost.send(
      { to: ["a@x.io"], subject: "Hi", html: "<p>x</p>" },
      { apiKey: "sp-key", from: "n@acme.io", region: "eu" },
      { idempotencyKey: "m-3", fetch: host.fetch },
    );
    expect(result.id).toBe("sp-1");
    expect(host.requests[0]).toMatchObject({
      url: "https://api.eu.sparkpost.com/api/v1/transmissions",
      headers: { authorization: "sp-key" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      recipients: [{ address: "a@x.io" }],
      content: { from: { email: "n@acme.io" }, subject: "Hi", html: "<p>x</p>" },
      metadata: { novuMessageId: "m-3" },
    });
  });
});
