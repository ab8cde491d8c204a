// Channel connections through @novu/api: create, list, retrieve, update, delete; then bad input, unknown ids and
// another environment's key. They hang off a Slack integration, so this file works in an environment of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNotFound, expectRawInvalid, isolatedEnvironment, production, uniqueId } from "./helpers";

const run = uniqueId("conn");
const integrationIdentifier = `${run}-slack`;
let env: Awaited<ReturnType<typeof isolatedEnvironment>>;

beforeAll(async () => {
  env = await isolatedEnvironment(run);
  await env.novu.integrations.create({
    providerId: "slack",
    channel: "chat",
    identifier: integrationIdentifier,
    name: "Slack",
    active: true,
  });
  await env.novu.subscribers.create({ subscriberId: `${run}-alice` });
});
afterAll(async () => {
  await env?.remove();
});

describe("channel connections", () => {
  it("creates, lists, retrieves, updates and deletes a connection", async () => {
    const identifier = `${run}-alice-conn`;
    const created = await env.novu.channelConnections.create({
      identifier,
      subscriberId: `${run}-alice`,
      integrationIdentifier,
      workspace: { id: "T123", name: "Acme HQ" },
      auth: { accessToken: "xoxb-secret-token-9876" },
    });
    expect(created.result).toMatchObject({
      identifier,
      channel: "chat",
      providerId: "slack",
      integrationIdentifier,
      subscriberId: `${run}-alice`,
      workspace: { id: "T123", name: "Acme HQ" },
    });
    expect(created.result.auth.accessToken).not.toBe("xoxb-secret-token-9876");

    const listed = await env.novu.channelConnections.list({ subscriberId: `${run}-alice`, limit: 10 });
    expect(listed.result.data.map((c) => c.identifier)).toEqual([identifier]);
    const byIntegration = await env.novu.channelConnections.list({ integrationIdentifier, channel: "chat" });
    expect(byIntegration.result.data).toHaveLength(1);

    const retrieved = await env.novu.channelConnections.retrieve(identifier);
    expect(retrieved.result).toMatchObject({ identifier, workspace: { id: "T123" } });

    const updated = await env.novu.channelConnections.update(
      { workspace: { id: "T999", name: "Renamed" }, auth: { accessToken: "xoxb-new-token-1111" } },
      identifier,
    );
    expect(updated.result).toMatchObject({ identifier, workspace: { id: "T999", name: "Renamed" } });

    await env.novu.channelConnections.delete(identifier);
    await expectNotFound(env.novu.channelConnections.retrieve(identifier));
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    const identifier = `${run}-guarded`;
    await env.novu.channelConnections.create({
      identifier,
      subscriberId: `${run}-alice`,
      integrationIdentifier,
      workspace: { id: "T1" },
      auth: { accessToken: "xoxb-1" },
    });
    const asIsolated = { secretKey: env.secretKey };
    const valid = { integrationIdentifier, workspace: { id: "T1" }, auth: { accessToken: "x" } };
    await expectRawInvalid("/v1/channel-connections", {
      ...asIsolated,
      body: { ...valid, workspace: undefined },
    });
    await expectRawInvalid("/v1/channel-connections", { ...asIsolated, body: { ...valid, auth: "token" } });
    await expectRawInvalid("/v1/channel-connections", {
      ...asIsolated,
      body: { ...valid, integrationIdentifier: 5 },
    });

    await expectNotFound(env.novu.channelConnections.retrieve(`${run}-ghost`));
    await expectNotFound(
      env.novu.channelConnections.update(
        { workspace: { id: "T" }, auth: { accessToken: "x" } },
        `${run}-ghost`,
      ),
    );
    await expectNotFound(env.novu.channelConnections.delete(`${run}-ghost`));

    await expectNotFound(production.channelConnections.retrieve(identifier));
    await expectNotFound(
      production.channelConnections.update(
        { workspace: { id: "T2" }, auth: { accessToken: "y" } },
        identifier,
      ),
    );
    await expectNotFound(production.channelConnections.delete(identifier));
    expect((await production.channelConnections.list({ integrationIdentifier })).result.data).toEqual([]);
    expect((await env.novu.channelConnections.retrieve(identifier)).result.workspace.id).toBe("T1");
  });
});
