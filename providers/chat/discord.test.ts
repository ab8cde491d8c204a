import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { discord } from "./discord";

describe("discord", () => {
  it("waits for the created message and returns its id and timestamp", async () => {
    const host = recordingFetch(() =>
      Response.json({ id: "d-1", timestamp: "2026-11-24T10:00:00.000000+00:00" }),
    );
    const result = await discord.send(
      { content: "hi", webhookUrl: "https://discord.com/api/webhooks/1/abc" },
      {},
      { idempotencyKey: "m", fetch: host.fetch, overrides: { username: "Novu" } },
    );
    expect(result).toEqual({ id: "d-1", date: "2026-11-24T10:00:00.000Z" });
    expect(host.requests[0]).toMatchObject({
      method: "POST",
      url: "https://discord.com/api/webhooks/1/abc?wait=true",
      headers: { "content-type": "application/json" },
      body: '{"content":"hi","username":"Novu"}',
    });
  });

  it("classifies a rate limit as retryable and an unknown webhook as permanent", async () => {
    const send = (response: Response) =>
      discord.send(
        { content: "hi", webhookUrl: "https://discord.com/api/webhooks/1/abc" },
        {},
        {
          idempotencyKey: "m",
          fetch: recordingFetch(() => response).fetch,
        },
      );
    await expect(
      send(
        Response.json({ retry_after: 2, global: false }, { status: 429, headers: { "retry-after": "2" } }),
      ),
    ).rejects.toMatchObject({ details: { status: 429, retryable: true, retryAfterSeconds: 2 } });
    await expect(
      send(Response.json({ message: "Unknown Webhook", code: 10015 }, { status: 404 })),
    ).rejects.toThrow(/Unknown Webhook/);
  });
});
