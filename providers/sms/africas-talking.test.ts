import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { africasTalking } from "./africas-talking";

describe("africas-talking", () => {
  it("posts a form with the apikey header and returns the recipient's messageId", async () => {
    const host = recordingFetch(() =>
      Response.json(
        {
          SMSMessageData: {
            Message: "Sent to 1/1",
            Recipients: [{ messageId: "ATXid_1", status: "Success" }],
          },
        },
        { status: 201 },
      ),
    );
    const result = await africasTalking.send(
      { to: "+254711000000", content: "Hi" },
      { apiKey: "at-key", user: "acme" },
      { idempotencyKey: "m", fetch: host.fetch },
    );
    expect(result.id).toBe("ATXid_1");
    expect(host.requests[0]).toMatchObject({
      url: "https://api.africastalking.com/version1/messaging",
      headers: { apikey: "at-key" },
    });
    expect(Object.fromEntries(new URLSearchParams(host.requests[0]?.body))).toEqual({
      username: "acme",
      to: "+254711000000",
      message: "Hi",
    });
  });

  it("uses the sandbox host for the sandbox user and fails on a rejected recipient", async () => {
    const host = recordingFetch(() =>
      Response.json({
        SMSMessageData: {
          Message: "Sent to 0/1",
          Recipients: [{ messageId: "None", status: "InvalidPhoneNumber" }],
        },
      }),
    );
    await expect(
      africasTalking.send(
        { to: "1", content: "x" },
        { apiKey: "k", user: "sandbox" },
        { idempotencyKey: "m", fetch: host.fetch },
      ),
    ).rejects.toThrow(/InvalidPhoneNumber/);
    expect(host.requests[0]?.url).toBe("https://api.sandbox.africastalking.com/version1/messaging");
  });
});
