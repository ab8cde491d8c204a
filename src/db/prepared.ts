/**
 * A statement built once per database instance (D1, or a Durable Object's SQLite) and reused: drizzle turns its query
 * builder into SQL on every call, which on the hot paths (key, workflow and subscriber lookups; a run's claim and its
 * in-app row) cost as much CPU as the query itself.
 * Values are bound at run time through `sql.placeholder`.
 */
export function prepared<Db extends object, Statement>(build: (db: Db) => Statement): (db: Db) => Statement {
  const statements = new WeakMap<Db, Statement>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) {
      statement = build(db);
      statements.set(db, statement);
    }
    return statement;
  };
}
