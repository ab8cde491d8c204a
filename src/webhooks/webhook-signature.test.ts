import { describe, expect, it } from "vitest";
import { signatureHeader } from "../lib/signature";
import { verifyWebhookSignature } from "./webhook-signature";

const secret = "whsec_receiver-test-secret";
const body = JSON.stringify({ type: "message.sent", data: { messageId: "m1" } });

describe("verifyWebhookSignature (for receivers of outbound webhooks)", () => {
  it("accepts a header the platform produced for this body, within the tolerance", async () => {
    const signedAt = Date.now();
    const header = await signatureHeader(secret, body, signedAt);
    expect(await verifyWebhookSignature(secret, header, body, signedAt + 299_000)).toEqual({
      valid: true,
      timestamp: signedAt,
    });
  });

  it("refuses a tampered body, a tampered timestamp and the wrong secret", async () => {
    const signedAt = Date.now();
    const header = await signatureHeader(secret, body, signedAt);
    const tamperedBody = body.replace("m1", "m2");
    expect(await verifyWebhookSignature(secret, header, tamperedBody, signedAt)).toEqual({
      valid: false,
      reason: "mismatch",
    });
    const shifted = header.replace(`t=${signedAt}`, `t=${signedAt + 1}`);
    expect(await verifyWebhookSignature(secret, shifted, body, signedAt)).toMatchObject({
      reason: "mismatch",
    });
    expect(await verifyWebhookSignature("whsec_other", header, body, signedAt)).toMatchObject({
      reason: "mismatch",
    });
  });

  it("refuses a genuine signature replayed after the tolerance window, in either direction", async () => {
    const signedAt = Date.now() - 6 * 60_000;
    const header = await signatureHeader(secret, body, signedAt);
    expect(await verifyWebhookSignature(secret, header, body)).toEqual({ valid: false, reason: "stale" });
    expect(await verifyWebhookSignature(secret, header, body, signedAt - 301_000)).toMatchObject({
      reason: "stale",
    });
    expect(await verifyWebhookSignature(secret, header, body, Date.now(), 10 * 60_000)).toMatchObject({
      valid: true,
    });
  });

  it("refuses missing and malformed headers", async () => {
    for (const header of [undefined, null, "", "v1=abc", `t=1,v1=${"z".repeat(64)}`, "t=,v1=", "garbage"])
      expect(await verifyWebhookSignature(secret, header, body)).toEqual({
        valid: false,
        reason: "malformed",
      });
  });
});
