import { describe, expect, it, vi } from "vitest";
import { api, createTenant, inAppWorkflow, sendgridIntegration } from "./fixtures";

type Activity = {
  _id: string;
  transactionId: string;
  channels: string[];
  subscriber: { subscriberId: string; email?: string };
  template: { name: string; triggers: Array<{ identifier: string }> };
  jobs: Array<{
    type: string;
    status: string;
    providerId: string;
    executionDetails: Array<{ status: string; detail: string }>;
  }>;
};
type Page = { data: Activity[]; hasMore: boolean; page: number; pageSize: number };

describe("/v1/notifications (activity)", { timeout: 20_000 }, () => {
  it("records one event per subscriber per trigger, with its jobs and delivery outcome", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await sendgridIntegration(server, "activity");
    await server("/v2/workflows", {
      method: "POST",
      body: {
        name: "Welcome",
        workflowId: "welcome",
        steps: [
          { name: "Inbox", type: "in_app", controlValues: { body: "Hi" } },
          { name: "Mail", type: "email", controlValues: { subject: "Hi", body: "<p>Hi</p>" } },
        ],
      },
    });
    const trigger = await server("/v1/events/trigger", {
      method: "POST",
      body: {
        name: "welcome",
        to: [{ subscriberId: "a", email: "a@x.io" }, "b"],
        transactionId: "tx-activity",
      },
    });
    expect(trigger.status).toBe(201);

    // The activity record is written after the answer (waitUntil), so it may trail the trigger briefly.
    const page = await vi.waitFor(
      async () => {
        const found = await (await server("/v1/notifications?transactionId=tx-activity")).json<Page>();
        expect(found.data).toHaveLength(2);
        return found;
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(page).toMatchObject({ page: 0, pageSize: 10, hasMore: false });
    const forB = page.data.find((e) => e.subscriber.subscriberId === "b");
    expect(forB?.jobs.map((j) => [j.type, j.status])).toEqual([
      ["in_app", "completed"],
      ["email", "skipped"],
    ]);

    const forA = page.data.find((e) => e.subscriber.subscriberId === "a");
    expect(forA).toMatchObject({
      channels: ["in_app", "email"],
      template: { name: "Welcome", triggers: [{ identifier: "welcome" }] },
    });
    await vi.waitFor(
      async () => {
        const event = await (await server(`/v1/notifications/${forA?._id}`)).json<{ data: Activity }>();
        expect(event.data.jobs[1]).toMatchObject({
          type: "email",
          status: "completed",
          providerId: "sendgrid",
        });
        expect(event.data.jobs[1]?.executionDetails.map((d) => d.status)).toEqual(["Success", "Success"]);
      },
      { timeout: 10_000, interval: 200 },
    );
  });

  it("filters by subscriber, email and channel, and pages", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("ping") });
    for (const id of ["p1", "p2", "p3"]) {
      await server("/v1/events/trigger", {
        method: "POST",
        body: { name: "ping", to: { subscriberId: id, email: `${id}@x.io` } },
      });
    }
    await vi.waitFor(
      async () => expect((await (await server("/v1/notifications")).json<Page>()).data).toHaveLength(3),
      {
        timeout: 5_000,
        interval: 50,
      },
    );
    const bySubscriber = await (await server("/v1/notifications?subscriberIds=p2")).json<Page>();
    expect(bySubscriber.data.map((e) => e.subscriber.subscriberId)).toEqual(["p2"]);
    const byEmail = await (await server("/v1/notifications?emails=p3@x.io")).json<Page>();
    expect(byEmail.data.map((e) => e.subscriber.subscriberId)).toEqual(["p3"]);
    expect((await (await server("/v1/notifications?channels=email")).json<Page>()).data).toEqual([]);
    const first = await (await server("/v1/notifications?limit=2")).json<Page>();
    expect([first.data.length, first.hasMore]).toEqual([2, true]);
    const second = await (await server("/v1/notifications?limit=2&page=1")).json<Page>();
    expect([second.data.length, second.hasMore]).toEqual([1, false]);
  });

  it("keeps environments apart and 404s unknown ids", async () => {
    const owner = api(await createTenant());
    const stranger = api(await createTenant());
    await owner("/v2/workflows", { method: "POST", body: inAppWorkflow("secret") });
    await owner("/v1/events/trigger", { method: "POST", body: { name: "secret", to: "s" } });
    const [event] = await vi.waitFor(
      async () => {
        const found = (await (await owner("/v1/notifications")).json<Page>()).data;
        expect(found).toHaveLength(1);
        return found;
      },
      { timeout: 5_000, interval: 50 },
    );
    expect((await stranger(`/v1/notifications/${event?._id}`)).status).toBe(404);
    expect((await (await stranger("/v1/notifications")).json<Page>()).data).toEqual([]);
    expect((await owner("/v1/notifications?limit=500")).status).toBe(422);
  });
});

describe("/v1/notifications: the trigger's tenant and contexts", { timeout: 20_000 }, () => {
  type Tagged = Activity & { contextKeys: string[]; tenant?: Record<string, unknown> };
  const eventsOf = async (server: ReturnType<typeof api>, query: string) =>
    (await (await server(`/v1/notifications?${query}`)).json<{ data: Tagged[] }>()).data;

  it("keeps tenant and context keys on each notification, lists them, and filters by context key", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("scoped") });
    const trigger = (body: Record<string, unknown>) =>
      server("/v1/events/trigger", { method: "POST", body: { name: "scoped", ...body } });
    expect(
      (
        await trigger({
          to: "t1",
          transactionId: "tx-ctx",
          tenant: "acme",
          context: { tenant: "org-acme", app: { id: "web", data: { region: "eu" } } },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await trigger({
          to: "t2",
          transactionId: "tx-tenant",
          tenant: { identifier: "globex", name: "Globex", data: { plan: "pro" } },
        })
      ).status,
    ).toBe(201);

    const [scoped] = await vi.waitFor(
      async () => {
        const found = await eventsOf(server, "transactionId=tx-ctx");
        expect(found).toHaveLength(1);
        return found;
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(scoped).toMatchObject({
      contextKeys: ["tenant:org-acme", "app:web"],
      tenant: { identifier: "acme" },
    });
    const one = await (await server(`/v1/notifications/${scoped?._id}`)).json<{ data: Tagged }>();
    expect(one.data).toMatchObject({
      contextKeys: ["tenant:org-acme", "app:web"],
      tenant: { identifier: "acme" },
    });

    const [plain] = await vi.waitFor(
      async () => {
        const found = await eventsOf(server, "transactionId=tx-tenant");
        expect(found).toHaveLength(1);
        return found;
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(plain).toMatchObject({
      contextKeys: [],
      tenant: { identifier: "globex", name: "Globex", data: { plan: "pro" } },
    });

    expect((await eventsOf(server, "contextKeys=app:web")).map((e) => e.transactionId)).toEqual(["tx-ctx"]);
    expect(await eventsOf(server, "contextKeys=app:mobile")).toEqual([]);
  });

  it("refuses a tenant that is neither an identifier nor an object", async () => {
    const server = api(await createTenant());
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("scoped") });
    const res = await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "scoped", to: "t1", tenant: 42 },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ statusCode: 422 });
  });
});
