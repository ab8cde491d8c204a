import type { Tenant } from "../app-env";
import type { Database } from "../db/client";
import type { AgentConversationRow } from "../db/schema";
import { type TriggerInput, triggerBody } from "../events/trigger.schemas";
import { HttpError } from "../http/http-error";
import { fieldErrors } from "../http/router";
import { findWorkflow } from "../workflows/workflow.service";
import type { Signal } from "./agent-reply.schemas";
import { maxMetadataBytes, type NewEntry } from "./conversation.store";

type MetadataSignal = Extract<Signal, { type: "metadata" }>;
type TriggerSignal = Extract<Signal, { type: "trigger" }>;

/** The conversation's metadata after the turn's set/delete/clear signals, in order; undefined when none. */
export function nextMetadata(current: Record<string, unknown>, signals: Signal[]) {
  const ops = signals.filter((s): s is MetadataSignal => s.type === "metadata");
  if (ops.length === 0) return undefined;
  let merged: Record<string, unknown> = { ...current };
  const described: string[] = [];
  for (const op of ops) {
    if (op.action === "clear") {
      merged = {};
      described.push("(cleared)");
    } else if (op.action === "delete") {
      const { [op.key]: _removed, ...rest } = merged;
      merged = rest;
      described.push(`-${op.key}`);
    } else {
      merged = { ...merged, [op.key]: op.value };
      described.push(op.key);
    }
  }
  const bytes = new TextEncoder().encode(JSON.stringify(merged)).length;
  if (bytes > maxMetadataBytes) throw HttpError.badRequest("Conversation metadata exceeds 64KB limit");
  const entry: NewEntry = {
    role: "system",
    type: "signal",
    content: `Metadata updated: ${described.join(", ")}`,
    signalData: { type: "metadata", payload: merged },
  };
  return { metadata: merged, entry };
}

/**
 * The workflow triggers a turn asked for (`ctx.trigger`), checked before anything runs. Without `to`, the
 * conversation's subscriber is the recipient; a sender who is no subscriber needs an explicit `to`.
 */
export async function triggerInputs(
  db: Database,
  tenant: Tenant,
  conversation: AgentConversationRow,
  signals: Signal[],
): Promise<TriggerInput[]> {
  const inputs = signals.flatMap((signal, index) =>
    signal.type === "trigger" ? [{ index, input: triggerInput(conversation, signal, index) }] : [],
  );
  // Unknown workflows are refused here, before the turn runs anything, rather than half-way through it.
  const found = await Promise.all(inputs.map(({ input }) => findWorkflow(db, tenant, input.name)));
  const missing = inputs.filter((_, i) => !found[i]);
  if (missing.length > 0) {
    throw new HttpError(422, "workflow_not_found", {
      errors: Object.fromEntries(
        missing.map(({ index, input }) => [
          `signals.${index}.workflowId`,
          { messages: [`Workflow '${input.name}' was not found`], value: input.name },
        ]),
      ),
    });
  }
  return inputs.map(({ input }) => input);
}

function triggerInput(
  conversation: AgentConversationRow,
  signal: TriggerSignal,
  index: number,
): TriggerInput {
  const to = signal.to ?? conversation.subscriberId;
  if (!to) {
    throw HttpError.badRequest(
      `The trigger of workflow "${signal.workflowId}" has no recipient: ${conversation.participantAddress} is not a subscriber of this environment, so pass "to".`,
    );
  }
  const parsed = triggerBody.safeParse({ name: signal.workflowId, to, payload: signal.payload ?? {} });
  if (!parsed.success) {
    const errors = Object.fromEntries(
      Object.entries(fieldErrors(parsed.error)).map(([field, error]) => [`signals.${index}.${field}`, error]),
    );
    throw HttpError.validation(errors);
  }
  return parsed.data;
}
