import { describe, expect, it } from "vitest";
import { api, createTenant, inAppWorkflow, openInbox } from "../../../test/worker/fixtures";
import { maxTriggerBytes } from ".";

describe("payload limit", () => {
  it("refuses a trigger body over 512 KB with Novu's 413 message and delivers nothing", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("big") });
    const body = JSON.stringify({ name: "big", to: "s", payload: { blob: "x".repeat(maxTriggerBytes) } });
    const res = await server("/v1/events/trigger", { method: "POST", rawBody: body });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      statusCode: 413,
      message: `Payload size (${body.length} bytes) exceeds maximum allowed size of 524288 bytes (512KB). Note: Attachments are excluded from this limit.`,
    });
    expect((await openInbox(tenant, "s")).totalUnreadCount).toBe(0);
  });

  it("accepts a body just under the limit", async () => {
    const tenant = await createTenant();
    const server = api(tenant);
    await server("/v2/workflows", { method: "POST", body: inAppWorkflow("fits") });
    const envelope = JSON.stringify({ name: "fits", to: "s", payload: { blob: "" } });
    const blob = "x".repeat(maxTriggerBytes - envelope.length);
    const res = await server("/v1/events/trigger", {
      method: "POST",
      body: { name: "fits", to: "s", payload: { blob } },
    });
    expect(res.status).toBe(201);
  });
});
