import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { rocketChat } from "./rocket-chat";

describe("rocket-chat", () => {
  it("sends to the room through chat.sendMessage with the user's auth headers", async () => {
    const host = recordingFetch(() =>
      Response.json({
        message: { _id: "jC9chsFddTvsbFQG7", rid: "GENERAL", msg: "hi", ts: "2026-11-24T10:00:00.117Z" },
        success: true,
      }),
    );
    const result = await rocketChat.send(
      { content: "hi", channel: "GENERAL", webhookUrl: "https://chat.acme.io/" },
      { token: "auth-token", user: "user-id" },
      { idempotencyKey: "m", fetch: host.fetch, overrides: { message: { alias: "Novu" } } },
    );
    expect(result).toEqual({ id: "jC9chsFddTvsbFQG7", date: "2026-11-24T10:00:00.117Z" });
    expect(host.requests[0]).toMatchObject({
      method: "POST",
      url: "https://chat.acme.io/api/v1/chat.sendMessage",
      headers: { "x-auth-token": "auth-token", "x-user-id": "user-id", "content-type": "application/json" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      message: { rid: "GENERAL", msg: "hi", alias: "Novu" },
    });
  });

  it("fails permanently on Rocket.Chat's 400 and on missing credentials", async () => {
    const host = recordingFetch(() =>
      Response.json({ success: false, error: "error-invalid-room" }, { status: 400 }),
    );
    const bad = rocketChat.send(
      { content: "hi", channel: "nope", webhookUrl: "https://chat.acme.io" },
      { token: "t", user: "u" },
      { idempotencyKey: "m", fetch: host.fetch },
    );
    await expect(bad).rejects.toMatchObject({ details: { status: 400, retryable: false } });
    await expect(bad).rejects.toThrow(/error-invalid-room/);
    await expect(
      rocketChat.send(
        { content: "hi", channel: "c", webhookUrl: "https://chat.acme.io" },
        {},
        { idempotencyKey: "m" },
      ),
    ).rejects.toThrow(/missing credential/);
  });
});
