import { describe, expect, it, vi } from "vitest";
import { api, call, createTenant, sdk, sendgridIntegration, type TestTenant } from "./fixtures";

type Message = { _id: string; transactionId: string; status: string };
type Activity = {
  _id: string;
  jobs: Array<{ executionDetails: Array<{ source: string; status: string; detail: string }> }>;
};

/** An email sent through SendGrid, and what identifies it: our message id and the provider's. */
async function sentEmail(tenant: TestTenant) {
  const server = api(tenant);
  await sendgridIntegration(server, "events");
  const { data: integrations } = await (await server("/v1/integrations")).json<{
    data: Array<{ _id: string }>;
  }>();
  await server("/v2/workflows", {
    method: "POST",
    body: {
      name: "Receipt",
      workflowId: "receipt",
      steps: [{ name: "Mail", type: "email", controlValues: { subject: "Receipt", body: "<p>Thanks</p>" } }],
    },
  });
  await server("/v1/events/trigger", {
    method: "POST",
    body: {
      name: "receipt",
      to: { subscriberId: "ada", email: "ada@example.com" },
      transactionId: "tx-receipt",
    },
  });
  const message = await vi.waitFor(
    async () => {
      const page = await (await server("/v1/messages?channel=email&subscriberId=ada")).json<{
        data: Message[];
      }>();
      expect(page.data[0]?.status).toBe("sent");
      return page.data[0] as Message;
    },
    { timeout: 10_000, interval: 100 },
  );
  return { server, message, integrationId: integrations[0]?._id ?? "" };
}

describe("POST /v2/inbound-webhooks/delivery-providers/{environmentId}/{integrationId} (activity.track)", () => {
  it("records SendGrid's delivered and open events on the message and shows them in the activity feed", async () => {
    const tenant = await createTenant();
    const { server, message, integrationId } = await sentEmail(tenant);
    const timestamp = Math.floor(Date.now() / 1000);
    // The SDK sends one event object per call; SendGrid itself posts arrays (covered below).
    const novu = sdk(tenant);
    const track = (event: Record<string, unknown>) =>
      novu.activity.track({ environmentId: tenant.environmentId, integrationId, requestBody: event });
    const sg = { novu_message_id: message._id, sg_message_id: "abc.filter0001", timestamp };
    const results = [
      ...(await track({ ...sg, event: "processed" })),
      ...(await track({ ...sg, event: "delivered" })),
      ...(await track({ ...sg, event: "open", timestamp: timestamp + 5 })),
      ...(await track({ ...sg, event: "group_resubscribe" })),
    ];
    expect(results.map((r) => [r.id, r.event.status])).toEqual([
      [message._id, "sent"],
      [message._id, "delivered"],
      [message._id, "opened"],
    ]);
    expect(results[1]?.event).toMatchObject({ externalId: "abc", attempts: 1 });

    const page = await (await server("/v1/notifications?transactionId=tx-receipt")).json<{
      data: Activity[];
    }>();
    const reported = page.data[0]?.jobs[0]?.executionDetails.filter((d) => d.source === "Webhook");
    expect(reported?.map((d) => [d.status, d.detail])).toEqual([
      ["Success", "Provider reported: sent"],
      ["Success", "Provider reported: delivered"],
      ["Success", "Provider reported: opened"],
    ]);
  });

  it("reads a bounce as a failure, and answers events for unknown messages without recording anything", async () => {
    const tenant = await createTenant();
    const { server, message, integrationId } = await sentEmail(tenant);
    const path = `/v2/inbound-webhooks/delivery-providers/${tenant.environmentId}/${integrationId}`;
    const res = await call(path, {
      method: "POST",
      body: [
        { event: "bounce", novu_message_id: message._id, timestamp: 1_700_000_000 },
        { event: "delivered", sg_message_id: "never-sent.filter", timestamp: 1_700_000_000 },
      ],
    });
    expect(res.status).toBe(200);
    const results = await res.json<Array<{ id: string; event: { status: string; date: string } }>>();
    expect(results).toMatchObject([
      { id: message._id, event: { status: "bounced", date: "2023-11-14T22:13:20.000Z" } },
      { id: "never-sent", event: { status: "delivered" } },
    ]);
    const page = await (await server("/v1/notifications?transactionId=tx-receipt")).json<{
      data: Activity[];
    }>();
    const reported = page.data[0]?.jobs[0]?.executionDetails.filter((d) => d.source === "Webhook");
    expect(reported?.map((d) => d.status)).toEqual(["Failed"]);
  });

  it("needs no key, but only records into the environment and integration the path names", async () => {
    const tenant = await createTenant();
    const other = await createTenant();
    const { server, message, integrationId } = await sentEmail(tenant);
    const event = [{ event: "delivered", novu_message_id: message._id, timestamp: 1 }];

    const wrongEnvironment = await call(
      `/v2/inbound-webhooks/delivery-providers/${other.environmentId}/${integrationId}`,
      { method: "POST", body: event },
    );
    expect(wrongEnvironment.status).toBe(404);
    const unknownIntegration = await call(
      `/v2/inbound-webhooks/delivery-providers/${tenant.environmentId}/000000000000000000000000`,
      { method: "POST", body: event },
    );
    expect(unknownIntegration.status).toBe(404);
    const malformed = await call(
      `/v2/inbound-webhooks/delivery-providers/${tenant.environmentId}/${integrationId}`,
      {
        method: "POST",
        rawBody: "{not json",
      },
    );
    expect(malformed.status).toBe(400);

    const page = await (await server("/v1/notifications?transactionId=tx-receipt")).json<{
      data: Activity[];
    }>();
    expect(page.data[0]?.jobs[0]?.executionDetails.filter((d) => d.source === "Webhook")).toEqual([]);
  });

  it("accepts Twilio's form-encoded status callbacks", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    const created = await server("/v1/integrations", {
      method: "POST",
      body: {
        providerId: "twilio",
        channel: "sms",
        active: true,
        credentials: { accountSid: "AC1", token: "t", from: "+1" },
      },
    });
    const { data } = await created.json<{ data: { _id: string } }>();
    const res = await call(`/v2/inbound-webhooks/delivery-providers/${tenant.environmentId}/${data._id}`, {
      method: "POST",
      rawBody: "MessageSid=SM123&MessageStatus=undelivered&To=%2B15550001",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject([
      { id: "SM123", event: { status: "undelivered", externalId: "SM123" } },
    ]);
  });
});
