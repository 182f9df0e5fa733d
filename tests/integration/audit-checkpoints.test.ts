import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { database, db } from "../../lib/db";
import { appendAuditEvent, readChainState, verifyAuditChain, verifyIncrementally } from "../../lib/audit";
import { hashEvent } from "../../lib/audit/hash";
import { checkpointDueChains } from "../../lib/audit/checkpoints";
import { checkpointProblem, readPublicKey, type SignedCheckpoint } from "../../lib/audit/checkpoint-statement";
import { readEvents } from "../../lib/audit/verify-audit-chain";
import { signingKey } from "../../lib/audit/signing-key";
import { createKey, createWorkspace } from "../factories";
import { GET as publicKeyRoute } from "../../app/api/v1/audit/public-key/route";
import { GET as checkpointsRoute } from "../../app/api/v1/audit/checkpoints/route";

const policy = { everyEvents: 1000, everyMs: 5 * 60_000 };

/** `n` decisions recorded in the workspace's chain: every third one denied. */
async function decisions(workspaceId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await db().$transaction((tx) =>
      appendAuditEvent(tx, {
        workspaceId,
        actor: { type: "API_KEY", id: "key_1", label: "pk_agent" },
        action: "decision.made",
        target: { type: "decision", id: `dec_${i}` },
        after: { outcome: i % 3 === 0 ? "DENY" : "ALLOW", action: "refund", amount: 40 + i },
      }),
    );
  }
}

/**
 * What the owner of the database can do: switch the guard off, run `change` on the rows, then
 * recompute every hash from `fromSeq` on with the documented scheme so the chain links again.
 */
async function rewriteConsistently(chain: string, change: string, fromSeq: number) {
  await database().runScript(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"; ${change}`);
  const events = await readEvents(chain, 0, 10_000);
  let prevHash = events.find((e) => e.seq === fromSeq - 1)?.hash ?? "0".repeat(64);
  for (const e of events.filter((x) => x.seq >= fromSeq)) {
    const hash = hashEvent({ ...e, prevHash });
    await database().query(`UPDATE "AuditEvent" SET "prevHash" = $3, "hash" = $4 WHERE "chain" = $1 AND "seq" = $2`, [
      chain,
      e.seq,
      prevHash,
      hash,
    ]);
    prevHash = hash;
  }
  await database().runScript(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete"`);
}

describe("signed audit checkpoints", () => {
  it("catch a DENY rewritten into ALLOW with every later hash recomputed, at its exact sequence", async () => {
    const ws = await createWorkspace();
    await decisions(ws.id, 17);
    const made = await checkpointDueChains({ chains: [ws.id], policy, force: true });
    const head = (await db().auditEvent.findFirstOrThrow({ where: { chain: ws.id }, orderBy: { seq: "desc" } })).seq;
    expect(made.map((c) => [c.fromSeq, c.seq])).toEqual([[1, head]]);
    expect(await verifyAuditChain({ workspaceId: ws.id })).toMatchObject({ ok: true, firstBroken: null });

    const denied = await db().auditEvent.findFirstOrThrow({
      where: { chain: ws.id, action: "decision.made", targetId: "dec_6" },
    });
    expect(denied.after).toMatchObject({ outcome: "DENY" });
    await rewriteConsistently(
      ws.id,
      `UPDATE "AuditEvent" SET "after" = jsonb_set("after", '{outcome}', '"ALLOW"') WHERE "id" = ${denied.id};`,
      denied.seq,
    );
    // The chain alone still links and recomputes: only the signed checkpoint tells.
    const report = await verifyAuditChain({ workspaceId: ws.id });
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ chain: ws.id, seq: denied.seq, reason: "checkpoint_mismatch" });
    expect(report.firstBroken!.detail).toMatch(/changed after it was signed/);
    expect(await readChainState(ws.id)).toMatchObject({ brokenSeq: denied.seq, verifiedSeq: denied.seq - 1 });
  });

  it("catch a deleted event, renumbered and rehashed, and events removed from the end", async () => {
    const ws = await createWorkspace();
    await decisions(ws.id, 10);
    await checkpointDueChains({ chains: [ws.id], policy, force: true });
    const events = await readEvents(ws.id, 0);
    const gone = events[6]!.seq;
    await rewriteConsistently(
      ws.id,
      `DELETE FROM "AuditEvent" WHERE "chain" = '${ws.id}' AND "seq" = ${gone};
       UPDATE "AuditEvent" SET "seq" = -"seq" WHERE "chain" = '${ws.id}' AND "seq" > ${gone};
       UPDATE "AuditEvent" SET "seq" = -"seq" - 1 WHERE "chain" = '${ws.id}' AND "seq" < 0;`,
      gone,
    );
    expect((await verifyAuditChain({ workspaceId: ws.id })).firstBroken).toMatchObject({
      seq: gone,
      reason: "checkpoint_mismatch",
    });

    const other = await createWorkspace();
    await decisions(other.id, 6);
    await checkpointDueChains({ chains: [other.id], policy, force: true });
    const last = (await readEvents(other.id, 0)).at(-1)!.seq;
    await database().runScript(`
      ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete";
      DELETE FROM "AuditEvent" WHERE "chain" = '${other.id}' AND "seq" >= ${last - 1};
      ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete";
    `);
    expect((await verifyAuditChain({ workspaceId: other.id })).firstBroken).toMatchObject({
      seq: last - 1,
      reason: "missing_events",
    });
  });

  it("are signed with the installation's key, verifiable with its public key alone, and a forged one fails", async () => {
    const ws = await createWorkspace();
    await decisions(ws.id, 4);
    const [checkpoint] = await checkpointDueChains({ chains: [ws.id], policy, force: true });
    const publicKey = readPublicKey(signingKey().publicKeyPem);
    expect(checkpointProblem(checkpoint!, publicKey)).toBeNull();
    expect(checkpointProblem(checkpoint!, readPublicKey(signingKey().publicKeyBase64))).toBeNull();
    const forged: SignedCheckpoint = { ...checkpoint!, headHash: "f".repeat(64) };
    expect(checkpointProblem(forged, publicKey)).toMatch(/signature/);
    // The table refuses changes; with its guard off, a changed row no longer verifies.
    await expect(
      database().query(`UPDATE "AuditCheckpoint" SET "headHash" = 'x' WHERE "chain" = $1`, [ws.id]),
    ).rejects.toThrow(/append-only/);
    await database().runScript(`
      ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER "AuditCheckpoint_no_update_delete";
      UPDATE "AuditCheckpoint" SET "createdAt" = "createdAt" - interval '1 day' WHERE "chain" = '${ws.id}';
      ALTER TABLE "AuditCheckpoint" ENABLE TRIGGER "AuditCheckpoint_no_update_delete";
    `);
    expect((await verifyAuditChain({ workspaceId: ws.id })).firstBroken).toMatchObject({
      seq: 1,
      reason: "checkpoint_invalid",
    });
  });

  it("come every N events, or after M minutes for fewer, with a copy written outside the database", async () => {
    const ws = await createWorkspace();
    await decisions(ws.id, 12);
    const head = (await readEvents(ws.id, 0)).at(-1)!.seq;
    const copyDir = mkdtempSync(path.join(os.tmpdir(), "arbiter-checkpoints-"));
    const every5 = { everyEvents: 5, everyMs: 60_000, copyDir };
    const first = await checkpointDueChains({ chains: [ws.id], policy: every5 });
    // All uncovered events are signed in slices of five; the tail waits for time only when short.
    expect(first.map((c) => [c.fromSeq, c.seq])).toEqual(
      Array.from({ length: Math.ceil(head / 5) }, (_, i) => [i * 5 + 1, Math.min(head, i * 5 + 5)]),
    );
    expect(await checkpointDueChains({ chains: [ws.id], policy: every5 })).toEqual([]);
    await decisions(ws.id, 2);
    expect(await checkpointDueChains({ chains: [ws.id], policy: every5 })).toEqual([]);
    const later = await checkpointDueChains({ chains: [ws.id], policy: every5, now: new Date(Date.now() + 61_000) });
    expect(later.map((c) => [c.fromSeq, c.seq])).toEqual([[head + 1, head + 2]]);
    const copies = readFileSync(path.join(copyDir, `${ws.id}.jsonl`), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(copies.map((c) => c.seq)).toEqual([...first, ...later].map((c) => c.seq));
    expect(checkpointProblem(copies.at(-1), signingKey().publicKey)).toBeNull();
  });

  it("verify incrementally from where the last verification stopped", async () => {
    const ws = await createWorkspace();
    await decisions(ws.id, 5);
    const first = await verifyIncrementally(ws.id);
    expect(first).toMatchObject({ brokenSeq: null });
    await decisions(ws.id, 3);
    const second = await verifyIncrementally(ws.id);
    expect(second.verifiedSeq).toBe(first.verifiedSeq + 3);
    // Signed, then the last verified event rewritten and rehashed: its stored hash is not the one
    // verified, so the whole chain is verified again, and the checkpoint names the event.
    await checkpointDueChains({ chains: [ws.id], policy, force: true });
    await rewriteConsistently(
      ws.id,
      `UPDATE "AuditEvent" SET "after" = '{"outcome": "ALLOW"}' WHERE "chain" = '${ws.id}' AND "seq" = ${second.verifiedSeq};`,
      second.verifiedSeq,
    );
    const third = await verifyIncrementally(ws.id);
    expect(third).toMatchObject({ brokenSeq: second.verifiedSeq, brokenReason: "checkpoint_mismatch" });
    // Broken stays broken (no new events are signed over it) until a full verification.
    await decisions(ws.id, 1);
    expect(await checkpointDueChains({ chains: [ws.id], policy, force: true })).toEqual([]);
  });
});

describe("the audit API", () => {
  const checkpoints = (secret: string | null, search = "") =>
    checkpointsRoute(
      new Request(`http://arbiter.test/api/v1/audit/checkpoints${search}`, {
        headers: secret ? { authorization: `Bearer ${secret}` } : {},
      }),
      { params: Promise.resolve({}) },
    );

  it("publishes the public key, and lists a workspace's checkpoints to its read keys only, in pages", async () => {
    const key = await (await publicKeyRoute()).json();
    expect(key).toMatchObject({ algorithm: "Ed25519", keyId: signingKey().keyId });
    expect(readPublicKey(key.publicKeyPem).export({ format: "jwk" })).toEqual(
      signingKey().publicKey.export({ format: "jwk" }),
    );

    const ws = await createWorkspace();
    await decisions(ws.id, 7);
    await checkpointDueChains({ chains: [ws.id], policy: { everyEvents: 3, everyMs: 60_000 } });
    const { secret } = await createKey({ workspaceId: ws.id, scopes: ["read"] });
    const first = await (await checkpoints(secret, "?limit=2")).json();
    expect(first.checkpoints).toHaveLength(2);
    expect(first.checkpoints[0].hashes).toBeUndefined();
    const rest = await (await checkpoints(secret, first.next)).json();
    expect(rest.checkpoints[0].fromSeq).toBe(first.checkpoints[1].seq + 1);
    const withHashes = await (await checkpoints(secret, "?limit=1&hashes=1")).json();
    expect(checkpointProblem(withHashes.checkpoints[0], publicKey())).toBeNull();

    // Another workspace's key sees its own (empty) chain; an ingest key and no key are refused.
    const other = await createWorkspace();
    const stranger = await createKey({ workspaceId: other.id, scopes: ["read"] });
    const theirs = await (await checkpoints(stranger.secret)).json();
    expect(theirs.checkpoints.every((c: { chain: string }) => c.chain === other.id)).toBe(true);
    const ingest = await createKey({ workspaceId: ws.id, scopes: ["ingest"] });
    expect((await checkpoints(ingest.secret)).status).toBe(403);
    expect((await checkpoints(null)).status).toBe(401);
    for (const bad of ["?after=-1", "?limit=0", "?limit=101", "?hashes=yes", "?after=1e99"]) {
      expect((await checkpoints(secret, bad)).status).toBe(400);
    }
  });
});

const publicKey = () => readPublicKey(signingKey().publicKeyBase64);
