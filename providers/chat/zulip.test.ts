import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { zulip } from "./zulip";

const webhookUrl =
  "https://acme.zulipchat.com/api/v1/external/slack_incoming?api_key=abc&stream=ops&topic=deploys";

describe("zulip", () => {
  it("posts { text } to the subscriber's Slack-compatible webhook URL", async () => {
    const host = recordingFetch(() => Response.json({ result: "success", msg: "" }));
    const result = await zulip.send(
      { content: "Deploy done", webhookUrl },
      {},
      {
        idempotencyKey: "msg-9",
        fetch: host.fetch,
      },
    );
    expect(result.id).toBe("msg-9");
    expect(host.requests[0]).toMatchObject({
      method: "POST",
      url: webhookUrl,
      headers: { "content-type": "application/json" },
      body: '{"text":"Deploy done"}',
    });
  });

  it("fails permanently on an invalid API key (401)", async () => {
    const host = recordingFetch(() =>
      Response.json({ result: "error", msg: "Invalid API key", code: "INVALID_API_KEY" }, { status: 401 }),
    );
    const bad = zulip.send({ content: "x", webhookUrl }, {}, { idempotencyKey: "m", fetch: host.fetch });
    await expect(bad).rejects.toMatchObject({ details: { status: 401, retryable: false } });
    await expect(bad).rejects.toThrow(/Invalid API key/);
  });
});
