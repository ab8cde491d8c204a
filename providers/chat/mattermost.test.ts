import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { mattermost } from "./mattermost";

describe("mattermost", () => {
  it("posts text (and the channel override) to the webhook, returning X-Request-Id and the Date", async () => {
    const host = recordingFetch(
      () =>
        new Response("ok", {
          headers: { "x-request-id": "mm-req-1", date: "Tue, 24 Nov 2026 10:00:00 GMT" },
        }),
    );
    const result = await mattermost.send(
      { content: "Deploy done", webhookUrl: "https://chat.acme.io/hooks/xxx", channel: "town-square" },
      {},
      { idempotencyKey: "m", fetch: host.fetch, overrides: { username: "novu" } },
    );
    expect(result).toEqual({ id: "mm-req-1", date: "2026-11-24T10:00:00.000Z" });
    expect(host.requests[0]).toMatchObject({
      method: "POST",
      url: "https://chat.acme.io/hooks/xxx",
      headers: { "content-type": "application/json" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      text: "Deploy done",
      channel: "town-square",
      username: "novu",
    });
  });

  it("fails permanently on a disabled hook (400) and without a webhook URL", async () => {
    const host = recordingFetch(() =>
      Response.json({ id: "web.incoming_webhook.disabled.app_error" }, { status: 400 }),
    );
    await expect(
      mattermost.send(
        { content: "x", webhookUrl: "https://chat.acme.io/hooks/off" },
        {},
        {
          idempotencyKey: "m",
          fetch: host.fetch,
        },
      ),
    ).rejects.toMatchObject({ details: { status: 400, retryable: false } });
    await expect(mattermost.send({ content: "x" }, {}, { idempotencyKey: "m" })).rejects.toMatchObject({
      details: { retryable: false },
    });
  });
});
