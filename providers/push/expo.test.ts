import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { expo } from "./expo";

describe("expo", () => {
  it("sends one message per device token and returns the first ticket id", async () => {
    const host = recordingFetch(() =>
      Response.json({
        data: [
          { status: "error", message: "DeviceNotRegistered" },
          { status: "ok", id: "tk-2" },
        ],
      }),
    );
    const result = await expo.send(
      {
        target: ["ExponentPushToken[a]", "ExponentPushToken[b]"],
        title: "Hi",
        content: "Body",
        data: { k: "v" },
      },
      {},
      { idempotencyKey: "m-6", fetch: host.fetch, overrides: { sound: "default" } },
    );
    expect(result.id).toBe("tk-2");
    expect(host.requests[0]?.url).toBe("https://exp.host/--/api/v2/push/send");
    expect(JSON.parse(host.requests[0]?.body ?? "")).toEqual([
      { to: "ExponentPushToken[a]", title: "Hi", body: "Body", data: { k: "v" }, sound: "default" },
      { to: "ExponentPushToken[b]", title: "Hi", body: "Body", data: { k: "v" }, sound: "default" },
    ]);
  });

  it("fails when every device is rejected", async () => {
    const host = recordingFetch(() =>
      Response.json({ data: [{ status: "error", message: "DeviceNotRegistered" }] }),
    );
    await expect(
      expo.send({ target: ["t"], title: "x", content: "y" }, {}, { idempotencyKey: "m", fetch: host.fetch }),
    ).rejects.toThrow(/DeviceNotRegistered/);
  });
});
