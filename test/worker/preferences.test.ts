import { describe, expect, it } from "vitest";
import { api, createTenant, openInbox } from "./fixtures";

type View = {
  global: { channels: Record<string, boolean> };
  workflows: Array<{ channels: Record<string, boolean>; workflow: { identifier: string } }>;
};

async function setup() {
  const tenant = await createTenant();
  const server = api(tenant);
  const steps = [
    { name: "Inbox", type: "in_app", controlValues: { body: "hi" } },
    { name: "Mail", type: "email", controlValues: { subject: "s", body: "b" } },
  ];
  await server("/v2/workflows", { method: "POST", body: { name: "News", workflowId: "news", steps } });
  await server("/v2/workflows", {
    method: "POST",
    body: { name: "Security", workflowId: "security", critical: true, steps },
  });
  await server("/v2/subscribers", { method: "POST", body: { subscriberId: "s" } });
  return { tenant, server };
}

describe("subscriber preferences", () => {
  it("lists global and per-workflow channels, hiding critical workflows unless asked", async () => {
    const { server } = await setup();
    const { data } = await (await server("/v2/subscribers/s/preferences")).json<{ data: View }>();
    expect(data.global.channels).toEqual({ in_app: true, email: true, sms: true, chat: true, push: true });
    expect(data.workflows.map((w) => [w.workflow.identifier, w.channels])).toEqual([
      ["news", { in_app: true, email: true }],
    ]);
    const all = await (await server("/v2/subscribers/s/preferences?criticality=all")).json<{ data: View }>();
    expect(all.data.workflows.map((w) => w.workflow.identifier).sort()).toEqual(["news", "security"]);
    expect((await server("/v2/subscribers/ghost/preferences")).status).toBe(404);
  });

  it("a per-workflow opt-out skips that channel's step; critical workflows still deliver", async () => {
    const { tenant, server } = await setup();
    const patched = await server("/v2/subscribers/s/preferences", {
      method: "PATCH",
      body: { workflowId: "news", channels: { in_app: false } },
    });
    expect((await patched.json<{ data: View }>()).data.workflows[0]?.channels).toEqual({
      in_app: false,
      email: true,
    });
    expect(
      (
        await server("/v2/subscribers/s/preferences", {
          method: "PATCH",
          body: { workflowId: "security", channels: { in_app: false } },
        })
      ).status,
    ).toBe(400);

    await server("/v1/events/trigger", { method: "POST", body: { name: "news", to: "s" } });
    await server("/v1/events/trigger", { method: "POST", body: { name: "security", to: "s" } });
    const inbox = await openInbox(tenant, "s");
    const list = await (await inbox.call("/v1/inbox/notifications")).json<{
      data: Array<{ workflow: { identifier: string } }>;
    }>();
    expect(list.data.map((n) => n.workflow.identifier)).toEqual(["security"]);
  });

  it("a global opt-out applies to every non-critical workflow, and bulk updates return each workflow", async () => {
    const { tenant, server } = await setup();
    await server("/v2/subscribers/s/preferences", { method: "PATCH", body: { channels: { in_app: false } } });
    await server("/v1/events/trigger", { method: "POST", body: { name: "news", to: "s" } });
    expect((await openInbox(tenant, "s")).totalUnreadCount).toBe(0);

    const bulk = await server("/v2/subscribers/s/preferences/bulk", {
      method: "PATCH",
      body: { preferences: [{ workflowId: "news", channels: { email: false } }] },
    });
    expect(await bulk.json()).toMatchObject({
      data: [{ level: "template", workflow: { identifier: "news" }, channels: { email: false } }],
    });
  });

  it("is readable and editable from the Inbox session, as @novu/js does", async () => {
    const { tenant } = await setup();
    const inbox = await openInbox(tenant, "s");
    const { data } = await (await inbox.call("/v1/inbox/preferences")).json<{
      data: Array<{ level: string; workflow?: { id: string } }>;
    }>();
    expect(data.map((p) => p.level)).toEqual(["global", "template"]);
    const workflowId = data[1]?.workflow?.id;
    const updated = await inbox.call(`/v1/inbox/preferences/${workflowId}`, {
      method: "PATCH",
      body: { email: false },
    });
    expect(await updated.json()).toMatchObject({
      data: { level: "template", channels: { in_app: true, email: false } },
    });
    const global = await inbox.call("/v1/inbox/preferences", { method: "PATCH", body: { sms: false } });
    expect(await global.json()).toMatchObject({
      data: { level: "global", channels: { sms: false, email: true } },
    });
    expect((await inbox.call("/v1/inbox/preferences", { method: "PATCH", body: { sms: "no" } })).status).toBe(
      422,
    );
  });
});
