import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { sns } from "./sns";

describe("sns", () => {
  it("publishes to a phone number with a signed form request", async () => {
    const host = recordingFetch(() =>
      Response.json({ PublishResponse: { PublishResult: { MessageId: "sns-1" } } }),
    );
    const result = await sns.send(
      { to: "+15551234567", content: "Code 42" },
      { apiKey: "AKIA", secretKey: "s", region: "us-east-1", senderId: "ACME" },
      { idempotencyKey: "m", fetch: host.fetch },
    );
    expect(result.id).toBe("sns-1");
    const [request] = host.requests;
    expect(request?.url).toBe("https://sns.us-east-1.amazonaws.com/");
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIA\/\d{8}\/us-east-1\/sns\/aws4_request/,
    );
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toMatchObject({
      Action: "Publish",
      PhoneNumber: "+15551234567",
      Message: "Code 42",
      "MessageAttributes.entry.1.Value.StringValue": "ACME",
    });
  });
});
