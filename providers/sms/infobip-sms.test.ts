import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { infobipSms } from "./infobip-sms";

describe("infobip-sms", () => {
  it("posts /sms/2/text/advanced to the account's base URL with the App scheme", async () => {
    const host = recordingFetch(() =>
      Response.json({ bulkId: "b-1", messages: [{ messageId: "ib-1", status: { groupName: "PENDING" } }] }),
    );
    const result = await infobipSms.send(
      { to: "41793026727", content: "Hi" },
      { apiKey: "key", baseUrl: "xyz.api.infobip.com", from: "Acme" },
      { idempotencyKey: "m-2", fetch: host.fetch },
    );
    expect(result.id).toBe("ib-1");
    expect(host.requests[0]).toMatchObject({
      url: "https://xyz.api.infobip.com/sms/2/text/advanced",
      headers: { authorization: "App key" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      messages: [{ from: "Acme", destinations: [{ to: "41793026727", messageId: "m-2" }], text: "Hi" }],
    });
  });
});
