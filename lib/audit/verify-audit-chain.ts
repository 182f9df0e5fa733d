import "server-only";
import { db } from "../db";
import { GENESIS_HASH, hashEvent } from "./hash";

export interface ChainBreak {
  chain: string;
  seq: number;
  reason: "hash_mismatch" | "previous_hash_mismatch" | "sequence_gap";
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken: ChainBreak | null;
}

const BATCH = 1000;

/**
 * Recomputes every event's hash (one workspace's chain, or all chains) and names the first
 * event whose stored hash, previous-hash link or sequence number does not hold.
 */
export async function verifyAuditChain({ workspaceId }: { workspaceId?: string | null } = {}): Promise<ChainReport> {
  const chains =
    workspaceId === undefined
      ? (
          await db().auditEvent.findMany({ distinct: ["chain"], select: { chain: true }, orderBy: { chain: "asc" } })
        ).map((r) => r.chain)
      : [workspaceId ?? "global"];

  let checked = 0;
  for (const chain of chains) {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const rows = await db().auditEvent.findMany({
        where: { chain, seq: { gte: expectedSeq } },
        orderBy: { seq: "asc" },
        take: BATCH,
      });
      for (const row of rows) {
        checked++;
        if (row.seq !== expectedSeq) return broken(checked, { chain, seq: expectedSeq, reason: "sequence_gap" });
        if (row.prevHash !== prevHash)
          return broken(checked, { chain, seq: row.seq, reason: "previous_hash_mismatch" });
        if (hashEvent(row) !== row.hash) return broken(checked, { chain, seq: row.seq, reason: "hash_mismatch" });
        prevHash = row.hash;
        expectedSeq++;
      }
      if (rows.length < BATCH) break;
    }
  }
  return { ok: true, checked, firstBroken: null };
}

function broken(checked: number, firstBroken: ChainBreak): ChainReport {
  return { ok: false, checked, firstBroken };
}
