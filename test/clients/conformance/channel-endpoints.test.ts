// Channel endpoints through @novu/api: create, list, retrieve, update, delete; then bad input, unknown ids and another
// environment's key. They hang off a Slack integration, so this file works in an environment of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNotFound, expectRawInvalid, isolatedEnvironment, production, uniqueId } from "./helpers";

const run = uniqueId("endpoint");
const integrationIdentifier = `${run}-slack`;
const subscriberId = `${run}-alice`;
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
  await env.novu.subscribers.create({ subscriberId });
});
afterAll(async () => {
  await env?.remove();
});

describe("channel endpoints", () => {
  it("creates, lists, retrieves, updates and deletes endpoints", async () => {
    const identifier = `${run}-alice-slack`;
    const created = await env.novu.channelEndpoints.create({
      identifier,
      subscriberId,
      integrationIdentifier,
      type: "slack_channel",
      endpoint: { channelId: "C123" },
    });
    expect(created.result).toMatchObject({
      identifier,
      channel: "chat",
      providerId: "slack",
      integrationIdentifier,
      connectionIdentifier: null,
      subscriberId,
      contextKeys: [],
      type: "slack_channel",
      endpoint: { channelId: "C123" },
    });
    const hook = await env.novu.channelEndpoints.create({
      subscriberId,
      integrationIdentifier,
      type: "webhook",
      endpoint: { url: "https://hooks.example.com/x" },
    });
    expect(hook.result).toMatchObject({ type: "webhook", endpoint: { url: "https://hooks.example.com/x" } });
    expect(hook.result.identifier).toEqual(expect.any(String));

    const listed = await env.novu.channelEndpoints.list({ subscriberId, limit: 10 });
    expect(listed.result.data.map((e) => e.identifier).sort()).toEqual(
      [identifier, hook.result.identifier].sort(),
    );

    const retrieved = await env.novu.channelEndpoints.retrieve(identifier);
    expect(retrieved.result).toMatchObject({ identifier, endpoint: { channelId: "C123" } });

    const updated = await env.novu.channelEndpoints.update({ endpoint: { channelId: "C999" } }, identifier);
    expect(updated.result).toMatchObject({ identifier, endpoint: { channelId: "C999" } });

    await env.novu.channelEndpoints.delete(hook.result.identifier);
    await expectNotFound(env.novu.channelEndpoints.retrieve(hook.result.identifier));
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    const identifier = `${run}-guarded`;
    await env.novu.channelEndpoints.create({
      identifier,
      subscriberId,
      integrationIdentifier,
      type: "slack_user",
      endpoint: { userId: "U1" },
    });
    const asIsolated = { secretKey: env.secretKey };
    const valid = {
      subscriberId,
      integrationIdentifier,
      type: "slack_channel",
      endpoint: { channelId: "C1" },
    };
    await expectRawInvalid("/v1/channel-endpoints", {
      ...asIsolated,
      body: { ...valid, endpoint: undefined },
    });
    await expectRawInvalid("/v1/channel-endpoints", {
      ...asIsolated,
      body: { ...valid, endpoint: { channelId: 1 } },
    });
    await expectRawInvalid("/v1/channel-endpoints", {
      ...asIsolated,
      body: { ...valid, type: "carrier_pigeon" },
    });

    await expectNotFound(env.novu.channelEndpoints.retrieve(`${run}-ghost`));
    await expectNotFound(env.novu.channelEndpoints.update({ endpoint: { channelId: "C" } }, `${run}-ghost`));
    await expectNotFound(env.novu.channelEndpoints.delete(`${run}-ghost`));

    await expectNotFound(production.channelEndpoints.retrieve(identifier));
    await expectNotFound(production.channelEndpoints.update({ endpoint: { userId: "U2" } }, identifier));
    await expectNotFound(production.channelEndpoints.delete(identifier));
    expect((await production.channelEndpoints.list({ subscriberId })).result.data).toEqual([]);
    expect((await env.novu.channelEndpoints.retrieve(identifier)).result.endpoint).toEqual({ userId: "U1" });
  });
});
