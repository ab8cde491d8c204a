import type { Tenant } from "../app-env";
import { database } from "../db/client";
import { tenantByApplicationIdentifier } from "../environments/tenant";
import { triggerBody } from "../events/trigger.schemas";
import { type Background, triggerWorkflow } from "../events/trigger.service";
import { HttpError } from "../http/http-error";
import { createWorkflowBody } from "../workflows/workflow.schemas";
import { createWorkflow, findWorkflow } from "../workflows/workflow.service";

export const demoWorkflowId = "demo";

const demoWorkflow = createWorkflowBody.parse({
  workflowId: demoWorkflowId,
  name: "Demo",
  description: "Sent by the demo Inbox page (/demo)",
  active: true,
  steps: [
    {
      name: "Inbox",
      type: "in_app",
      controlValues: {
        subject: "Hello {{subscriber.subscriberId}}",
        body: "A demo notification sent at {{payload.sentAt}}.",
      },
    },
  ],
});

/**
 * The demo page holds only the public application identifier, so this trusts nothing but that: it acts only on a
 * development environment, and only on the one "demo" workflow (created on first use).
 */
export async function triggerDemo(
  env: Env,
  input: { applicationIdentifier: string; subscriberId: string },
  background: Background,
) {
  const db = database(env);
  const tenant = await tenantByApplicationIdentifier(db, input.applicationIdentifier);
  if (tenant.type !== "dev") {
    throw new HttpError(403, "The demo only triggers workflows in a development environment");
  }
  await ensureDemoWorkflow(env, tenant);
  return triggerWorkflow(
    env,
    tenant,
    triggerBody.parse({
      name: demoWorkflowId,
      to: { subscriberId: input.subscriberId },
      payload: { sentAt: new Date().toISOString() },
    }),
    background,
  );
}

async function ensureDemoWorkflow(env: Env, tenant: Tenant) {
  const db = database(env);
  if (await findWorkflow(db, tenant, demoWorkflowId)) return;
  try {
    await createWorkflow(db, tenant, demoWorkflow);
  } catch (error) {
    // Two first clicks at once: the other request created it, which is all this wanted.
    if (!(error instanceof HttpError && error.status === 409)) throw error;
  }
}
