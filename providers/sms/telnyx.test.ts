import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { telnyx } from "./telnyx";

describe("telnyx", () => {
  it("sends through a messaging profile when one is set", async () => {
    const host = recordingFetch(() =>
      Response.json({ data: { id: "tx-1", received_at: "2026-11-24T10:00:00.000Z" } }),
    );
    const result = await telnyx.send(
      { to: "+15551230000", content: "Hi" },
      { apiKey: "KEY1", messageProfileId: "mp-1" },
      { idempotencyKey: "m", fetch: host.fetch },
    );
    expect(result).toEqual({ id: "tx-1", date: "2026-11-24T10:00:00.000Z" });
    expect(host.requests[0]).toMatchObject({
      url: "https://api.telnyx.com/v2/messages",
      headers: { authorization: "Bearer KEY1" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      to: "+15551230000",
      text: "Hi",
      messaging_profile_id: "mp-1",
    });
  });
});
