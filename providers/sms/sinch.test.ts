import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { sinch } from "./sinch";

describe("sinch", () => {
  it("creates a batch for the service plan with a bearer token", async () => {
    const host = recordingFetch(() =>
      Response.json(
        { id: "01FC66621XXXXX119Z8PMV1QPQ", created_at: "2026-11-24T10:00:00.000Z" },
        { status: 201 },
      ),
    );
    const result = await sinch.send(
      { to: "+46701234567", content: "Hi" },
      { accountSid: "plan-1", apiKey: "tok", from: "Acme", region: "eu" },
      { idempotencyKey: "m-1", fetch: host.fetch },
    );
    expect(result.id).toBe("01FC66621XXXXX119Z8PMV1QPQ");
    expect(host.requests[0]).toMatchObject({
      url: "https://eu.sms.api.sinch.com/xms/v1/plan-1/batches",
      headers: { authorization: "Bearer tok" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      from: "Acme",
      to: ["+46701234567"],
      body: "Hi",
      client_reference: "m-1",
    });
  });
});
