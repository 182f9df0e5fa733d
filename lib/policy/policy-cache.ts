import "server-only";
import { publishedSources } from "./candidate";
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
  const active = await publishedSources(workspaceId);
  return {
    revision,
    compiled: compilePolicies(active),
    versions: active.map((p) => ({ policyId: p.policyId, versionId: p.versionId, version: p.version, mode: p.mode })),
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
