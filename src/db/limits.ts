/** D1 binds at most 100 parameters per statement: large IN lists and multi-row inserts are split to fit. */
export const maxBoundParameters = 100;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows per multi-row INSERT for a table with `columns` columns. */
export const rowsPerInsert = (columns: number) => Math.max(1, Math.floor(maxBoundParameters / columns));
