import { workflow } from "@novu/framework";
// The framework reads zod 3 schemas; zod 4's package still ships that API under `zod/v3`.
import { z } from "zod/v3";

/**
 * Code-first workflows as a Novu user writes them with `@novu/framework`, served by the test bridge: JSON Schema
 * controls in some, zod in `bridge-order`.
 */
export const welcome = workflow(
  "bridge-welcome",
  async ({ step, payload, subscriber }) => {
    const account = await step.custom("lookup", async () => ({ plan: `${payload.item}-plan` }), {
      outputSchema: {
        type: "object",
        properties: { plan: { type: "string" } },
        required: ["plan"],
        additionalProperties: false,
      } as const,
    });
    await step.inApp(
      "inbox",
      async (controls) => ({
        subject: controls.subject,
        body: `Hello ${subscriber.firstName ?? subscriber.subscriberId}: ${payload.item} on the ${account.plan} {{not liquid}}`,
      }),
      {
        controlSchema: {
          type: "object",
          properties: { subject: { type: "string", default: "Welcome aboard" } },
          required: [],
          additionalProperties: false,
        } as const,
        skip: () => payload.mute === true,
      },
    );
  },
  {
    name: "Welcome (code)",
    description: "Served by a bridge",
    tags: ["code-first"],
    payloadSchema: {
      type: "object",
      properties: { item: { type: "string", default: "starter" }, mute: { type: "boolean", default: false } },
      required: [],
      additionalProperties: false,
    } as const,
    preferences: { channels: { email: { enabled: false } } },
  },
);

/** In-app plus email, with zod controls and payload: what most code-first workflows look like. */
export const order = workflow(
  "bridge-order",
  async ({ step, payload, subscriber }) => {
    await step.inApp(
      "inbox",
      async (controls) => ({
        subject: controls.subject,
        body: `Order ${payload.orderId} for ${subscriber.firstName ?? subscriber.subscriberId} has shipped`,
      }),
      { controlSchema: z.object({ subject: z.string().default("Shipped") }) },
    );
    await step.email(
      "mail",
      async (controls) => ({
        subject: `${controls.prefix} ${payload.orderId}`,
        body: `<p>Your order ${payload.orderId} is on its way.</p>`,
      }),
      { controlSchema: z.object({ prefix: z.string().default("[Acme] Order") }) },
    );
  },
  { payloadSchema: z.object({ orderId: z.string().default("A-1") }), tags: ["orders"] },
);

export const digestWorkflow = workflow("bridge-digest", async ({ step }) => {
  const { events } = await step.digest("collect", async () => ({ amount: 2, unit: "seconds" as const }));
  await step.inApp("summary", async () => ({
    body: `${events.length} events: ${events.map((e) => String(e.payload.n)).join(",")}`,
  }));
});

export const delayed = workflow("bridge-delay", async ({ step }) => {
  await step.delay("wait", async () => ({ type: "regular" as const, amount: 1, unit: "seconds" as const }));
  await step.inApp("after", async () => ({ body: "after the delay" }));
});

export const failing = workflow("bridge-failing", async ({ step }) => {
  await step.inApp("broken", async () => {
    throw new Error("the CRM is down");
  });
});

/** What the bridge serves: `?set=small` serves only the welcome workflow, to test removal on re-sync. */
export const bridgeWorkflowSets = {
  all: [welcome, order, digestWorkflow, delayed, failing],
  small: [welcome],
};
