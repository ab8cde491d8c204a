// activity.track through @novu/api: a provider's delivery and engagement events, posted to the environment's inbound
// webhook, land on the message they are about. The email goes out through a SendGrid integration whose API host is a
// recording server in this process, in an environment of its own (an active email integration would change what the
// shared development environment's email steps do).
import type { Server } from "node:http";
import type { Novu } from "@novu/api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startRecordingServer } from "../../support/recording-server";
import { expectNotFound, isolatedEnvironment, production, raw, uniqueId } from "./helpers";

const run = uniqueId("activity");
let env: Awaited<ReturnType<typeof isolatedEnvironment>>;
let novu: Novu;
let recording: { url: string; server: Server };
let integrationId = "";

beforeAll(async () => {
  recording = await startRecordingServer();
  env = await isolatedEnvironment(run);
  novu = env.novu;
  const { result } = await novu.integrations.create({
    providerId: "sendgrid",
    channel: "email",
    identifier: `${run}-sendgrid`,
    active: true,
    credentials: { apiKey: "SG.key", from: "shop@example.com", baseUrl: `${recording.url}/sendgrid` },
  });
  integrationId = result.id ?? "";
});
afterAll(async () => {
  await env?.remove();
  recording?.server.closeAllConnections();
  await new Promise<void>((resolve) => (recording ? recording.server.close(() => resolve()) : resolve()));
});

async function sentEmail() {
  const workflowId = `${run}-receipt`;
  await novu.workflows.create({
    name: "Receipt",
    workflowId,
    active: true,
    steps: [{ name: "Mail", type: "email", controlValues: { subject: "Receipt", body: "<p>Thanks</p>" } }],
  });
  const subscriberId = `${run}-ada`;
  await novu.trigger({ workflowId, to: { subscriberId, email: "ada@example.com" } });
  return vi.waitFor(
    async () => {
      const { result } = await novu.messages.retrieve({ channel: "email", subscriberId });
      const message = result.data[0];
      expect(message?.status).toBe("sent");
      return message as NonNullable<typeof message>;
    },
    { timeout: 15_000, interval: 200 },
  );
}

describe("activity.track", () => {
  it("records SendGrid delivery and engagement events on the message they name", async () => {
    const message = await sentEmail();
    const messageId = message.id ?? "";
    const timestamp = Math.floor(Date.now() / 1000);
    const track = (requestBody: Record<string, unknown>) =>
      novu.activity.track({ environmentId: env.id, integrationId, requestBody });
    const base = { novu_message_id: messageId, sg_message_id: "sg-1.filter0001", timestamp };

    const delivered = await track({ ...base, event: "delivered" });
    expect(delivered).toEqual([
      {
        id: messageId,
        event: expect.objectContaining({
          status: "delivered",
          date: new Date(timestamp * 1000).toISOString(),
          externalId: "sg-1",
        }),
      },
    ]);
    expect(JSON.parse(delivered[0]?.event.row ?? "{}")).toMatchObject({ event: "delivered" });
    const opened = await track({ ...base, event: "open", timestamp: timestamp + 5 });
    expect(opened[0]).toMatchObject({ id: messageId, event: { status: "opened" } });

    // An event for a message this environment never sent is answered, and changes nothing.
    const stranger = await track({ sg_message_id: "sg-unknown.filter", event: "bounce", timestamp });
    expect(stranger).toEqual([{ id: "sg-unknown", event: expect.objectContaining({ status: "bounced" }) }]);
    // Events SendGrid sends that Novu has no status for are skipped.
    expect(await track({ ...base, event: "group_resubscribe" })).toEqual([]);
  });

  it("refuses unknown integrations, another environment's path and malformed payloads", async () => {
    const missing = "000000000000000000000000";
    await expectNotFound(
      novu.activity.track({ environmentId: env.id, integrationId: missing, requestBody: { event: "open" } }),
    );
    // The path names the environment: the integration of one is unknown under another.
    const { result: prodEnvironments } = await production.environments.list();
    const other = prodEnvironments.find((e) => e.id !== env.id)?.id ?? missing;
    await expectNotFound(
      novu.activity.track({ environmentId: other, integrationId, requestBody: { event: "open" } }),
    );
    const path = `/v2/inbound-webhooks/delivery-providers/${env.id}/${integrationId}`;
    for (const body of ["not json at all", 42]) {
      const { status, body: error } = await raw(path, { body });
      expect([400, 422]).toContain(status);
      expect(error).toMatchObject({ statusCode: status });
    }
  });
});
