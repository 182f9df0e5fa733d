// npm run db:migration -- <name>: writes a new migration from changes to prisma/schema.prisma.
// Uses a throwaway in-memory PGlite as the engine's scratch database; touches no real data.
import { openDatabase } from "../lib/db/connect";
import { createMigration } from "../lib/db/migrate";

const name = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const db = openDatabase({ kind: "pglite" });
try {
  const file = await createMigration({ database: db, name });
  console.log(file ? `wrote ${file}` : "schema unchanged; no migration written");
} finally {
  await db.close();
}
