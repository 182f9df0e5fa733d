// The data plane: the routes agents call on their hot path, answered straight from Node's HTTP
// server in front of Next.js (which answers everything else), from memory where it can be. The
// custom server (scripts/server.mjs) finds it on globalThis, installed by instrumentation.ts.
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { database } from "../db";
import { watchRevisions } from "../db/revisions";
import { policiesFor } from "../policy/policy-cache";
import { primeAgents } from "../decisions/evaluate-request";
import { rehearseDecisions, type Rehearsal } from "../decisions/rehearse";
import type { MachineRoute } from "./machine-route";
import { approvalRoute, decisionsRoute, keyRoute, nativeIngestRoute, otlpTracesRoute } from "./machine-routes";

type Serve = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

interface Entry {
  method: string;
  path: RegExp;
  route: MachineRoute<never>;
  params: (match: RegExpExecArray) => object;
}

const none = () => ({});
const ROUTES: Entry[] = [
  { method: "POST", path: /^\/api\/v1\/decisions$/, route: decisionsRoute, params: none },
  { method: "POST", path: /^\/api\/v1\/ingest$/, route: nativeIngestRoute, params: none },
  { method: "GET", path: /^\/api\/v1\/key$/, route: keyRoute, params: none },
  { method: "POST", path: /^\/api\/public\/otel\/v1\/traces$/, route: otlpTracesRoute, params: none },
  {
    method: "GET",
    path: /^\/api\/v1\/approvals\/([A-Za-z0-9_-]{1,64})$/,
    route: approvalRoute as MachineRoute<never>,
    params: (m) => ({ approvalId: m[1]! }),
  },
];

/** The machine route a method and path name, with its params; null when it is not the data plane's. */
export function machineRouteFor(method: string, path: string): { route: MachineRoute<never>; params: object } | null {
  for (const entry of ROUTES) {
    if (entry.method !== method) continue;
    const match = entry.path.exec(path);
    if (match) return { route: entry.route, params: entry.params(match) };
  }
  return null;
}

/** The data plane's handler for a request, or null: Next.js answers it. */
export function dataPlaneRoute(req: IncomingMessage): Serve | null {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const hit = machineRouteFor(req.method ?? "GET", q === -1 ? url : url.slice(0, q));
  return hit ? (rq, rs) => hit.route.node(rq, rs, hit.params as never) : null;
}

/**
 * Before the server says it is ready: revisions read, the pool's connections open, every
 * workspace's published policies compiled, the active agents in memory and decisions rehearsed
 * (lib/decisions/rehearse.ts), so the first minute is as fast as the tenth.
 */
export async function warmDataPlane(): Promise<{
  workspaces: number;
  agents: number;
  rehearsed: Rehearsal;
  ms: number;
}> {
  const started = performance.now();
  await watchRevisions();
  const db = database();
  if (db.kind === "postgres") await Promise.all(Array.from({ length: 10 }, () => db.query("SELECT 1")));
  const workspaces = await db.query<{ id: string; policyRevision: number }>(
    `SELECT "id", "policyRevision" FROM "Workspace"`,
  );
  for (const w of workspaces) await policiesFor(w.id, w.policyRevision);
  const agents = await primeAgents(5_000);
  // The hot path's code compiled and every scope's Cedar sets preparsed before the first request.
  const rehearsed = await rehearseDecisions({ workspaces: 20, rounds: 50, writes: 60, budgetMs: 1_500 });
  return { workspaces: workspaces.length, agents, rehearsed, ms: Math.round(performance.now() - started) };
}

export interface DataPlane {
  route: typeof dataPlaneRoute;
  warm: typeof warmDataPlane;
}

export function installDataPlane() {
  (globalThis as { __arbiterDataPlane?: DataPlane }).__arbiterDataPlane = {
    route: dataPlaneRoute,
    warm: warmDataPlane,
  };
}
