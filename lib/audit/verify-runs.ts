// "Verify now": a full verification of one chain run in the background of this server process,
// its progress kept here for the audit page to show; its outcome lands in AuditChainState, which
// every instance reads.
import "server-only";
import { database } from "../db";
import { readChainHead } from "./append-audit-event";
import { verifyAuditChain, type ChainReport } from "./verify-audit-chain";

export interface VerifyRun {
  chain: string;
  startedAt: Date;
  /** The last sequence number checked, and the chain's head when the run started. */
  checkedSeq: number;
  head: number;
  finishedAt: Date | null;
  report: ChainReport | null;
  error: string | null;
}

const holder = globalThis as { __arbiterVerifyRuns?: Map<string, VerifyRun> };
const runs = (holder.__arbiterVerifyRuns ??= new Map());

export function verifyRun(chain: string): VerifyRun | null {
  return runs.get(chain) ?? null;
}

/** Starts a full verification of `chain` unless one is running; the run (new or running). */
export async function startVerifyRun(chain: string): Promise<VerifyRun> {
  const running = runs.get(chain);
  if (running && !running.finishedAt) return running;
  const head = await readChainHead(database(), chain);
  const run: VerifyRun = {
    chain,
    startedAt: new Date(),
    checkedSeq: 0,
    head: head?.seq ?? 0,
    finishedAt: null,
    report: null,
    error: null,
  };
  runs.set(chain, run);
  void verifyAuditChain({
    workspaceId: chain === "global" ? null : chain,
    onProgress: (_chain, seq) => (run.checkedSeq = seq),
  })
    .then((report) => {
      run.report = report;
      run.checkedSeq = report.ok ? run.head : (report.firstBroken?.seq ?? run.checkedSeq);
    })
    .catch((error: unknown) => {
      console.error(`[arbiter] verifying audit chain ${chain} failed`, error);
      run.error = "The verification could not finish (the database did not answer). Try again.";
    })
    .finally(() => (run.finishedAt = new Date()));
  return run;
}
