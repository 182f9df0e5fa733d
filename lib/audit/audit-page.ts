// What the audit page shows beside the events: which chain, its head, how far it is verified and
// signed, and any verification running.
import "server-only";
import { database } from "../db";
import { forbidden } from "next/navigation";
import type { WorkspaceAccess } from "../auth/access";
import { readChainState } from "./verify-audit-chain";
import { verifyRun } from "./verify-runs";
import { verificationStatus } from "./verification-status";

/**
 * The chain a page reads: the workspace's, or (admins only) the installation's sign-in chain;
 * anyone else asking for that one gets the forbidden page.
 */
export function chainFor(access: WorkspaceAccess, which: string | undefined): string {
  if (which !== "global") return access.workspace.id;
  if (access.role !== "ADMIN") forbidden();
  return "global";
}

export async function chainStatus(chain: string) {
  const [[head], state, [checkpoint]] = await Promise.all([
    database().query<{ seq: number }>(`SELECT "seq" FROM "AuditEvent" WHERE "chain" = $1 ORDER BY "seq" DESC LIMIT 1`, [
      chain,
    ]),
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
  const [row] = await database().query<{
    fromSeq: number;
    seq: number;
    headHash: string;
    hashes: string;
    hashesDigest: string;
    createdAt: Date;
    keyId: string;
    signature: string;
  }>(
    `SELECT "fromSeq", "seq", "headHash", "hashes", "hashesDigest", "createdAt", "keyId", "signature"
       FROM "AuditCheckpoint" WHERE "chain" = $1 AND "seq" >= $2 ORDER BY "seq" LIMIT 1`,
    [chain, seq],
  );
  return row && row.fromSeq <= seq ? row : null;
}
