// Gives every test file a real database: a fresh in-memory PGlite, or the run's PostgreSQL
// database. Tests isolate themselves by creating their own workspaces (tests/factories.ts).
import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, type Database } from "../../lib/db/connect";
import { installDatabase } from "../../lib/db";
import { migrateDatabase } from "../../lib/db/migrate";

// Every test file signs audit checkpoints with the same key (they share the global chain).
process.env.ARBITER_SIGNING_KEY ||= "MC4CAQAwBQYDK2VwBCIEILn1y3OpAnJb9NOWHXp6Qx17NAgnNuaOazYlhOhVBDfU";

let database: Database;

beforeAll(async () => {
  if (process.env.TEST_DB === "postgres") {
    database = openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  } else {
    database = openDatabase({ kind: "pglite" });
    await migrateDatabase({ database });
  }
  installDatabase(database);
}, 60_000);

afterAll(async () => {
  await database?.close();
});
