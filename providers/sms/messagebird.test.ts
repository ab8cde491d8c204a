import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { messagebird } from "./messagebird";

describe("messagebird", () => {
  it("posts /messages with the AccessKey scheme and returns the id", async () => {
    const host = recordingFetch(() =>
      Response.json({ id: "mb-1", createdDatetime: "2026-11-24T10:00:00+00:00" }, { status: 201 }),
    );
    const result = await messagebird.send(
      { to: "+31612345678", content: "Hi" },
      { accessKey: "live_1", from: "Acme" },
      { idempotencyKey: "m-2", fetch: host.fetch },
    );
    expect(result.id).toBe("mb-1");
    expect(host.requests[0]).toMatchObject({
      url: "https://rest.messagebird.com/messages",
      headers: { authorization: "AccessKey live_1" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      originator: "Acme",
      recipients: ["+31612345678"],
      body: "Hi",
      reference: "m-2",
    });
  });
});
