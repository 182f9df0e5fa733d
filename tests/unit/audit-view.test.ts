import { describe, expect, it } from "vitest";
import { verificationStatus } from "../../lib/audit/verification-status";
import { eventChanges, valueText } from "../../lib/audit/event-diff";
import { groupOf } from "../../lib/audit/action-groups";
import { ChainWalk } from "../../lib/audit/chain-walk";
import { GENESIS_HASH, hashEvent } from "../../lib/audit/hash";

const at = new Date("2026-12-02T10:00:00.123Z");

describe("the audit page's preparers", () => {
  it("says how far the chain is verified and signed, or where it broke", () => {
    const ok = verificationStatus({
      head: 12,
      state: { verifiedSeq: 10, verifiedAt: at, brokenSeq: null, brokenDetail: null },
      checkpoint: { seq: 8, createdAt: at, keyId: "abc" },
      run: null,
    });
    expect(ok).toMatchObject({ tone: "ok", progress: null });
    expect(ok.line).toBe("Chain verified through #10 at 2026-12-02 10:00:00 UTC (2 newer events not yet).");
    expect(ok.checkpoint).toMatch(/#1–#8 .* #9–#12 await the next one/);
    const broken = verificationStatus({
      head: 12,
      state: { verifiedSeq: 6, verifiedAt: at, brokenSeq: 7, brokenDetail: "checkpoint #8 recorded another hash" },
      checkpoint: null,
      run: { checkedSeq: 3, head: 12, finishedAt: null, error: null },
    });
    expect(broken).toMatchObject({
      tone: "broken",
      line: "Broken at #7: checkpoint #8 recorded another hash.",
      progress: 0.25,
    });
    expect(verificationStatus({ head: 0, state: null, checkpoint: null, run: null }).line).toBe("No events yet.");
  });

  it("lists what changed by path, and sums up values in a line", () => {
    expect(eventChanges({ mode: "SHADOW", rules: [1, 2] }, { mode: "ENFORCE", rules: [1, 3], note: "x" })).toEqual([
      { path: "mode", kind: "changed", before: "SHADOW", after: "ENFORCE" },
      { path: "rules.1", kind: "changed", before: 2, after: 3 },
      { path: "note", kind: "added", before: undefined, after: "x" },
    ]);
    expect(eventChanges(null, null)).toEqual([]);
    expect(eventChanges({ a: 1 }, null)).toEqual([{ path: "a", kind: "removed", before: 1, after: undefined }]);
    expect(valueText({ a: "b" })).toBe('{"a":"b"}');
    expect(valueText("x".repeat(10), 5)).toBe("xxxx…");
    expect(groupOf("policy_test.created")).toBe("policies");
    expect(groupOf("auth.sign_in")).toBe("sign-ins");
    expect(groupOf("nothing.known")).toBeNull();
  });

  it("walks a chain: a gap, a broken link and a checkpoint's other hash each named at their sequence", () => {
    const events: Parameters<ChainWalk["next"]>[0][] = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 4; seq++) {
      const fields = {
        chain: "c",
        seq,
        occurredAt: at,
        workspaceId: "c",
        actorType: "SYSTEM",
        actorId: null,
        actorLabel: "system",
        action: "test.x",
        targetType: null,
        targetId: null,
        before: null,
        after: { seq },
        metadata: null,
        prevHash: prev,
      };
      prev = hashEvent(fields);
      events.push({ ...fields, hash: prev });
    }
    const walkAll = (
      list: typeof events,
      checkpoints = [] as { fromSeq: number; seq: number; hashes: string; createdAt: string }[],
    ) => {
      const walk = new ChainWalk({ after: { seq: 0, hash: GENESIS_HASH }, checkpoints });
      for (const e of list) {
        const problem = walk.next(e);
        if (problem) return problem;
      }
      return walk.end();
    };
    expect(walkAll(events)).toBeNull();
    expect(walkAll([events[0]!, events[2]!])).toMatchObject({ seq: 2, reason: "sequence_gap" });
    expect(walkAll([events[0]!, { ...events[1]!, prevHash: "f".repeat(64) }])).toMatchObject({
      seq: 2,
      reason: "previous_hash_mismatch",
    });
    const signed = { fromSeq: 1, seq: 4, hashes: events.map((e) => e.hash).join(""), createdAt: at.toISOString() };
    expect(walkAll(events, [signed])).toBeNull();
    const other = { ...signed, hashes: signed.hashes.slice(0, 128) + "0".repeat(64) + signed.hashes.slice(192) };
    expect(walkAll(events, [other])).toMatchObject({ seq: 3, reason: "checkpoint_mismatch" });
    expect(walkAll(events.slice(0, 2), [signed])).toMatchObject({ seq: 3, reason: "missing_events" });
  });
});
