import { eq, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "../db/client";
import { type EnvironmentRow, layouts, translations, workflows } from "../db/schema";
import { objectId } from "../lib/ids";
import { copyStatement, definitionOf } from "../workflows/workflow-promotion";
import type { ResourceType } from "./environment-publish.schemas";

/** One resource as promotion sees it: matched across environments by kind and `key`, compared by `definition`. */
export type Promotable = {
  kind: "workflow" | "layout" | "translation";
  resourceType: ResourceType;
  /** Internal id in its own environment (deletions use it). */
  id: string;
  key: string;
  name: string;
  updatedAt: number;
  definition: unknown;
  /** Creates or replaces the resource with the same key in `target`. */
  copyTo(target: EnvironmentRow, now: number): BatchItem<"sqlite">;
};

/** What can be published from one environment to another: workflows, layouts and translations (Novu's set). */
export type PromotableKind = {
  list(db: Database, environmentId: string): Promise<Promotable[]>;
  remove(db: Database, ids: string[]): BatchItem<"sqlite">;
};

export const promotableKinds: PromotableKind[] = [
  {
    async list(db, environmentId) {
      const rows = await db.select().from(workflows).where(eq(workflows.environmentId, environmentId));
      return rows.map((row) => ({
        kind: "workflow" as const,
        resourceType: row.origin === "external" ? ("BRIDGE" as const) : ("REGULAR" as const),
        id: row.id,
        key: row.workflowId,
        name: row.name,
        updatedAt: row.updatedAt,
        definition: definitionOf(row),
        copyTo: (target: EnvironmentRow, now: number) => copyStatement(db, row, target, now),
      }));
    },
    remove: (db, ids) => db.delete(workflows).where(inArray(workflows.id, ids)),
  },
  {
    async list(db, environmentId) {
      const rows = await db.select().from(layouts).where(eq(layouts.environmentId, environmentId));
      return rows.map((row) => {
        const definition = {
          name: row.name,
          isDefault: row.isDefault,
          isTranslationEnabled: row.isTranslationEnabled,
          controls: row.controls,
        };
        return {
          kind: "layout" as const,
          resourceType: "REGULAR" as const,
          id: row.id,
          key: row.layoutId,
          name: row.name,
          updatedAt: row.updatedAt,
          definition,
          copyTo: (target: EnvironmentRow, now: number) =>
            db
              .insert(layouts)
              .values({
                id: objectId(now),
                environmentId: target.id,
                layoutId: row.layoutId,
                ...definition,
                createdAt: now,
                updatedAt: now,
              })
              .onConflictDoUpdate({
                target: [layouts.environmentId, layouts.layoutId],
                set: { ...definition, updatedAt: now },
              }),
        };
      });
    },
    remove: (db, ids) => db.delete(layouts).where(inArray(layouts.id, ids)),
  },
  {
    async list(db, environmentId) {
      const rows = await db.select().from(translations).where(eq(translations.environmentId, environmentId));
      return rows.map((row) => {
        const key = `${row.resourceType}:${row.resourceId}:${row.locale}`;
        return {
          kind: "translation" as const,
          resourceType: "REGULAR" as const,
          id: row.id,
          key,
          name: key,
          updatedAt: row.updatedAt,
          definition: row.content,
          copyTo: (target: EnvironmentRow, now: number) =>
            db
              .insert(translations)
              .values({
                id: objectId(now),
                environmentId: target.id,
                resourceType: row.resourceType,
                resourceId: row.resourceId,
                locale: row.locale,
                content: row.content,
                createdAt: now,
                updatedAt: now,
              })
              .onConflictDoUpdate({
                target: [
                  translations.environmentId,
                  translations.resourceType,
                  translations.resourceId,
                  translations.locale,
                ],
                set: { content: row.content, updatedAt: now },
              }),
        };
      });
    },
    remove: (db, ids) => db.delete(translations).where(inArray(translations.id, ids)),
  },
];
