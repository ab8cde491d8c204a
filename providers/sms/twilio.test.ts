import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { twilio } from "./twilio";

describe("twilio", () => {
  it("posts a form to Messages.json with basic auth and returns the SID", async () => {
    const host = recordingFetch(() =>
      Response.json({ sid: "SM123", date_created: "Tue, 24 Nov 2026 10:00:00 +0000" }, { status: 201 }),
    );
    const result = await twilio.send(
      { to: "+15551234567", content: "Code 42" },
      { accountSid: "AC1", token: "tok", from: "+15550000000" },
      { idempotencyKey: "m-5", fetch: host.fetch },
    );
    expect(result).toEqual({ id: "SM123", date: "2026-11-24T10:00:00.000Z" });
    const [request] = host.requests;
    expect(request).toMatchObject({
      url: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json",
      headers: {
        authorization: `Basic ${btoa("AC1:tok")}`,
        "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
      },
    });
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      To: "+15551234567",
      Body: "Code 42",
      From: "+15550000000",
    });
  });

  it("uses a Messaging Service SID as the sender pool, and classifies 429 as retryable", async () => {
    const host = recordingFetch(() => new Response('{"code":20429}', { status: 429 }));
    await expect(
      twilio.send(
        { to: "+1555", content: "x" },
        { accountSid: "AC1", token: "t", from: "MG9" },
        { idempotencyKey: "m", fetch: host.fetch },
      ),
    ).rejects.toMatchObject({
      details: { retryable: true },
    });
    expect(new URLSearchParams(host.requests[0]?.body).get("MessagingServiceSid")).toBe("MG9");
  });
});
