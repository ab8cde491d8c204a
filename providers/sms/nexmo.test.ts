import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { nexmo } from "./nexmo";

describe("nexmo (Vonage)", () => {
  it("posts /sms/json as a form and returns the message-id", async () => {
    const host = recordingFetch(() =>
      Response.json({ "message-count": "1", messages: [{ status: "0", "message-id": "vn-1" }] }),
    );
    const result = await nexmo.send(
      { to: "+447700900000", content: "Code 7" },
      { apiKey: "k", secretKey: "s", from: "Acme" },
      { idempotencyKey: "m-1", fetch: host.fetch },
    );
    expect(result.id).toBe("vn-1");
    expect(host.requests[0]?.url).toBe("https://rest.nexmo.com/sms/json");
    expect(Object.fromEntries(new URLSearchParams(host.requests[0]?.body))).toEqual({
      api_key: "k",
      api_secret: "s",
      to: "447700900000",
      from: "Acme",
      text: "Code 7",
      "client-ref": "m-1",
    });
  });

  it("reads a non-zero status in a 200 answer as a failure, throttling as retryable", async () => {
    const throttled = recordingFetch(() =>
      Response.json({ messages: [{ status: "1", "error-text": "Throughput Rate Exceeded" }] }),
    );
    await expect(
      nexmo.send(
        { to: "1", content: "x" },
        { apiKey: "k", secretKey: "s" },
        { idempotencyKey: "m", fetch: throttled.fetch },
      ),
    ).rejects.toMatchObject({
      details: { retryable: true },
    });
    const invalid = recordingFetch(() =>
      Response.json({ messages: [{ status: "3", "error-text": "Invalid to" }] }),
    );
    await expect(
      nexmo.send(
        { to: "1", content: "x" },
        { apiKey: "k", secretKey: "s" },
        { idempotencyKey: "m", fetch: invalid.fetch },
      ),
    ).rejects.toThrow(/Invalid to/);
  });
});
