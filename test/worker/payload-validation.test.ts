import { PayloadValidationExceptionDto } from "@novu/api/models/errors";
import { describe, expect, it } from "vitest";
import { api, createTenant, inAppWorkflow, openInbox, sdk } from "./fixtures";

const payloadSchema = {
  type: "object",
  properties: {
    orderId: { type: "string", minLength: 3 },
    total: { type: "number", minimum: 0 },
    items: { type: "array", items: { type: "string" } },
  },
  required: ["orderId"],
  additionalProperties: false,
};

async function setup(validatePayload: boolean) {
  const tenant = await createTenant();
  const server = api(tenant);
  const res = await server("/v2/workflows", {
    method: "POST",
    body: { ...inAppWorkflow("order"), validatePayload, payloadSchema },
  });
  expect(res.status).toBe(201);
  return { tenant, server, novu: sdk(tenant) };
}

describe("payloadSchema + validatePayload at trigger time", () => {
  it("refuses an invalid payload with Novu's PayloadValidationExceptionDto, and delivers nothing", async () => {
    const { tenant, novu } = await setup(true);
    const error = await novu
      .trigger({ workflowId: "order", to: "ada", payload: { total: -1, items: ["a", 2], extra: true } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(PayloadValidationExceptionDto);
    const dto = error as PayloadValidationExceptionDto;
    expect(dto.statusCode).toBe(400);
    expect(dto.data$.type).toBe("PAYLOAD_VALIDATION_ERROR");
    const fields = dto.data$.errors.map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(["payload", "payload.items.1", "payload.total"]));
    expect(dto.data$.errors.find((e) => e.field === "payload.total")).toMatchObject({ value: -1 });

    const raw = await api(tenant)("/v1/events/trigger", {
      method: "POST",
      body: { name: "order", to: "ada", payload: { orderId: 7 } },
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({
      statusCode: 400,
      message: "Payload validation failed",
      errors: [{ field: "payload.orderId", value: 7, schemaPath: "#/properties/orderId/type" }],
      schema: payloadSchema,
    });

    const inbox = await openInbox(tenant, "ada");
    expect(inbox.totalUnreadCount).toBe(0);
  });

  it("accepts a valid payload, and ignores the schema when validatePayload is off", async () => {
    const strict = await setup(true);
    const ok = await strict.novu.trigger({
      workflowId: "order",
      to: "ada",
      payload: { orderId: "A-100", total: 5 },
    });
    expect(ok.result.status).toBe("processed");

    const lax = await setup(false);
    const res = await lax.server("/v1/events/trigger", {
      method: "POST",
      body: { name: "order", to: "ada", payload: { total: "not a number" } },
    });
    expect(res.status).toBe(201);
  });

  it("reports a bulk event's invalid payload per event without failing the others", async () => {
    const { server } = await setup(true);
    const res = await server("/v1/events/trigger/bulk", {
      method: "POST",
      body: {
        events: [
          { name: "order", to: "ada", payload: { orderId: "A-1" } },
          { name: "order", to: "ada", payload: {} },
        ],
      },
    });
    const body = await res.json<{ data: Array<{ status: string; error?: string[] }> }>();
    expect(body.data[0]?.status).toBe("processed");
    expect(body.data[1]?.status).not.toBe("processed");
  });
});
