import { exportPKCS8, generateKeyPair, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { apns } from "./apns";
import { uuidFor } from "./uuid";

async function p8() {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  return { publicKey, key: await exportPKCS8(privateKey) };
}

describe("apns", () => {
  it("posts an alert per device with an ES256 provider token, topic and push type", async () => {
    const { publicKey, key } = await p8();
    const host = recordingFetch(() => new Response(null, { status: 200, headers: { "apns-id": "A-1" } }));
    const result = await apns.send(
      { target: ["tok1", "tok2"], title: "Hi", content: "Body", data: { orderId: "7" } },
      {
        secretKey: key,
        apiKey: "KEY123",
        projectName: "TEAM42",
        applicationId: "com.acme.app",
        secure: "true",
      },
      { idempotencyKey: "msg-1", fetch: host.fetch, overrides: { aps: { sound: "default" } } },
    );
    expect(result.id).toBe("A-1");
    expect(host.requests.map((r) => r.url)).toEqual([
      "https://api.push.apple.com/3/device/tok1",
      "https://api.push.apple.com/3/device/tok2",
    ]);
    const [request] = host.requests;
    expect(request).toMatchObject({
      method: "POST",
      headers: {
        "apns-topic": "com.acme.app",
        "apns-push-type": "alert",
        "apns-id": await uuidFor("msg-1"),
        "apns-collapse-id": "msg-1",
        "content-type": "application/json",
      },
    });
    expect(JSON.parse(request?.body ?? "")).toEqual({
      aps: { alert: { title: "Hi", body: "Body" }, sound: "default" },
      orderId: "7",
    });
    const jwt = request?.headers.authorization?.replace(/^bearer /, "") ?? "";
    const { payload, protectedHeader } = await jwtVerify(jwt, publicKey);
    expect(protectedHeader).toMatchObject({ alg: "ES256", kid: "KEY123" });
    expect(payload.iss).toBe("TEAM42");
    expect(typeof payload.iat).toBe("number");
  });

  it("uses the sandbox host by default, and fails permanently when every device is Unregistered", async () => {
    const { key } = await p8();
    const host = recordingFetch(() => Response.json({ reason: "Unregistered" }, { status: 410 }));
    const send = apns.send(
      { target: ["gone"], title: "t", content: "c" },
      { secretKey: key, apiKey: "K", projectName: "T", applicationId: "com.acme.app" },
      { idempotencyKey: "m", fetch: host.fetch },
    );
    await expect(send).rejects.toMatchObject({ details: { status: 410, retryable: false } });
    await expect(send).rejects.toThrow(/Unregistered/);
    expect(host.requests[0]?.url).toBe("https://api.sandbox.push.apple.com/3/device/gone");
  });
});
