import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { plivo } from "./plivo";

describe("plivo", () => {
  it("posts the Message resource with basic auth and returns the uuid", async () => {
    const host = recordingFetch(() =>
      Response.json({ message: "message(s) queued", message_uuid: ["pl-1"] }, { status: 202 }),
    );
    const result = await plivo.send(
      { to: "+14155550100", content: "Hi" },
      { accountSid: "MA1", token: "t", from: "+14155550199" },
      { idempotencyKey: "m", fetch: host.fetch },
    );
    expect(result.id).toBe("pl-1");
    expect(host.requests[0]).toMatchObject({
      url: "https://api.plivo.com/v1/Account/MA1/Message/",
      headers: { authorization: `Basic ${btoa("MA1:t")}` },
    });
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual({
      src: "+14155550199",
      dst: "+14155550100",
      text: "Hi",
    });
  });
});
