// What the audit page shows beside the events: which chain, its head, how far it is verified and
// signed, and any verification running.
import "server-only";
import { database } from "../db";
import type { WorkspaceAccess } from "../auth/access";
import { readChainHead } from "./append-audit-event";
import { readChainState, readCheckpoints } from "./verify-audit-chain";
import { verifyRun } from "./verify-runs";
import { verificationStatus } from "./verification-status";

/**
 * The chain asked for: the workspace's, or the installation's sign-in chain, which only admins
 * read; null when refused (a page answers with the forbidden page, an action with a 403).
 */
export function chainFor(access: WorkspaceAccess, which: string | undefined): string | null {
  if (which !== "global") return access.workspace.id;
  return access.role === "ADMIN" ? "global" : null;
}

export async function chainStatus(chain: string) {
  const [head, state, [checkpoint]] = await Promise.all([
    readChainHead(database(), chain),
    readChainState(chain),
    database().query<{ seq: number; createdAt: Date; keyId: string }>(
      `SELECT "seq", "createdAt", "keyId" FROM "AuditCheckpoint" WHERE "chain" = $1 ORDER BY "seq" DESC LIMIT 1`,
      [chain],
    ),
  ]);
  const run = verifyRun(chain);
  return {
    head: head?.seq ?? 0,
    running: Boolean(run && !run.finishedAt),
    status: verificationStatus({ head: head?.seq ?? 0, state, checkpoint: checkpoint ?? null, run }),
  };
}

/** The checkpoint that covers event `seq` of a chain, if one does yet. */
export async function coveringCheckpoint(chain: string, seq: number) {
  const [first] = await readCheckpoints(chain, seq - 1, undefined, 1);
  return first && first.fromSeq <= seq ? first : null;
}
