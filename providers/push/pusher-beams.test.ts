import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { pusherBeams } from "./pusher-beams";

describe("pusher-beams", () => {
  it("publishes to the target users on the instance host and returns the publishId", async () => {
    const host = recordingFetch(() => Response.json({ publishId: "pubid-33f3f68e" }));
    const result = await pusherBeams.send(
      { target: ["user-1", "user-2"], title: "Hi", content: "Body", data: { k: "v" } },
      { instanceId: "97c56dfe-58f5-408b-ab3a-158e51a860f2", secretKey: "beams-secret" },
      { idempotencyKey: "m", fetch: host.fetch, overrides: { fcm: { notification: { icon: "bell" } } } },
    );
    expect(result.id).toBe("pubid-33f3f68e");
    expect(host.requests[0]).toMatchObject({
      method: "POST",
      url: "https://97c56dfe-58f5-408b-ab3a-158e51a860f2.pushnotifications.pusher.com/publish_api/v1/instances/97c56dfe-58f5-408b-ab3a-158e51a860f2/publishes/users",
      headers: { authorization: "Bearer beams-secret", "content-type": "application/json" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      users: ["user-1", "user-2"],
      apns: { aps: { alert: { title: "Hi", body: "Body" } } },
      fcm: { notification: { title: "Hi", body: "Body", icon: "bell" }, data: { k: "v" } },
      web: { notification: { title: "Hi", body: "Body" }, data: { k: "v" } },
    });
  });

  it("classifies a 401 as permanent and a 429 as retryable", async () => {
    const send = (status: number) =>
      pusherBeams.send(
        { target: ["u"], title: "t", content: "c" },
        { instanceId: "i", secretKey: "s", baseUrl: "https://beams.test" },
        {
          idempotencyKey: "m",
          fetch: recordingFetch(() => Response.json({ error: "x", description: "nope" }, { status })).fetch,
        },
      );
    await expect(send(401)).rejects.toMatchObject({ details: { status: 401, retryable: false } });
    await expect(send(429)).rejects.toMatchObject({ details: { status: 429, retryable: true } });
  });
});
