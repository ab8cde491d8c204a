import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { slack } from "./slack";

describe("slack", () => {
  it("posts to the subscriber's incoming webhook", async () => {
    const host = recordingFetch(() => new Response("ok"));
    await slack.send(
      { content: "Deploy done", webhookUrl: "https://hooks.slack.com/services/T/B/X" },
      {},
      { idempotencyKey: "m", fetch: host.fetch },
    );
    expect(host.requests[0]).toMatchObject({
      method: "POST",
      url: "https://hooks.slack.com/services/T/B/X",
      headers: { "content-type": "application/json" },
      body: '{"text":"Deploy done"}',
    });
  });

  it("uses chat.postMessage with the bot token, and reads Slack's ok:false as a failure", async () => {
    const ok = recordingFetch(() => Response.json({ ok: true, ts: "1700000000.1" }));
    const result = await slack.send(
      { content: "x", channel: "C1" },
      { apiToken: "xoxb-1" },
      { idempotencyKey: "m", fetch: ok.fetch, overrides: { blocks: [] } },
    );
    expect(result.id).toBe("1700000000.1");
    expect(ok.requests[0]).toMatchObject({
      url: "https://slack.com/api/chat.postMessage",
      headers: { authorization: "Bearer xoxb-1" },
    });
    expect(JSON.parse(ok.requests[0]?.body ?? "")).toEqual({ text: "x", channel: "C1", blocks: [] });

    const bad = recordingFetch(() => Response.json({ ok: false, error: "channel_not_found" }));
    await expect(
      slack.send(
        { content: "x", channel: "C9" },
        { apiToken: "t" },
        { idempotencyKey: "m", fetch: bad.fetch },
      ),
    ).rejects.toThrow(/channel_not_found/);
  });

  it("classifies a webhook 404 (no_service) as permanent", async () => {
    const host = recordingFetch(() => new Response("no_service", { status: 404 }));
    await expect(
      slack.send(
        { content: "x", webhookUrl: "https://hooks.slack.com/services/T/B/gone" },
        {},
        { idempotencyKey: "m", fetch: host.fetch },
      ),
    ).rejects.toMatchObject({ details: { status: 404, retryable: false } });
  });
});
