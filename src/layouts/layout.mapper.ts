import type { LayoutRow } from "../db/schema";
import { toIso } from "../lib/time";
import { slugify } from "../workflows/workflow.service";
import { editorTypes, type LayoutDto } from "./layout.schemas";

/** The JSON Schema of a layout's controls: one email body, HTML or Maily blocks. */
const dataSchema = {
  type: "object",
  properties: {
    email: {
      type: "object",
      properties: {
        body: { type: "string" },
        editorType: { type: "string", enum: [...editorTypes] },
      },
      required: ["body", "editorType"],
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

export function toLayoutDto(row: LayoutRow): LayoutDto {
  return {
    _id: row.id,
    layoutId: row.layoutId,
    slug: `${slugify(row.name)}_ly_${row.id}`,
    name: row.name,
    isDefault: row.isDefault,
    isTranslationEnabled: row.isTranslationEnabled,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    // Layouts are only ever made through this API: Novu Cloud's origin and type for dashboard/API layouts.
    origin: "novu-cloud",
    type: "BRIDGE",
    controls: {
      dataSchema,
      values: row.controls.email ? { email: row.controls.email } : {},
    },
  };
}
