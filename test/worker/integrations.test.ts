import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { integrations } from "../../src/db/schema";
import { api, createTenant } from "./fixtures";

type Integration = {
  _id: string;
  identifier: string;
  primary: boolean;
  active: boolean;
  credentials: Record<string, unknown>;
};

async function create(server: ReturnType<typeof api>, body: Record<string, unknown>) {
  const res = await server("/v1/integrations", { method: "POST", body });
  expect(res.status).toBe(201);
  return (await res.json<{ data: Integration }>()).data;
}

describe("/v1/integrations", () => {
  it("stores credentials encrypted and returns them masked", async () => {
    const server = api(await createTenant());
    const created = await create(server, {
      providerId: "sendgrid",
      channel: "email",
      name: "SendGrid",
      credentials: { apiKey: "SG.super-secret-key-1234", from: "noreply@acme.io" },
      active: true,
    });
    expect(created.credentials).toEqual({ apiKey: "****1234", from: "noreply@acme.io" });
    expect(created).toMatchObject({ providerId: "sendgrid", channel: "email", active: true, primary: true });

    const [stored] = await database(env)
      .select()
      .from(integrations)
      .limit(100)
      .then((rows) => rows.filter((r) => r.id === created._id));
    expect(stored?.credentials).toMatch(/^v1\./);
    expect(stored?.credentials).not.toContain("super-secret");

    const listed = await (await server("/v1/integrations")).json<{ data: Integration[] }>();
    expect(JSON.stringify(listed)).not.toContain("super-secret");
  });

  it("keeps exactly one primary per email channel: set-primary moves it, deactivating promotes another", async () => {
    const server = api(await createTenant());
    const first = await create(server, { providerId: "sendgrid", channel: "email", active: true });
    const second = await create(server, { providerId: "resend", channel: "email", active: true });
    expect([first.primary, second.primary]).toEqual([true, false]);

    const moved = await server(`/v1/integrations/${second._id}/set-primary`, { method: "POST" });
    expect(await moved.json()).toMatchObject({ data: { _id: second._id, primary: true } });
    const primaries = async () =>
      (await (await server("/v1/integrations")).json<{ data: Integration[] }>()).data
        .filter((i) => i.primary)
        .map((i) => i._id);
    expect(await primaries()).toEqual([second._id]);

    await server(`/v1/integrations/${second._id}`, { method: "PUT", body: { active: false } });
    expect(await primaries()).toEqual([first._id]);

    const remaining = await server(`/v1/integrations/${first._id}`, { method: "DELETE" });
    expect((await remaining.json<{ data: Integration[] }>()).data.map((i) => i._id)).toEqual([second._id]);
    expect(await primaries()).toEqual([]);
  });

  it("lists only active ones on /active and refuses a primary for push", async () => {
    const server = api(await createTenant());
    const push = await create(server, { providerId: "fcm", channel: "push", active: true });
    await create(server, { providerId: "twilio", channel: "sms", active: false });
    const active = await (await server("/v1/integrations/active")).json<{ data: Integration[] }>();
    expect(active.data.map((i) => i._id)).toEqual([push._id]);
    expect(push.primary).toBe(false);
    expect((await server(`/v1/integrations/${push._id}/set-primary`, { method: "POST" })).status).toBe(400);
  });

  it("is scoped to the environment and validates its input", async () => {
    const owner = api(await createTenant());
    const stranger = api(await createTenant());
    const mine = await create(owner, { providerId: "sendgrid", channel: "email", identifier: "sg" });
    expect(
      (await stranger(`/v1/integrations/${mine._id}`, { method: "PUT", body: { active: true } })).status,
    ).toBe(404);
    expect((await stranger(`/v1/integrations/${mine._id}`, { method: "DELETE" })).status).toBe(404);
    expect((await (await stranger("/v1/integrations")).json<{ data: unknown[] }>()).data).toEqual([]);
    expect(
      (await owner("/v1/integrations", { method: "POST", body: { providerId: "x", channel: "fax" } })).status,
    ).toBe(422);
    expect(
      (
        await owner("/v1/integrations", {
          method: "POST",
          body: { providerId: "sendgrid", channel: "email", identifier: "sg" },
        })
      ).status,
    ).toBe(409);
  });
});
