import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { msteams } from "./msteams";

describe("msteams", () => {
  it("posts text to the incoming webhook", async () => {
    const host = recordingFetch(() => new Response("1"));
    const result = await msteams.send(
      { content: "hi", webhookUrl: "https://acme.webhook.office.com/x" },
      {},
      { idempotencyKey: "m-3", fetch: host.fetch },
    );
    expect(result.id).toBe("m-3");
    expect(host.requests[0]).toMatchObject({
      method: "POST",
      url: "https://acme.webhook.office.com/x",
      headers: { "content-type": "application/json" },
      body: '{"text":"hi"}',
    });
  });

  it("retries a throttled webhook and refuses a subscriber without one", async () => {
    const host = recordingFetch(
      () => new Response("Microsoft Teams endpoint returned HTTP error 429", { status: 429 }),
    );
    await expect(
      msteams.send(
        { content: "hi", webhookUrl: "https://acme.webhook.office.com/x" },
        {},
        {
          idempotencyKey: "m",
          fetch: host.fetch,
        },
      ),
    ).rejects.toMatchObject({ details: { status: 429, retryable: true } });
    await expect(msteams.send({ content: "hi" }, {}, { idempotencyKey: "m" })).rejects.toMatchObject({
      details: { retryable: false },
    });
  });
});
