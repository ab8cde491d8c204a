import { describe, expect, it, vi } from "vitest";
import { api, createTenant, inAppWorkflow, openInbox, sendgridIntegration } from "./fixtures";

type Message = {
  _id: string;
  channel: string;
  transactionId: string;
  status: string;
  content: string | null;
  providerId?: string;
};
type Page = { data: Message[]; hasMore: boolean; page: number; pageSize: number; totalCount: number };

async function setup() {
  const tenant = await createTenant();
  const server = api(tenant);
  await sendgridIntegration(server, "messages");
  await server("/v2/workflows", {
    method: "POST",
    body: {
      ...inAppWorkflow("both"),
      steps: [
        { name: "Inbox", type: "in_app", controlValues: { body: "in app {{payload.n}}" } },
        { name: "Mail", type: "email", controlValues: { subject: "s", body: "mail {{payload.n}}" } },
      ],
    },
  });
  for (const n of [1, 2]) {
    await server("/v1/events/trigger", {
      method: "POST",
      body: {
        name: "both",
        to: { subscriberId: "m", email: "m@x.io" },
        payload: { n },
        transactionId: `tx-${n}`,
      },
    });
  }
  await vi.waitFor(
    async () => expect((await (await server("/v1/messages")).json<Page>()).totalCount).toBe(2),
    {
      timeout: 10_000,
      interval: 200,
    },
  );
  return { tenant, server };
}

describe("/v1/messages", { timeout: 20_000 }, () => {
  it("lists sends with filters and pages, and in-app messages of one subscriber", async () => {
    const { server } = await setup();
    const all = await (await server("/v1/messages?channel=email")).json<Page>();
    expect(all.data.map((m) => [m.channel, m.status, m.providerId])).toEqual([
      ["email", "sent", "sendgrid"],
      ["email", "sent", "sendgrid"],
    ]);
    const one = await (await server("/v1/messages?transactionId=tx-1")).json<Page>();
    expect(one.data.map((m) => m.content)).toEqual(["mail 1"]);
    const paged = await (await server("/v1/messages?limit=1&page=1")).json<Page>();
    expect([paged.data.length, paged.hasMore, paged.page]).toEqual([1, false, 1]);

    const inApp = await (await server("/v1/messages?channel=in_app&subscriberId=m")).json<Page>();
    expect(inApp.data.map((m) => m.content)).toEqual(["in app 2", "in app 1"]);
    expect((await server("/v1/messages?channel=in_app")).status).toBe(400);
  });

  it("deletes one message, and every message of a transaction across channels", async () => {
    const { tenant, server } = await setup();
    const [first] = (await (await server("/v1/messages?transactionId=tx-2")).json<Page>()).data;
    expect(await (await server(`/v1/messages/${first?._id}`, { method: "DELETE" })).json()).toEqual({
      data: { acknowledged: true, status: "deleted" },
    });
    expect((await server(`/v1/messages/${first?._id}`, { method: "DELETE" })).status).toBe(404);

    expect((await server("/v1/messages/transaction/tx-1", { method: "DELETE" })).status).toBe(204);
    expect((await (await server("/v1/messages")).json<Page>()).totalCount).toBe(0);
    const inbox = await (await openInbox(tenant, "m")).call("/v1/inbox/notifications");
    expect(
      (await inbox.json<{ data: Array<{ transactionId: string }> }>()).data.map((n) => n.transactionId),
    ).toEqual(["tx-2"]);
    expect((await server("/v1/messages/transaction/tx-unknown", { method: "DELETE" })).status).toBe(404);
  });

  it("keeps environments apart", async () => {
    const { server } = await setup();
    const stranger = api(await createTenant());
    const [message] = (await (await server("/v1/messages")).json<Page>()).data;
    expect((await stranger(`/v1/messages/${message?._id}`, { method: "DELETE" })).status).toBe(404);
    expect((await (await stranger("/v1/messages")).json<Page>()).totalCount).toBe(0);
    expect((await stranger("/v1/messages/transaction/tx-1", { method: "DELETE" })).status).toBe(404);
  });
});
