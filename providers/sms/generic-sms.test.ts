import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { genericSms } from "./generic-sms";

describe("generic-sms", () => {
  it("posts to the configured URL with the configured headers and reads id and date by path", async () => {
    const host = recordingFetch(() =>
      Response.json({ result: { messageId: "g-1", sentAt: "2026-11-24T10:00:00Z" } }),
    );
    const result = await genericSms.send(
      { to: "+15550001111", content: "Hi" },
      {
        baseUrl: "https://sms.acme.io/send",
        apiKey: "k",
        apiKeyRequestHeader: "X-Api-Key",
        secretKey: "s",
        secretKeyRequestHeader: "X-Api-Secret",
        from: "Acme",
        idPath: "result.messageId",
        datePath: "result.sentAt",
      },
      { idempotencyKey: "m", fetch: host.fetch },
    );
    expect(result).toEqual({ id: "g-1", date: "2026-11-24T10:00:00Z" });
    expect(host.requests[0]).toMatchObject({
      url: "https://sms.acme.io/send",
      headers: { "x-api-key": "k", "x-api-secret": "s" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      to: "+15550001111",
      content: "Hi",
      sender: "Acme",
    });
  });
});
