// Integrations through @novu/api: create (credentials masked), list, list active, update, set primary, delete; then
// bad input, unknown ids and another environment's key. An active email integration would change what every
// email step of the shared development environment does, so this file works in an environment of its own.

import type { Novu } from "@novu/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNotFound, expectRawInvalid, isolatedEnvironment, production, uniqueId } from "./helpers";

const run = uniqueId("integrations");
let env: Awaited<ReturnType<typeof isolatedEnvironment>>;
let isolated: Novu;
let environmentId = "";
let environmentKey = "";

beforeAll(async () => {
  env = await isolatedEnvironment(run);
  ({ novu: isolated, id: environmentId, secretKey: environmentKey } = env);
});
afterAll(async () => {
  await env?.remove();
});

describe("integrations", () => {
  it("creates, lists, updates, sets primary and deletes integrations", async () => {
    const first = await isolated.integrations.create({
      providerId: "sendgrid",
      channel: "email",
      name: "SendGrid",
      identifier: `${run}-sendgrid`,
      active: true,
      credentials: { apiKey: "SG.super-secret-key-1234", from: "noreply@example.com", senderName: "Acme" },
    });
    expect(first.result).toMatchObject({
      providerId: "sendgrid",
      channel: "email",
      name: "SendGrid",
      identifier: `${run}-sendgrid`,
      active: true,
      primary: true,
      deleted: false,
      environmentId,
    });
    expect(first.result.id).toMatch(/^[0-9a-f]{24}$/);
    // Secrets never come back in full.
    expect(first.result.credentials?.apiKey).not.toContain("super-secret");
    expect(first.result.credentials?.from).toBe("noreply@example.com");

    const second = await isolated.integrations.create({
      providerId: "resend",
      channel: "email",
      name: "Resend",
      identifier: `${run}-resend`,
      active: true,
      credentials: { apiKey: "re_key" },
    });
    expect(second.result.primary).toBe(false);
    const inactive = await isolated.integrations.create({
      providerId: "twilio",
      channel: "sms",
      identifier: `${run}-twilio`,
      active: false,
    });
    expect(inactive.result).toMatchObject({ channel: "sms", active: false });

    const all = await isolated.integrations.list();
    expect(all.result.map((i) => i.identifier)).toEqual(
      expect.arrayContaining([`${run}-sendgrid`, `${run}-resend`, `${run}-twilio`]),
    );
    const active = await isolated.integrations.listActive();
    const activeIds = active.result.map((i) => i.identifier);
    expect(activeIds).toEqual(expect.arrayContaining([`${run}-sendgrid`, `${run}-resend`]));
    expect(activeIds).not.toContain(`${run}-twilio`);

    const updated = await isolated.integrations.update(
      {
        name: "Twilio SMS",
        active: true,
        credentials: { accountSid: "AC1", token: "tok-5678", from: "+15550100" },
      },
      inactive.result.id ?? "",
    );
    expect(updated.result).toMatchObject({ name: "Twilio SMS", active: true });
    expect(updated.result.credentials?.token).not.toBe("tok-5678");

    const primary = await isolated.integrations.setAsPrimary(second.result.id ?? "");
    expect(primary.result).toMatchObject({ identifier: `${run}-resend`, primary: true });
    const afterPrimary = await isolated.integrations.list();
    expect(afterPrimary.result.find((i) => i.identifier === `${run}-sendgrid`)?.primary).toBe(false);

    const remaining = await isolated.integrations.delete(first.result.id ?? "");
    expect(remaining.result.map((i) => i.identifier)).not.toContain(`${run}-sendgrid`);
  });

  it("binds subscriber push credentials to the environment's integration", async () => {
    const fcm = await isolated.integrations.create({
      providerId: "fcm",
      channel: "push",
      identifier: `${run}-fcm`,
      active: true,
    });
    await isolated.subscribers.create({ subscriberId: `${run}-phone` });
    const { result } = await isolated.subscribers.credentials.update(
      { providerId: "fcm", credentials: { deviceTokens: ["t1"] } },
      `${run}-phone`,
    );
    expect(result.channels?.[0]).toMatchObject({ providerId: "fcm", integrationId: fcm.result.id });
  });

  it("refuses bad input, unknown ids and another environment's key", async () => {
    const asIsolated = { secretKey: environmentKey };
    await expectRawInvalid("/v1/integrations", {
      ...asIsolated,
      body: { providerId: "sendgrid", channel: "fax" },
    });
    await expectRawInvalid("/v1/integrations", { ...asIsolated, body: { providerId: 7, channel: "email" } });
    await expectRawInvalid("/v1/integrations", { ...asIsolated, body: { channel: "email" } });

    const missing = "000000000000000000000000";
    await expectNotFound(isolated.integrations.update({ active: false }, missing));
    await expectNotFound(isolated.integrations.delete(missing));
    await expectNotFound(isolated.integrations.setAsPrimary(missing));

    const mine = await isolated.integrations.create({
      providerId: "mailgun",
      channel: "email",
      identifier: `${run}-mailgun`,
      active: false,
    });
    const id = mine.result.id ?? "";
    await expectNotFound(production.integrations.update({ active: true }, id));
    await expectNotFound(production.integrations.setAsPrimary(id));
    await expectNotFound(production.integrations.delete(id));
    expect((await production.integrations.list()).result.map((i) => i.id)).not.toContain(id);
    expect((await isolated.integrations.list()).result.find((i) => i.id === id)?.active).toBe(false);
  });
});
