import { describe, expect, it } from "vitest";
import { api, call, createTenant, providerPath, sdk, type TestTenant } from "./fixtures";

type Connection = {
  identifier: string;
  workspace: { id: string; name?: string };
  subscriberId: string | null;
};
type Endpoint = { type: string; endpoint: Record<string, string>; connectionIdentifier: string | null };

const callbackUrl = "http://api.test/v1/integrations/chat/oauth/callback";

/** A tenant with subscriber `ada` and a Slack integration whose API host is a fresh recording path. */
async function slackSetup(
  credentials: Record<string, string> = { clientId: "cid-1", secretKey: "csecret-1" },
) {
  const tenant = await createTenant();
  const server = api(tenant);
  const slack = providerPath("slack");
  const created = await server("/v1/integrations", {
    method: "POST",
    body: {
      providerId: "slack",
      channel: "chat",
      identifier: "slack-main",
      credentials: { ...credentials, baseUrl: slack.baseUrl },
    },
  });
  expect(created.status).toBe(201);
  await server("/v2/subscribers", { method: "POST", body: { subscriberId: "ada" } });
  return { tenant, server, slack, novu: sdk(tenant) };
}

function authorizeParams(url: string) {
  const parsed = new URL(url);
  expect(`${parsed.origin}${parsed.pathname}`).toBe("https://slack.com/oauth/v2/authorize");
  return parsed.searchParams;
}

async function callback(query: Record<string, string>) {
  return call(`/v1/integrations/chat/oauth/callback?${new URLSearchParams(query)}`);
}

async function endpointsOf(tenant: TestTenant, subscriberId: string): Promise<Endpoint[]> {
  const res = await api(tenant)(`/v1/channel-endpoints?subscriberId=${subscriberId}`);
  return (await res.json<{ data: Endpoint[] }>()).data;
}

describe("chat OAuth (Slack)", () => {
  it("builds the authorize URL and, on the callback, exchanges the code and stores the connection and user", async () => {
    const { tenant, server, slack, novu } = await slackSetup();
    const { result } = await novu.integrations.generateChatOAuthUrl({
      integrationIdentifier: "slack-main",
      subscriberId: "ada",
      connectionIdentifier: "conn-acme",
      autoLinkUser: true,
    });
    const params = authorizeParams(result.url);
    expect(params.get("client_id")).toBe("cid-1");
    expect(params.get("redirect_uri")).toBe(callbackUrl);
    expect(params.get("scope")).toBe("chat:write,chat:write.public,channels:read,groups:read,users:read");
    const state = params.get("state") ?? "";

    await slack.script("/api/oauth.v2.access", [
      {
        status: 200,
        body: JSON.stringify({
          ok: true,
          access_token: "xoxb-token",
          team: { id: "T123", name: "Acme" },
          authed_user: { id: "U777" },
        }),
      },
    ]);
    const done = await callback({ code: "the-code", state });
    expect(done.status).toBe(200);
    expect(done.headers.get("content-type")).toContain("text/html");

    const [exchange] = await slack.requests();
    expect(exchange?.method).toBe("POST");
    expect(Object.fromEntries(new URLSearchParams(exchange?.body))).toEqual({
      code: "the-code",
      redirect_uri: callbackUrl,
      client_id: "cid-1",
      client_secret: "csecret-1",
    });

    const connection = await (await server("/v1/channel-connections/conn-acme")).json<{ data: Connection }>();
    expect(connection.data).toMatchObject({ workspace: { id: "T123", name: "Acme" }, subscriberId: "ada" });
    expect(await endpointsOf(tenant, "ada")).toEqual([
      expect.objectContaining({
        type: "slack_user",
        endpoint: { userId: "U777" },
        connectionIdentifier: "conn-acme",
      }),
    ]);

    // Reinstalling into the same connection rotates its token instead of failing.
    await slack.script("/api/oauth.v2.access", [
      { status: 200, body: JSON.stringify({ ok: true, access_token: "xoxb-new", team: { id: "T123" } }) },
    ]);
    const again = await novu.integrations.generateConnectOAuthUrl({
      integrationIdentifier: "slack-main",
      subscriberId: "ada",
      connectionIdentifier: "conn-acme",
      autoLinkUser: false,
    });
    expect(
      (await callback({ code: "c2", state: authorizeParams(again.result.url).get("state") ?? "" })).status,
    ).toBe(200);
  });

  it("links a subscriber's Slack user (link_user) and issues the link URL", async () => {
    const { tenant, slack, novu } = await slackSetup();
    const { result } = await novu.integrations.generateLinkUserOAuthUrl({
      integrationIdentifier: "slack-main",
      subscriberId: "ada",
      userScope: ["identity.basic", "identity.email"],
    });
    const params = authorizeParams(result.url);
    expect(params.get("user_scope")).toBe("identity.basic,identity.email");
    expect(params.has("scope")).toBe(false);
    await slack.script("/api/oauth.v2.access", [
      { status: 200, body: JSON.stringify({ ok: true, authed_user: { id: "U42" } }) },
    ]);
    expect((await callback({ code: "c", state: params.get("state") ?? "" })).status).toBe(200);
    expect(await endpointsOf(tenant, "ada")).toEqual([
      expect.objectContaining({
        type: "slack_user",
        endpoint: { userId: "U42" },
        connectionIdentifier: null,
      }),
    ]);

    const link = await novu.integrations.linkChannelEndpoint({
      integrationIdentifier: "slack-main",
      subscriberId: "ada",
    });
    expect(authorizeParams(link.result.url).get("user_scope")).toBe("identity.basic");
    expect(Date.parse(String(link.result.providerMetadata?.expiresAt))).toBeGreaterThan(Date.now());
  });

  it("refuses forged, foreign or declined callbacks and a provider's error", async () => {
    const { slack, novu } = await slackSetup();
    const { result } = await novu.integrations.generateChatOAuthUrl({
      integrationIdentifier: "slack-main",
      subscriberId: "ada",
    });
    const state = authorizeParams(result.url).get("state") ?? "";
    const decoded = atob(state.replaceAll("-", "+").replaceAll("_", "/"));
    const forged = btoa(decoded.replace('"subscriberId":"ada"', '"subscriberId":"eve"'))
      .replaceAll("+", "-")
      .replaceAll("/", "_")
      .replace(/=+$/, "");
    // Signed with another environment's key: its own state does not verify under this environment.
    const other = await slackSetup();
    const foreign = (
      await other.novu.integrations.generateChatOAuthUrl({
        integrationIdentifier: "slack-main",
        subscriberId: "ada",
      })
    ).result.url;
    const foreignState = authorizeParams(foreign).get("state") ?? "";
    const foreignDecoded = atob(foreignState.replaceAll("-", "+").replaceAll("_", "/"));
    const spliced = btoa(
      `${decoded.slice(0, decoded.lastIndexOf("."))}${foreignDecoded.slice(foreignDecoded.lastIndexOf("."))}`,
    );

    const refusals: Array<Record<string, string>> = [
      { code: "c", state: forged },
      { code: "c", state: spliced },
      { code: "c", state: "not-a-state" },
      { code: "c" },
      { state, error: "access_denied" },
      { state },
    ];
    for (const query of refusals) {
      const res = await callback(query);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400 });
    }
    await slack.script("/api/oauth.v2.access", [
      { status: 200, body: JSON.stringify({ ok: false, error: "invalid_code" }) },
    ]);
    const refused = await callback({ code: "c", state });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ message: "Slack OAuth error: invalid_code" });
    expect((await slack.requests()).length).toBe(1);
  });

  it("refuses bad requests for URLs: unknown ids, other providers, missing credentials or owner, malformed bodies", async () => {
    const { tenant, server } = await slackSetup();
    await server("/v1/integrations", {
      method: "POST",
      body: { providerId: "telegram", channel: "chat", identifier: "tg" },
    });
    const post = (path: string, body: unknown, key = tenant) => api(key)(path, { method: "POST", body });
    const chat = "/v1/integrations/chat/oauth";
    const expectStatus = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ statusCode: status });
    };
    await expectStatus(await post(chat, { integrationIdentifier: "nope", subscriberId: "ada" }), 404);
    await expectStatus(await post(chat, { integrationIdentifier: "tg", subscriberId: "ada" }), 400);
    await expectStatus(await post(chat, { integrationIdentifier: "slack-main" }), 400);
    await expectStatus(await post(chat, { integrationIdentifier: "slack-main", subscriberId: "ghost" }), 404);
    await expectStatus(
      await post(chat, {
        integrationIdentifier: "slack-main",
        subscriberId: "ada",
        connectionMode: "shared",
      }),
      400,
    );
    await expectStatus(await post(chat, { subscriberId: "ada" }), 422);
    await expectStatus(await post(chat, { integrationIdentifier: "slack-main", scope: "chat:write" }), 422);
    await expectStatus(
      await post("/v1/integrations/channel-endpoints/oauth", { integrationIdentifier: "slack-main" }),
      422,
    );
    await expectStatus(
      await post("/v1/integrations/channel-endpoints/link", {
        integrationIdentifier: "tg",
        subscriberId: "ada",
      }),
      400,
    );
    await expectStatus(
      await post(chat, { integrationIdentifier: "slack-main", subscriberId: "ada" }, await createTenant()),
      404,
    );

    const noClient = await slackSetup({ secretKey: "s" });
    await expectStatus(
      await api(noClient.tenant)(chat, {
        method: "POST",
        body: { integrationIdentifier: "slack-main", subscriberId: "ada" },
      }),
      404,
    );
  });
});
