import "server-only";
import { publishedSources } from "./candidate";
import { compilePolicies, type CompiledPolicies } from "./evaluate";

export interface LoadedPolicies {
  revision: number;
  compiled: CompiledPolicies;
  /** The versions in force, as a decision records them. */
  versions: { policyId: string; versionId: string; version: number; mode: "ENFORCE" | "SHADOW" }[];
}

/** Workspaces whose compiled sets this instance keeps; the least recently used is evicted. */
export const POLICY_CACHE_WORKSPACES = 256;

// Per workspace: the compiled published set at a policy revision. A publish bumps the revision in
// its transaction; every instance reads the revision with the agent on each decision, so a stale
// entry is replaced on the next decision anywhere — no restart, no extra query. The map's order
// is the recency order (a hit moves its entry to the end).
const cache = new Map<string, { revision: number; loading: Promise<LoadedPolicies> }>();

/**
 * Sets that have left the cache (replaced, evicted, invalidated), freed once every continuation
 * already queued has run: a caller handed a set evaluates it synchronously on resuming, so it
 * does not find it freed. A loop that never yields to the event loop (embedded PGlite answers
 * within microtasks) would defer them without end, so past a few the oldest is freed at once.
 * Either way a caller that holds a set across an await of its own still gets the right answers:
 * a freed set is preparsed again when it is evaluated (evaluate.ts).
 */
const retiring: CompiledPolicies[] = [];
const RETIRING_MAX = 8;
let flush: NodeJS.Immediate | null = null;

function retire(loading: Promise<LoadedPolicies>) {
  loading.then(
    ({ compiled }) => {
      retiring.push(compiled);
      while (retiring.length > RETIRING_MAX) retiring.shift()!.free();
      flush ??= setImmediate(() => {
        flush = null;
        for (const set of retiring.splice(0)) set.free();
      });
    },
    () => {},
  );
}

async function load(workspaceId: string, revision: number): Promise<LoadedPolicies> {
  const active = await publishedSources(workspaceId);
  return {
    revision,
    compiled: compilePolicies(active),
    versions: active.map((p) => ({ policyId: p.policyId, versionId: p.versionId, version: p.version, mode: p.mode })),
  };
}

export function policiesFor(workspaceId: string, revision: number): Promise<LoadedPolicies> {
  const hit = cache.get(workspaceId);
  // Revisions only grow: an entry at a later revision than the caller read (a publish landed in
  // between) is what is in force now, and serving it avoids recompiling back and forth.
  if (hit && hit.revision >= revision) {
    cache.delete(workspaceId);
    cache.set(workspaceId, hit);
    return hit.loading;
  }
  const loading = load(workspaceId, revision);
  if (hit) {
    cache.delete(workspaceId);
    retire(hit.loading);
  }
  cache.set(workspaceId, { revision, loading });
  while (cache.size > POLICY_CACHE_WORKSPACES) {
    const [oldest, entry] = cache.entries().next().value!;
    cache.delete(oldest);
    retire(entry.loading);
  }
  // A failed load is forgotten (unless a newer one has taken its place), so the next decision retries.
  loading.catch(() => {
    if (cache.get(workspaceId)?.loading === loading) cache.delete(workspaceId);
  });
  return loading;
}

/** Drops this instance's entry at once (the publishing instance); others notice the revision. */
export function invalidatePolicies(workspaceId: string) {
  const entry = cache.get(workspaceId);
  if (!entry) return;
  cache.delete(workspaceId);
  retire(entry.loading);
}

/** Workspaces with a compiled set in this instance's cache. */
export function policyCacheSize(): number {
  return cache.size;
}
