// Compiled Cedar sets live in WebAssembly memory, which only grows: a set that is replaced or
// evicted and not freed stays there for the life of the process. These soaks publish, decide and
// evict many times and watch Cedar's own linear memory, which must stay flat after warm-up.
import { beforeAll, describe, expect, it } from "vitest";

// Cedar's module keeps its WebAssembly instance to itself; the memory is read from the instance
// as it is made, so this hook must be in place before anything loads Cedar (the imports below
// are dynamic for that reason).
const instances: WebAssembly.Instance[] = [];
const Instance = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(Instance, {
  construct(target, args: ConstructorParameters<typeof WebAssembly.Instance>) {
    const instance = Reflect.construct(target, args) as WebAssembly.Instance;
    instances.push(instance);
    return instance;
  },
});

let cedarMemory: () => number;
let lib: {
  db: typeof import("../../lib/db").db;
  systemActor: typeof import("../../lib/audit").systemActor;
  installStarterPack: typeof import("../../lib/policy/install-starter-pack").installStarterPack;
  publishPolicy: typeof import("../../lib/policy/publish-policy").publishPolicy;
  evaluateRequest: typeof import("../../lib/decisions/evaluate-request").evaluateRequest;
  cache: typeof import("../../lib/policy/policy-cache");
  evaluate: typeof import("../../lib/policy/evaluate");
  candidate: typeof import("../../lib/policy/candidate");
  starter: typeof import("../../lib/policy/starter-pack").STARTER_PACK;
  createWorkspace: typeof import("../factories").createWorkspace;
};

beforeAll(async () => {
  const [db, audit, install, publish, request, cache, evaluate, candidate, starter, factories] = await Promise.all([
    import("../../lib/db"),
    import("../../lib/audit"),
    import("../../lib/policy/install-starter-pack"),
    import("../../lib/policy/publish-policy"),
    import("../../lib/decisions/evaluate-request"),
    import("../../lib/policy/policy-cache"),
    import("../../lib/policy/evaluate"),
    import("../../lib/policy/candidate"),
    import("../../lib/policy/starter-pack"),
    import("../factories"),
  ]);
  lib = {
    db: db.db,
    systemActor: audit.systemActor,
    installStarterPack: install.installStarterPack,
    publishPolicy: publish.publishPolicy,
    evaluateRequest: request.evaluateRequest,
    cache,
    evaluate,
    candidate,
    starter: starter.STARTER_PACK,
    createWorkspace: factories.createWorkspace,
  };
  // Loading the module made Cedar's instance; the one that preparses policy sets is Cedar's.
  lib.evaluate.compilePolicies([]);
  const cedar = instances.find((i) => "preparsePolicySet" in i.exports);
  if (!cedar) throw new Error("Cedar's WebAssembly instance was not seen: something loaded Cedar before this file.");
  const memory = cedar.exports.memory as WebAssembly.Memory;
  cedarMemory = () => memory.buffer.byteLength;
});

/** Lets the cache's deferred frees run (they wait for the microtasks queued before them). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const MiB = (bytes: number) => Math.round((bytes / 2 ** 20) * 100) / 100;

const REVIEW = (limit: number) => `@message("Refunds over $${limit} are held for a human.")
@route("APPROVER")
permit (principal, action == Arbiter::Action::"refund", resource)
when { context has amount && context.amount.greaterThan(decimal("${limit}.0000")) };
`;

describe("compiled policy sets in WebAssembly memory", () => {
  it("stays flat over 300 publishes interleaved with decisions, with the same answers", async () => {
    const ws = await lib.createWorkspace();
    await lib.db().$transaction((tx) => lib.installStarterPack(tx, { workspaceId: ws.id, actor: lib.systemActor }));
    await lib.db().agent.create({ data: { workspaceId: ws.id, externalId: "refund-agent", name: "Refund agent" } });
    const review = await lib.db().policy.findFirstOrThrow({ where: { workspaceId: ws.id, name: "refund-review" } });
    const refund = (amount: number) => ({
      agent: "refund-agent",
      action: "refund",
      resource: { kind: "order", id: `o-${amount}` },
      context: { amount, confidence: 0.95 },
    });

    const PUBLISHES = 300;
    const WARM_UP = 30;
    let warm = 0;
    const samples: number[] = [];
    for (let n = 0; n < PUBLISHES; n++) {
      const limit = 100 + n;
      await lib.publishPolicy({
        workspaceId: ws.id,
        policyId: review.id,
        source: REVIEW(limit),
        message: `limit ${limit}`,
        actor: lib.systemActor,
        authorId: null,
      });
      // Each publish is seen by the next decision, which compiles the new set and replaces the old.
      const [below, above] = await Promise.all([
        lib.evaluateRequest({ workspaceId: ws.id, body: refund(limit - 1) }),
        lib.evaluateRequest({ workspaceId: ws.id, body: refund(limit + 1) }),
      ]);
      expect([below.result.outcome, above.result.outcome]).toEqual(["ALLOW", "REQUIRE_APPROVAL"]);
      expect(above.result.approval?.version).toBe(n + 2);
      await settle();
      if (n + 1 === WARM_UP) warm = cedarMemory();
      if ((n + 1) % 50 === 0) samples.push(cedarMemory());
    }
    const end = cedarMemory();
    console.log(
      `[policy-memory] ${PUBLISHES} publishes: Cedar memory ${MiB(warm)} MiB after ${WARM_UP}, ` +
        `then ${samples.map(MiB).join(", ")} MiB every 50; growth ${MiB(end - warm)} MiB`,
    );
    // Linear memory grows in 64 KiB pages; a leak of one set per publish is megabytes here.
    expect(end - warm).toBeLessThanOrEqual(2 ** 20);
  }, 180_000);

  it("frees what the per-workspace cache evicts, so many workspaces cost no more than its bound", async () => {
    const { POLICY_CACHE_WORKSPACES, policiesFor, policyCacheSize } = lib.cache;
    // Two policies per workspace (one per set), published as version 1 and written set-wise.
    const pack = lib.starter.filter((p) => p.name === "purchase-limits" || p.name === "refund-review");
    const seedWorkspaces = async (count: number) => {
      const ids = Array.from({ length: count }, () => `ws-mem-${crypto.randomUUID()}`);
      await lib.db().workspace.createMany({ data: ids.map((id) => ({ id, slug: id, name: id })) });
      const policies = ids.flatMap((workspaceId) =>
        pack.map((p, i) => ({ id: `${workspaceId}-p${i}`, workspaceId, name: p.name, set: p.set, source: p.source })),
      );
      await lib.db().policy.createMany({
        data: policies.map(({ id, workspaceId, name, set }) => ({ id, workspaceId, name, set })),
      });
      await lib.db().policyVersion.createMany({
        data: policies.map(({ id, workspaceId, source }) => ({
          id: `${id}-v1`,
          policyId: id,
          workspaceId,
          version: 1,
          source,
          message: "seed",
          status: "ACTIVE" as const,
        })),
      });
      await lib.db()
        .$executeRaw`UPDATE "Policy" SET "activeVersionId" = "id" || '-v1' WHERE "workspaceId" = ANY(${ids}::text[])`;
      return ids;
    };
    const round = async (ids: string[]) => {
      for (const id of ids) {
        const loaded = await policiesFor(id, 0);
        expect(loaded.versions).toHaveLength(pack.length);
      }
      await settle();
      return cedarMemory();
    };

    const count = POLICY_CACHE_WORKSPACES + 44;
    const first = await seedWorkspaces(count);
    const second = await seedWorkspaces(count);
    const before = cedarMemory();
    const afterFirst = await round(first);
    expect(policyCacheSize()).toBeLessThanOrEqual(POLICY_CACHE_WORKSPACES);
    const live = lib.evaluate.compiledSetCount();
    const afterSecond = await round(second);
    expect(policyCacheSize()).toBeLessThanOrEqual(POLICY_CACHE_WORKSPACES);
    // Every set the second round evicted was freed: as many live as before, and no more memory.
    expect(lib.evaluate.compiledSetCount()).toBe(live);
    console.log(
      `[policy-memory] ${count} workspaces through a cache of ${POLICY_CACHE_WORKSPACES}: ` +
        `${MiB(before)} MiB, ${MiB(afterFirst)} MiB after them, ${MiB(afterSecond)} MiB after ${count} more`,
    );
    // The first round grew memory by the cache's worth of sets; the second, evicting, does not.
    expect(afterFirst - before).toBeGreaterThan(4 * 2 ** 20);
    expect(afterSecond - afterFirst).toBeLessThanOrEqual(2 ** 20);
    // An evicted workspace is compiled again when next asked for, with the same answer.
    const again = await policiesFor(first[0]!, 0);
    expect(again.versions.map((v) => v.version)).toEqual(pack.map(() => 1));
  }, 180_000);

  it("frees candidate sets compiled for the simulator, saved tests and impact analysis", async () => {
    const sources = lib.starter.map((p, i) => ({ ...p, policyId: `c${i}`, version: 1, mode: "ENFORCE" as const }));
    // Counts of live sets move with collection and the cache's deferred frees: check the sets themselves.
    let held: { freed: boolean } | null = null;
    await lib.candidate.withCompiled(sources, (compiled) => {
      held = compiled;
      expect(compiled.freed).toBe(false);
    });
    expect(held!.freed).toBe(true);
    const warm = cedarMemory();
    for (let n = 0; n < 500; n++) {
      await lib.candidate.withCompiled(sources, async (compiled) => {
        await settle();
        return compiled.problems.length;
      });
    }
    // A throwing evaluation frees its set too.
    let thrown: { freed: boolean } | null = null;
    await expect(
      lib.candidate.withCompiled(sources, (compiled) => {
        thrown = compiled;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(thrown!.freed).toBe(true);
    expect(cedarMemory() - warm).toBeLessThanOrEqual(2 ** 20);
  });
});
