import { describe, expect, it } from "vitest";
import { providerEventParsers } from "./provider-events";

// Payloads shaped as each provider's webhook documentation shows them.
describe("provider event parsers", () => {
  it("postmark: one record per post, by RecordType", () => {
    const events = providerEventParsers.postmark?.({
      RecordType: "Delivery",
      MessageID: "883953f4-6105-42a2-a16a-77a8eac79483",
      DeliveredAt: "2024-03-01T10:00:00Z",
    });
    expect(events).toMatchObject([
      {
        externalId: "883953f4-6105-42a2-a16a-77a8eac79483",
        status: "delivered",
        date: "2024-03-01T10:00:00.000Z",
      },
    ]);
    expect(providerEventParsers.postmark?.({ RecordType: "Inbound", MessageID: "x" })).toEqual([]);
  });

  it("resend: the event type names the status, data.email_id the message", () => {
    const events = providerEventParsers.resend?.({
      type: "email.bounced",
      created_at: "2024-02-22T23:41:12.126Z",
      data: { email_id: "56761188-7520-42d8-8898-ff6fc54ce618" },
    });
    expect(events).toMatchObject([{ externalId: "56761188-7520-42d8-8898-ff6fc54ce618", status: "bounced" }]);
  });

  it("mailgun: event-data, a permanent failure is a bounce and a temporary one deferred, ids without brackets", () => {
    const post = (event: string, severity?: string) => ({
      signature: { token: "t", timestamp: "1", signature: "s" },
      "event-data": {
        event,
        severity,
        timestamp: 1_521_472_262.9,
        message: { headers: { "message-id": "20130503182626.18666.16540@sandbox.mailgun.org" } },
      },
    });
    expect(providerEventParsers.mailgun?.(post("failed", "permanent"))?.[0]).toMatchObject({
      externalId: "20130503182626.18666.16540@sandbox.mailgun.org",
      status: "bounced",
    });
    expect(providerEventParsers.mailgun?.(post("failed", "temporary"))?.[0]?.status).toBe("deferred");
    expect(providerEventParsers.mailgun?.(post("opened"))?.[0]?.status).toBe("opened");
  });

  it("ignores what is not an event: wrong types, empty bodies, unknown statuses", () => {
    for (const parse of Object.values(providerEventParsers)) {
      expect(parse(null)).toEqual([]);
      expect(parse("text")).toEqual([]);
      expect(parse([1, "x", { event: "nope", RecordType: "nope", type: "nope" }])).toEqual([]);
    }
  });
});
