// npm run db:migrate: applies pending migrations to the configured database
// (DATABASE_URL, or the embedded one in ARBITER_DATA_DIR when the server is not running).
import path from "node:path";
import { parseEnv } from "../lib/env";
import { openDatabase, targetFromEnv } from "../lib/db/connect";
import { lockDataDir } from "../lib/db/lock";
import { migrateDatabase } from "../lib/db/migrate";

try {
  const env = parseEnv();
  const target = targetFromEnv(env);
  const release = target.kind === "pglite" ? lockDataDir(path.resolve(env.ARBITER_DATA_DIR)) : () => {};
  const database = openDatabase(target);
  try {
    const applied = await migrateDatabase({ database });
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
  } finally {
    await database.close();
    release();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
