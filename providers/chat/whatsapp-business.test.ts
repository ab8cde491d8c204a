import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { whatsappBusiness } from "./whatsapp-business";

const credentials = { apiToken: "EAAG-token", phoneNumberIdentification: "106540352242922" };

describe("whatsapp-business", () => {
  it("posts a text message to the phone through the Graph API and returns the wamid", async () => {
    const host = recordingFetch(() =>
      Response.json({
        messaging_product: "whatsapp",
        contacts: [{ input: "+16505551234", wa_id: "16505551234" }],
        messages: [{ id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA" }],
      }),
    );
    const result = await whatsappBusiness.send(
      { content: "Your code is 1234", phone: "+16505551234" },
      credentials,
      {
        idempotencyKey: "m",
        fetch: host.fetch,
      },
    );
    expect(result.id).toBe("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA");
    expect(host.requests[0]).toMatchObject({
      method: "POST",
      url: "https://graph.facebook.com/v22.0/106540352242922/messages",
      headers: { authorization: "Bearer EAAG-token", "content-type": "application/json" },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "+16505551234",
      type: "text",
      text: { body: "Your code is 1234", preview_url: false },
    });
  });

  it("fails permanently on Graph's 400 and when the subscriber has no phone", async () => {
    const reason =
      '{"error":{"message":"(#131030) Recipient phone number not in allowed list","code":131030}}';
    const host = recordingFetch(() => new Response(reason, { status: 400 }));
    const bad = whatsappBusiness.send({ content: "x", phone: "+1" }, credentials, {
      idempotencyKey: "m",
      fetch: host.fetch,
    });
    await expect(bad).rejects.toMatchObject({ details: { status: 400, retryable: false } });
    await expect(bad).rejects.toThrow(/not in allowed list/);
    await expect(
      whatsappBusiness.send({ content: "x" }, credentials, { idempotencyKey: "m" }),
    ).rejects.toThrow(/no phone number/);
  });
});
