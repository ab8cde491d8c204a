import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { telegram } from "./telegram";

describe("telegram", () => {
  it("calls the bot's sendMessage with the chat id and returns message_id and date", async () => {
    const host = recordingFetch(() =>
      Response.json({
        ok: true,
        result: { message_id: 42, date: 1795514400, chat: { id: -100123 }, text: "hi" },
      }),
    );
    const result = await telegram.send(
      { content: "hi", channel: "-100123" },
      { apiToken: "123456:ABC-DEF" },
      { idempotencyKey: "m", fetch: host.fetch, overrides: { parse_mode: "HTML" } },
    );
    expect(result).toEqual({ id: "42", date: new Date(1795514400 * 1000).toISOString() });
    expect(host.requests[0]).toMatchObject({
      method: "POST",
      url: "https://api.telegram.org/bot123456:ABC-DEF/sendMessage",
      headers: { "content-type": "application/json" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      chat_id: "-100123",
      text: "hi",
      parse_mode: "HTML",
    });
  });

  it("classifies chat-not-found (400) as permanent and flood control (429) as retryable", async () => {
    const send = (response: Response) =>
      telegram.send(
        { content: "hi", channel: "1" },
        { apiToken: "t" },
        {
          idempotencyKey: "m",
          fetch: recordingFetch(() => response).fetch,
        },
      );
    const missing = send(
      Response.json(
        { ok: false, error_code: 400, description: "Bad Request: chat not found" },
        { status: 400 },
      ),
    );
    await expect(missing).rejects.toMatchObject({ details: { status: 400, retryable: false } });
    await expect(missing).rejects.toThrow(/chat not found/);
    await expect(
      send(
        Response.json(
          { ok: false, error_code: 429, parameters: { retry_after: 5 } },
          { status: 429, headers: { "retry-after": "5" } },
        ),
      ),
    ).rejects.toMatchObject({ details: { status: 429, retryable: true, retryAfterSeconds: 5 } });
  });
});
