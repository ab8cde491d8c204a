/**
 * D1 rows kept per isolate for as long as their environment's revision stands. SQLite triggers bump a revision
 * column of `environments` in the same statement as every write to the table it covers (migration 0017), and the
 * API key lookup reads the revisions with the environment. Rows read under one revision are served only to
 * requests that saw that revision, so a write made through any isolate reaches the next request of every isolate.
 * Rows are kept, not promises: an I/O promise belongs to the request that started it and no other may await it.
 */
export class RevisionCache<Row> {
  /** Least recently used first: a Map iterates in insertion order and every use re-inserts its environment. */
  readonly #environments = new Map<string, RowsAtRevision<Row>>();

  constructor(private readonly limits: { environments: number; rowsPerEnvironment: number }) {}

  /** The rows kept for an environment, emptied when its revision moved since they were read. */
  at(environmentId: string, revision: number): RowsAtRevision<Row> {
    const kept = this.#environments.get(environmentId);
    this.#environments.delete(environmentId);
    const current =
      kept?.revision === revision ? kept : new RowsAtRevision<Row>(revision, this.limits.rowsPerEnvironment);
    this.#environments.set(environmentId, current);
    if (this.#environments.size > this.limits.environments) {
      this.#environments.delete(this.#environments.keys().next().value as string);
    }
    return current;
  }
}

export class RowsAtRevision<Row> {
  readonly #rows = new Map<string, Row>();

  constructor(
    readonly revision: number,
    private readonly capacity: number,
  ) {}

  has(key: string): boolean {
    return this.#rows.has(key);
  }

  get(key: string): Row | undefined {
    return this.#rows.get(key);
  }

  /** Keeps a row, frozen: every request of the isolate shares it, so none may change it in place. */
  set(key: string, row: Row): Row {
    if (this.#rows.size >= this.capacity) this.#rows.clear();
    this.#rows.set(key, deepFreeze(row));
    return row;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
