// Pure: the audit page's status line, from the chain's recorded verification, its newest signed
// checkpoint, its head and any "verify now" run in progress.
export interface StatusFacts {
  head: number;
  state: {
    verifiedSeq: number;
    verifiedAt: Date | null;
    brokenSeq: number | null;
    brokenDetail: string | null;
  } | null;
  checkpoint: { seq: number; createdAt: Date; keyId: string } | null;
  run: { checkedSeq: number; head: number; finishedAt: Date | null; error: string | null } | null;
}

export interface VerificationStatus {
  tone: "ok" | "broken" | "pending";
  line: string;
  /** Signed coverage, in words. */
  checkpoint: string;
  /** 0–1 while a run is going; null otherwise. */
  progress: number | null;
}

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

export function verificationStatus({ head, state, checkpoint, run }: StatusFacts): VerificationStatus {
  const progress = run && !run.finishedAt ? (run.head === 0 ? 1 : Math.min(1, run.checkedSeq / run.head)) : null;
  const signed = checkpoint
    ? `Signed checkpoints cover #1–#${checkpoint.seq} (newest ${utc(checkpoint.createdAt)}, key ${checkpoint.keyId})${checkpoint.seq < head ? `; #${checkpoint.seq + 1}–#${head} await the next one` : ""}.`
    : head > 0
      ? `No signed checkpoint yet: the first one covers #1–#${head} within minutes.`
      : "Nothing to sign yet.";
  if (state?.brokenSeq != null) {
    return {
      tone: "broken",
      line: `Broken at #${state.brokenSeq}: ${state.brokenDetail ?? "it does not verify"}.`,
      checkpoint: signed,
      progress,
    };
  }
  if (run?.error) return { tone: "pending", line: run.error, checkpoint: signed, progress };
  if (!state || !state.verifiedAt) {
    return {
      tone: "pending",
      line: head === 0 ? "No events yet." : `Not verified yet: ${head} events await the verifier.`,
      checkpoint: signed,
      progress,
    };
  }
  const behind = head - state.verifiedSeq;
  return {
    tone: "ok",
    line: `Chain verified through #${state.verifiedSeq} at ${utc(state.verifiedAt)}${behind > 0 ? ` (${behind} newer event${behind === 1 ? "" : "s"} not yet)` : ""}.`,
    checkpoint: signed,
    progress,
  };
}
