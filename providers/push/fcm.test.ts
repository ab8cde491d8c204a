import { exportPKCS8, exportSPKI, generateKeyPair, importSPKI, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { recordingFetch } from "../test-support";
import { fcm } from "./fcm";

async function serviceAccount() {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const account = {
    project_id: "acme-app",
    client_email: "novu@acme-app.iam.gserviceaccount.com",
    private_key: await exportPKCS8(privateKey),
  };
  return { account, publicKey: await exportSPKI(publicKey) };
}

describe("fcm", () => {
  it("exchanges a signed service-account JWT for a token, then sends HTTP v1 per device", async () => {
    const { account, publicKey } = await serviceAccount();
    const host = recordingFetch(
      (() => {
        let call = 0;
        return () =>
          call++ === 0
            ? Response.json({ access_token: "ya29.token" })
            : Response.json({ name: `projects/acme-app/messages/${call}` });
      })(),
    );
    const result = await fcm.send(
      { target: ["device-1"], title: "Hi", content: "Body", data: { orderId: "7" } },
      { serviceAccount: JSON.stringify(account), baseUrl: "https://fcm.test" },
      { idempotencyKey: "m", fetch: host.fetch, overrides: { android: { priority: "high" } } },
    );
    expect(result.id).toBe("projects/acme-app/messages/2");

    const [exchange, send] = host.requests;
    expect(exchange?.url).toBe("https://fcm.test/token");
    const form = new URLSearchParams(exchange?.body);
    expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const { payload } = await jwtVerify(form.get("assertion") ?? "", await importSPKI(publicKey, "RS256"), {
      audience: "https://fcm.test/token",
    });
    expect(payload).toMatchObject({
      iss: account.client_email,
      scope: "https://www.googleapis.com/auth/firebase.messaging",
    });

    expect(send).toMatchObject({
      url: "https://fcm.test/v1/projects/acme-app/messages:send",
      headers: { authorization: "Bearer ya29.token" },
    });
    expect(JSON.parse(send?.body ?? "")).toEqual({
      message: {
        token: "device-1",
        notification: { title: "Hi", body: "Body" },
        data: { orderId: "7" },
        android: { priority: "high" },
      },
    });
  });

  it("refuses a service account that is not JSON, sending nothing", async () => {
    const host = recordingFetch();
    await expect(
      fcm.send(
        { target: ["d"], title: "t", content: "c" },
        { serviceAccount: "nope" },
        { idempotencyKey: "m", fetch: host.fetch },
      ),
    ).rejects.toMatchObject({
      details: { retryable: false },
    });
    expect(host.requests).toHaveLength(0);
  });
  it("succeeds when any device accepts, and fails retryably only when every device failed and one transiently", async () => {
    const { account } = await serviceAccount();
    const answers = (...rest: Response[]) => {
      const queue = [Response.json({ access_token: "t" }), ...rest];
      return recordingFetch(() => queue.shift() ?? new Response(null, { status: 500 }));
    };
    const credentials = { serviceAccount: JSON.stringify(account), baseUrl: "https://fcm.test" };
    const message = { target: ["stale", "fresh"], title: "t", content: "c" };
    const unregistered = () => Response.json({ error: { status: "NOT_FOUND" } }, { status: 404 });

    const partly = answers(unregistered(), Response.json({ name: "projects/acme-app/messages/9" }));
    await expect(
      fcm.send(message, credentials, { idempotencyKey: "m", fetch: partly.fetch }),
    ).resolves.toMatchObject({ id: "projects/acme-app/messages/9" });

    const none = answers(unregistered(), new Response("unavailable", { status: 503 }));
    await expect(
      fcm.send(message, credentials, { idempotencyKey: "m", fetch: none.fetch }),
    ).rejects.toMatchObject({
      details: { status: 503, retryable: true },
    });
  });
});
