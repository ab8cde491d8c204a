import { z } from "@hono/zod-openapi";

/** The query of Novu's cursor-paginated lists (`/v2/subscribers`, `/v2/topics`, subscriptions …). */
export const cursorQuery = z.object({
  after: z.string().optional(),
  before: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  orderDirection: z.enum(["ASC", "DESC"]).default("DESC"),
  includeCursor: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
});

/** Novu reports at most this many matches and flags the count as capped beyond it. */
const totalCountCap = 50_000;

/** The body of a cursor page: `{ data, next, previous, totalCount, totalCountCapped }`. */
export function cursorList<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      data: z.array(item),
      next: z.string().nullable(),
      previous: z.string().nullable(),
      totalCount: z.number(),
      totalCountCapped: z.boolean(),
    })
    .openapi(name);
}

export function toCursorList<R, T>(
  page: { rows: R[]; next: string | null; previous: string | null; totalCount: number },
  map: (row: R) => T,
) {
  return {
    data: page.rows.map(map),
    next: page.next,
    previous: page.previous,
    totalCount: Math.min(page.totalCount, totalCountCap),
    totalCountCapped: page.totalCount > totalCountCap,
  };
}
