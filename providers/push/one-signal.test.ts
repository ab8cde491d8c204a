import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { oneSignal } from "./one-signal";
import { uuidFor } from "./uuid";

const credentials = { apiKey: "os_v2_app_key", applicationId: "8250eaf6-1a58-489e-b136-7c74a864b434" };

describe("one-signal", () => {
  it("creates one push message for every subscription id, with an idempotency key", async () => {
    const host = recordingFetch(() =>
      Response.json({ id: "b98881cc-1e94-4366-bbd9-db8f3429292b", errors: {} }),
    );
    const result = await oneSignal.send(
      { target: ["sub-1", "sub-2"], title: "Hi", content: "Body", data: { k: "v" } },
      credentials,
      { idempotencyKey: "msg-1", fetch: host.fetch, overrides: { ios_sound: "ping.wav" } },
    );
    expect(result.id).toBe("b98881cc-1e94-4366-bbd9-db8f3429292b");
    expect(host.requests).toHaveLength(1);
    expect(host.requests[0]).toMatchObject({
      method: "POST",
      url: "https://api.onesignal.com/notifications",
      headers: { authorization: "Key os_v2_app_key", "content-type": "application/json" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      app_id: credentials.applicationId,
      target_channel: "push",
      include_subscription_ids: ["sub-1", "sub-2"],
      headings: { en: "Hi" },
      contents: { en: "Body" },
      data: { k: "v" },
      idempotency_key: await uuidFor("msg-1"),
      ios_sound: "ping.wav",
    });
  });

  it("fails permanently when OneSignal reached no subscription, and retries its 5xx", async () => {
    const none = recordingFetch(() =>
      Response.json({ id: "", errors: ["All included players are not subscribed"] }),
    );
    await expect(
      oneSignal.send({ target: ["x"], title: "t", content: "c" }, credentials, {
        idempotencyKey: "m",
        fetch: none.fetch,
      }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/not subscribed/),
      details: { retryable: false },
    });

    const down = recordingFetch(() => new Response("unavailable", { status: 503 }));
    await expect(
      oneSignal.send({ target: ["x"], title: "t", content: "c" }, credentials, {
        idempotencyKey: "m",
        fetch: down.fetch,
      }),
    ).rejects.toMatchObject({ details: { status: 503, retryable: true } });
  });
});
