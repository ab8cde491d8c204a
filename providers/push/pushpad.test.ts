import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { pushpad } from "./pushpad";

describe("pushpad", () => {
  it("creates one notification for the target uids and returns Pushpad's id", async () => {
    const host = recordingFetch(() =>
      Response.json({ id: 123456, scheduled: 2, uids: ["u1"] }, { status: 201 }),
    );
    const result = await pushpad.send(
      { target: ["u1", "u2"], title: "Hi", content: "Body" },
      { apiKey: "pp-token", applicationId: "763" },
      { idempotencyKey: "m", fetch: host.fetch, overrides: { target_url: "https://acme.io/orders/7" } },
    );
    expect(result.id).toBe("123456");
    expect(host.requests[0]).toMatchObject({
      method: "POST",
      url: "https://pushpad.xyz/api/v1/projects/763/notifications",
      headers: {
        authorization: "Bearer pp-token",
        accept: "application/json",
        "content-type": "application/json",
      },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      body: "Body",
      title: "Hi",
      uids: ["u1", "u2"],
      target_url: "https://acme.io/orders/7",
    });
  });

  it("fails permanently when no uid is subscribed, or on a 422", async () => {
    const nobody = recordingFetch(() => Response.json({ id: 1, scheduled: 0, uids: [] }, { status: 201 }));
    await expect(
      pushpad.send(
        { target: ["u9"], title: "t", content: "c" },
        { apiKey: "k", applicationId: "1" },
        { idempotencyKey: "m", fetch: nobody.fetch },
      ),
    ).rejects.toMatchObject({ details: { retryable: false } });

    const invalid = recordingFetch(() =>
      Response.json({ errors: { body: ["is too long"] } }, { status: 422 }),
    );
    const bad = pushpad.send(
      { target: ["u1"], title: "t", content: "c" },
      { apiKey: "k", applicationId: "1" },
      { idempotencyKey: "m", fetch: invalid.fetch },
    );
    await expect(bad).rejects.toMatchObject({ details: { status: 422, retryable: false } });
    await expect(bad).rejects.toThrow(/too long/);
  });
});
