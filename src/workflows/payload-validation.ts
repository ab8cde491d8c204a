import { type OutputUnit, type Schema, Validator } from "@cfworker/json-schema";
import type { WorkflowRow } from "../db/schema";
import { HttpError } from "../http/http-error";

/** `/payload/items/0` → `payload.items.0`, the field path Novu reports. */
function fieldOf(unit: OutputUnit): string {
  const path = unit.instanceLocation.replace(/^#/, "").split("/").filter(Boolean).join(".");
  return path ? `payload.${path}` : "payload";
}

function valueAt(payload: unknown, location: string): unknown {
  return location
    .replace(/^#/, "")
    .split("/")
    .filter(Boolean)
    .reduce<unknown>(
      (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
      payload,
    );
}

/** One validator per workflow row: cached rows are shared by the triggers of an isolate, and so is this. */
const validators = new WeakMap<WorkflowRow, Validator>();

function validatorOf(workflow: WorkflowRow, schema: NonNullable<WorkflowRow["payloadSchema"]>): Validator {
  let validator = validators.get(workflow);
  if (!validator) {
    // The validator indexes the schema in place, and cached rows are frozen, so it gets its own copy.
    validator = new Validator(structuredClone(schema) as Schema, "2020-12", false);
    validators.set(workflow, validator);
  }
  return validator;
}

/**
 * Checks a trigger's payload against the workflow's `payloadSchema` when `validatePayload` is on, and refuses it
 * with Novu's `PayloadValidationExceptionDto` (400) otherwise. `@cfworker/json-schema` interprets the schema rather
 * than compiling it, which Workers require (no `eval`).
 */
export function assertValidPayload(workflow: WorkflowRow, payload: Record<string, unknown>): void {
  if (!workflow.validatePayload || !workflow.payloadSchema) return;
  const result = validatorOf(workflow, workflow.payloadSchema).validate(payload);
  if (result.valid) return;
  // The validator reports each failure with the keywords that led to it; the leaves are what the caller can fix.
  const leaves = result.errors.filter(
    (unit) => !["properties", "allOf", "anyOf", "oneOf", "$ref"].includes(unit.keyword),
  );
  throw new HttpError(400, "Payload validation failed", {
    extra: {
      type: "PAYLOAD_VALIDATION_ERROR",
      errors: (leaves.length ? leaves : result.errors).map((unit) => ({
        field: fieldOf(unit),
        message: unit.error,
        value: valueAt(payload, unit.instanceLocation),
        schemaPath: unit.keywordLocation,
      })),
      schema: workflow.payloadSchema,
    },
  });
}
