import { inParallel, slices } from "./api.mjs";

/** Creates the workflow once per bench server (a second benchmark on the same server reuses it). */
export async function ensureWorkflow(api, workflowId, steps) {
  const existing = await api.send(`/v2/workflows/${workflowId}`);
  await existing.arrayBuffer();
  if (existing.ok) return;
  await api.json("/v2/workflows", { body: { name: workflowId, workflowId, active: true, steps } });
}

export const inAppSteps = [
  {
    name: "Inbox",
    type: "in_app",
    controlValues: { subject: "Hi {{subscriber.firstName}}", body: "Order {{payload.orderId}} shipped" },
  },
];

export const emailSteps = [
  {
    name: "Email",
    type: "email",
    controlValues: {
      subject: "Order {{payload.orderId}}",
      body: "<p>Hi {{subscriber.firstName}}, it shipped.</p>",
    },
  },
];

/** Creates subscribers `${prefix}0 … ${prefix}${n - 1}` through the bulk endpoint (500 per request). */
export async function createSubscribers(api, { prefix, n, email = false, onProgress }) {
  let done = 0;
  await inParallel(slices(n, 500), 2, async ([from, to]) => {
    const subscribers = Array.from({ length: to - from }, (_, k) => ({
      subscriberId: `${prefix}${from + k}`,
      firstName: "Ada",
      ...(email ? { email: `${prefix}${from + k}@bench.test` } : {}),
    }));
    const { data } = await api.json("/v1/subscribers/bulk", { body: { subscribers } });
    if (data.failed.length) throw new Error(`bulk create failed: ${JSON.stringify(data.failed[0])}`);
    done += subscribers.length;
    onProgress?.(done);
  });
}
