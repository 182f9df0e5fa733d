import "server-only";
import { db } from "../db";
import { compilePolicies, type CompiledPolicies } from "./evaluate";

export interface LoadedPolicies {
  revision: number;
  compiled: CompiledPolicies;
  /** The versions in force, as a decision records them. */
  versions: { policyId: string; versionId: string; version: number; mode: "ENFORCE" | "SHADOW" }[];
}

// Per workspace: the compiled published set at a policy revision. A publish bumps the revision in
// its transaction; every instance reads the revision with the agent on each decision, so a stale
// entry is replaced on the next decision anywhere — no restart, no extra query.
const cache = new Map<string, Promise<LoadedPolicies>>();

async function load(workspaceId: string, revision: number): Promise<LoadedPolicies> {
  const policies = await db().policy.findMany({
    where: { workspaceId, activeVersionId: { not: null } },
    select: {
      id: true,
      name: true,
      set: true,
      mode: true,
      activeVersion: { select: { id: true, version: true, source: true } },
    },
    orderBy: { name: "asc" },
  });
  const active = policies.filter((p) => p.activeVersion !== null);
  return {
    revision,
    compiled: compilePolicies(
      active.map((p) => ({
        policyId: p.id,
        name: p.name,
        version: p.activeVersion!.version,
        set: p.set,
        mode: p.mode,
        source: p.activeVersion!.source,
      })),
    ),
    versions: active.map((p) => ({
      policyId: p.id,
      versionId: p.activeVersion!.id,
      version: p.activeVersion!.version,
      mode: p.mode,
    })),
  };
}

export async function policiesFor(workspaceId: string, revision: number): Promise<LoadedPolicies> {
  const hit = cache.get(workspaceId);
  if (hit) {
    const loaded = await hit;
    if (loaded.revision === revision) return loaded;
  }
  const loading = load(workspaceId, revision);
  cache.set(workspaceId, loading);
  // A failed load is forgotten (unless a newer one has taken its place), so the next decision retries.
  loading.catch(() => {
    if (cache.get(workspaceId) === loading) cache.delete(workspaceId);
  });
  return loading;
}

/** Drops this instance's entry at once (the publishing instance); others notice the revision. */
export function invalidatePolicies(workspaceId: string) {
  cache.delete(workspaceId);
}
