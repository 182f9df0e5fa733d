// A brand-new, empty database of the project's kind (PGlite in memory, or a new PostgreSQL
// database on the test server), for tests of what a first start does.
import pg from "pg";
import { openDatabase, type Database } from "../../lib/db/connect";

export async function openFreshDatabase(): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (process.env.TEST_DB !== "postgres") {
    const database = openDatabase({ kind: "pglite" });
    return { database, dispose: () => database.close() };
  }
  const server = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const name = `arbiter_fresh_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = openDatabase({ kind: "postgres", url: url.toString() });
  return {
    database,
    dispose: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: server });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
