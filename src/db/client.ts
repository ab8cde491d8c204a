import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";

export type Database = DrizzleD1Database;

/**
 * One drizzle instance per D1 binding, kept for the isolate's life: building one walks the whole schema, which cost
 * more per request than the queries it then sends. No relational `db.query` API is used, so no schema is passed.
 */
const instances = new WeakMap<D1Database, Database>();

export function database(env: Env): Database {
  let db = instances.get(env.DB);
  if (!db) {
    db = drizzle(env.DB);
    instances.set(env.DB, db);
  }
  return db;
}
