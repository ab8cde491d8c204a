import { describe, expect, it } from "vitest";
import { hmacSha256Hex } from "../http";
import { recordingFetch } from "../test-support";
import { chatWebhook } from "./chat-webhook";
import { discord } from "./discord";
import { msteams } from "./msteams";
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
      url: "https://hooks.slack.com/services/T/B/X",
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
});

describe("discord, msteams and chat-webhook", () => {
  it("discord waits for the created message and returns its id", async () => {
    const host = recordingFetch(() =>
      Response.json({ id: "d-1", timestamp: "2026-11-24T10:00:00.000000+00:00" }),
    );
    const result = await discord.send(
      { content: "hi", webhookUrl: "https://discord.com/api/webhooks/1/abc" },
      {},
      { idempotencyKey: "m", fetch: host.fetch },
    );
    expect(result.id).toBe("d-1");
    expect(host.requests[0]).toMatchObject({
      url: "https://discord.com/api/webhooks/1/abc?wait=true",
      body: '{"content":"hi"}',
    });
  });

  it("msteams posts text to the incoming webhook", async () => {
    const host = recordingFetch(() => new Response("1"));
    await msteams.send(
      { content: "hi", webhookUrl: "https://acme.webhook.office.com/x" },
      {},
      { idempotencyKey: "m", fetch: host.fetch },
    );
    expect(host.requests[0]).toMatchObject({
      url: "https://acme.webhook.office.com/x",
      body: '{"text":"hi"}',
    });
  });

  it("chat-webhook signs the body when the integration has a secret, and refuses without a URL", async () => {
    const host = recordingFetch();
    await chatWebhook.send(
      { content: "hi", webhookUrl: "https://hooks.acme.io/chat" },
      { secretKey: "s" },
      { idempotencyKey: "m-8", fetch: host.fetch },
    );
    expect(host.requests[0]?.headers["x-novu-signature"]).toBe(
      await hmacSha256Hex("s", host.requests[0]?.body ?? ""),
    );
    await expect(
      chatWebhook.send({ content: "hi" }, {}, { idempotencyKey: "m", fetch: host.fetch }),
    ).rejects.toMatchObject({ details: { retryable: false } });
  });
});
