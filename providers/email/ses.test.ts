import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { ses } from "./ses";

describe("ses", () => {
  it("posts SES v2 SendEmail signed with Signature V4 for the region", async () => {
    const host = recordingFetch(() => Response.json({ MessageId: "0100-ses" }));
    const result = await ses.send(
      { to: ["a@x.io"], subject: "Hi", html: "<p>x</p>" },
      { apiKey: "AKIAEXAMPLE", secretKey: "secret", region: "eu-west-1", from: "n@acme.io" },
      { idempotencyKey: "m-1", fetch: host.fetch },
    );
    expect(result.id).toBe("0100-ses");
    const [request] = host.requests;
    expect(request?.url).toBe("https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails");
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE\/\d{8}\/eu-west-1\/ses\/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}$/,
    );
    expect(request?.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(JSON.parse(request?.body ?? "")).toMatchObject({
      FromEmailAddress: "n@acme.io",
      Destination: { ToAddresses: ["a@x.io"] },
      Content: { Simple: { Subject: { Data: "Hi" }, Body: { Html: { Data: "<p>x</p>" } } } },
    });
  });
});
