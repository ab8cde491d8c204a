import type { Database } from "./client";

/**
 * A statement built once per database instance and reused: drizzle turns its query builder into SQL on every call,
 * which on the hot paths (key lookup, workflow lookup, subscriber lookup) cost as much CPU as the query itself.
 * Values are bound at run time through `sql.placeholder`.
 */
export function prepared<Statement>(build: (db: Database) => Statement): (db: Database) => Statement {
  const statements = new WeakMap<Database, Statement>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) {
      statement = build(db);
      statements.set(db, statement);
    }
    return statement;
  };
}
