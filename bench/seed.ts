// What every benchmark's seed starts with: a migrated database installed as the process's, and
// the "bench" workspace (starter pack included), with a fixed decide key when one is asked for.
import type { Database } from "../lib/db/connect";
import { installDatabase } from "../lib/db";
import { migrateDatabase } from "../lib/db/migrate";
import { createWorkspace } from "../lib/workspaces";
import { createApiKey } from "../lib/api-keys";
import { systemActor } from "../lib/audit";

export async function seedBenchWorkspace(database: Database, key?: { publicKey: string; secret: string }) {
  await migrateDatabase({ database });
  installDatabase(database);
  const ws = await createWorkspace({ name: "Bench", slug: "bench", actor: systemActor, adminUserId: null });
  if (key) {
    await createApiKey({
      workspaceId: ws.id,
      input: { name: "bench", scopes: ["decide"] },
      actor: systemActor,
      createdById: null,
      fixed: key,
    });
  }
  return ws;
}
