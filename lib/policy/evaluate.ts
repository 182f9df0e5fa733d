// Cedar evaluation of a decision request against a workspace's two policy sets:
// guardrails (permit/forbid; a deny is final) and approvals (a matching permit holds the action
// for a human). Approvals are consulted only when the guardrails allow, so an approval can never
// turn a deny into an allow. Fails closed: any evaluation error is a DENY naming the error —
// Cedar itself would skip an erroring policy, which could let a forbid silently lapse.
import "../wasm-guard";
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { ACTIONS, ARBITER_SCHEMA } from "./schema";
import type { CedarRequest } from "./request";

export type Outcome = "ALLOW" | "DENY" | "REQUIRE_APPROVAL";

export interface PolicySource {
  policyId: string;
  name: string;
  version: number;
  set: "GUARDRAILS" | "APPROVALS";
  mode: "ENFORCE" | "SHADOW";
  source: string;
}

export interface Reason {
  policyId: string;
  version: number;
  message: string;
}

interface StatementMeta {
  policyId: string;
  name: string;
  version: number;
  message: string | null;
  route: string | null;
  timeoutMinutes: number | null;
  escalateMinutes: number | null;
  quorum: number | null;
}

type SetIds = { guardrails: string; approvals: string; guardrailsShadow: string; approvalsShadow: string };

export interface CompiledPolicies {
  /**
   * Preparsed set ids — enforce-only and enforce+shadow, per set — for each action: a statement
   * whose scope names actions joins only their sets, so a request is evaluated against the
   * statements that can apply to it ("*" holds every statement, for anything else).
   */
  sets: Map<string, SetIds>;
  hasShadow: boolean;
  statements: Map<string, StatementMeta>;
  /** Policies that did not parse; they take no part, and the publish path refuses them. */
  problems: { policyId: string; message: string }[];
}

/** How a held action is decided, from the approval policy's annotations. */
export interface ApprovalTerms {
  /** The approval policy that held it (the first determining statement's). */
  policyId: string;
  version: number;
  route: string;
  timeoutMinutes: number;
  /** @escalate: minutes after which ADMIN is asked too; null when the policy does not escalate. */
  escalateMinutes: number | null;
  /** @quorum: distinct approvers needed. */
  quorum: number;
}

export interface Evaluation {
  outcome: Outcome;
  reasons: Reason[];
  errors: string[];
  approval: ApprovalTerms | null;
  /** With shadow policies counted too, when there are any. */
  shadow: { outcome: Outcome; reasons: Reason[] } | null;
}

const SCHEMA_ID = "arbiter";
export const DEFAULT_APPROVAL_TIMEOUT_MINUTES = 60;
export const DEFAULT_APPROVAL_ROUTE = "APPROVER";

let schemaReady = false;
function ensureSchema() {
  if (schemaReady) return;
  const answer = cedar.preparseSchema(SCHEMA_ID, ARBITER_SCHEMA);
  if (answer.type !== "success") throw new Error(`The Arbiter schema does not parse: ${answer.errors[0]?.message}`);
  schemaReady = true;
}

/** "90", "90m", "2h", "1d" → minutes; anything else null. */
export function parseTimeout(text: string | undefined): number | null {
  if (!text) return null;
  const m = /^\s*(\d{1,6})\s*(m|min|h|d)?\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? "m").toLowerCase();
  return unit === "h" ? n * 60 : unit === "d" ? n * 1440 : n;
}

/** "2" → 2; a quorum is 1..10 approvers, anything else null (one approver). */
export function parseQuorum(text: string | undefined): number | null {
  const m = text ? /^\s*(\d{1,2})\s*$/.exec(text) : null;
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= 10 ? n : null;
}

let generation = 0;

type ActionScope = { op: "All" } | { op: "=="; entity: unknown } | { op: "in"; entity?: unknown; entities?: unknown[] };

/** The actions a statement's scope names, or null for any action (the schema has no action groups). */
function scopedActions(scope: unknown): string[] | null {
  const s = scope as ActionScope;
  const named = s.op === "==" ? [s.entity] : s.op === "in" ? (s.entities ?? (s.entity ? [s.entity] : [])) : null;
  if (!named) return null;
  const ids = named.map((e) => (e as { id?: unknown }).id);
  return ids.every((id): id is string => typeof id === "string") ? ids : null;
}

/** The actions any statement of `source` can apply to; null when one applies to every action. */
export function policyActions(source: string): Set<string> | null {
  const parts = cedar.policySetTextToParts(source);
  if (parts.type !== "success") return null;
  const actions = new Set<string>();
  for (const text of parts.policies) {
    const json = cedar.policyToJson(text);
    const scoped = json.type === "success" ? scopedActions(json.json.action) : null;
    if (!scoped) return null;
    for (const a of scoped) actions.add(a);
  }
  return actions;
}

/**
 * Parses every policy's statements once and preparses the four sets Cedar evaluates. Each
 * statement's Cedar id carries its policy and version, so a decision names both.
 *
 * Cedar keeps preparsed sets until the process ends; preparsing under an id already used replaces
 * that set. Published sets get fresh ids (a publish is rare, and a decision in flight keeps its
 * own); scratch evaluations (drafts, tests, impact analysis) pass a `slot` whose ids they reuse.
 */
export function compilePolicies(policies: PolicySource[], slot?: string): CompiledPolicies {
  ensureSchema();
  const statements = new Map<string, StatementMeta>();
  const problems: CompiledPolicies["problems"] = [];
  const scopes = [...ACTIONS, "*"];
  const buckets = new Map<string, Record<keyof SetIds, Record<string, string>>>(
    scopes.map((a) => [a, { guardrails: {}, approvals: {}, guardrailsShadow: {}, approvalsShadow: {} }]),
  );
  for (const p of policies) {
    const parts = cedar.policySetTextToParts(p.source);
    if (parts.type !== "success") {
      problems.push({ policyId: p.policyId, message: parts.errors.map((e) => e.message).join("; ") });
      continue;
    }
    parts.policies.forEach((text, i) => {
      const id = `${p.policyId}@v${p.version}#${i}`;
      const json = cedar.policyToJson(text);
      const annotations = json.type === "success" ? (json.json.annotations ?? {}) : {};
      statements.set(id, {
        policyId: p.policyId,
        name: p.name,
        version: p.version,
        message: annotations.message ?? null,
        route: annotations.route ?? null,
        timeoutMinutes: parseTimeout(annotations.timeout),
        escalateMinutes: parseTimeout(annotations.escalate),
        quorum: parseQuorum(annotations.quorum),
      });
      const actions = json.type === "success" ? scopedActions(json.json.action) : null;
      const set = p.set === "GUARDRAILS" ? "guardrails" : "approvals";
      for (const scope of actions ? [...actions, "*"] : scopes) {
        const bucket = buckets.get(scope);
        if (!bucket) continue;
        if (p.mode === "ENFORCE") bucket[set][id] = text;
        bucket[`${set}Shadow`][id] = text;
      }
    });
  }
  const tag = slot ?? `g${++generation}`;
  const sets = new Map<string, SetIds>();
  for (const [scope, bucket] of buckets) {
    const ids = {} as SetIds;
    for (const [name, staticPolicies] of Object.entries(bucket) as [keyof SetIds, Record<string, string>][]) {
      const id = `${tag}:${scope}:${name}`;
      const answer = cedar.preparsePolicySet(id, { staticPolicies });
      if (answer.type !== "success")
        throw new Error(`A parsed policy set did not preparse: ${answer.errors[0]?.message}`);
      ids[name] = id;
    }
    sets.set(scope, ids);
  }
  const hasShadow = policies.some((p) => p.mode === "SHADOW");
  return { sets, hasShadow, statements, problems };
}

/** An evaluation error, with the statement that raised it (none for an invalid request). */
type SetError = { cedarId: string | null; message: string };
type SetResult = { allowed: boolean; determining: string[]; errors: SetError[] };

function run(setId: string, request: CedarRequest): SetResult {
  const answer = cedar.statefulIsAuthorized({
    principal: request.principal,
    action: request.action,
    resource: request.resource,
    context: request.context,
    entities: request.entities,
    preparsedPolicySetId: setId,
    preparsedSchemaName: SCHEMA_ID,
    validateRequest: true,
  });
  if (answer.type !== "success") {
    return {
      allowed: false,
      determining: [],
      errors: answer.errors.map((e) => ({ cedarId: null, message: `invalid request: ${e.message}` })),
    };
  }
  const { decision, diagnostics } = answer.response;
  return {
    allowed: decision === "allow",
    determining: diagnostics.reason,
    errors: diagnostics.errors.map((e) => ({ cedarId: e.policyId, message: e.error.message })),
  };
}

function reasonFor(compiled: CompiledPolicies, cedarId: string, fallback: string): Reason {
  const meta = compiled.statements.get(cedarId);
  if (!meta) return { policyId: cedarId, version: 0, message: fallback };
  return { policyId: meta.policyId, version: meta.version, message: meta.message ?? `${meta.name} (${fallback})` };
}

/** A DENY that names each evaluation error: the decision failed closed. */
function failedClosed(compiled: CompiledPolicies, errors: SetError[]): Omit<Evaluation, "shadow"> {
  return {
    outcome: "DENY",
    reasons: errors.map(({ cedarId, message }) => {
      const meta = cedarId === null ? undefined : compiled.statements.get(cedarId);
      return {
        policyId: meta?.policyId ?? "arbiter:evaluation",
        version: meta?.version ?? 0,
        message: `evaluation error, failing closed: ${message}`,
      };
    }),
    errors: errors.map(({ cedarId, message }) => (cedarId === null ? message : `${cedarId}: ${message}`)),
    approval: null,
  };
}

/** The two-stage decision; each stage's evaluation is a thunk so a caller may share one (compareOutcomes). */
function decide(
  compiled: CompiledPolicies,
  runGuardrails: () => SetResult,
  runApprovals: () => SetResult,
): Omit<Evaluation, "shadow"> {
  const guard = runGuardrails();
  if (guard.errors.length) return failedClosed(compiled, guard.errors);
  if (!guard.allowed) {
    const reasons = guard.determining.length
      ? guard.determining.map((id) => reasonFor(compiled, id, "forbids this"))
      : [{ policyId: "arbiter:default-deny", version: 0, message: "No guardrail permits this action." }];
    return { outcome: "DENY", reasons, errors: [], approval: null };
  }
  const hold = runApprovals();
  if (hold.errors.length) return failedClosed(compiled, hold.errors);
  if (hold.allowed) {
    const metas = hold.determining.map((id) => compiled.statements.get(id)).filter((m) => m !== undefined);
    const present = (values: (number | null)[]) => values.filter((t): t is number => t !== null);
    const timeouts = present(metas.map((m) => m.timeoutMinutes));
    const escalations = present(metas.map((m) => m.escalateMinutes));
    const quorums = present(metas.map((m) => m.quorum));
    // Several statements may hold one action: the strictest terms win (shortest deadline and
    // escalation, largest quorum); the first statement names the policy and the route.
    const first = metas[0];
    return {
      outcome: "REQUIRE_APPROVAL",
      reasons: hold.determining.map((id) => reasonFor(compiled, id, "requires approval")),
      errors: [],
      approval: {
        policyId: first?.policyId ?? "arbiter:approvals",
        version: first?.version ?? 0,
        route: metas.find((m) => m.route)?.route ?? DEFAULT_APPROVAL_ROUTE,
        timeoutMinutes: timeouts.length ? Math.min(...timeouts) : DEFAULT_APPROVAL_TIMEOUT_MINUTES,
        escalateMinutes: escalations.length ? Math.min(...escalations) : null,
        quorum: quorums.length ? Math.max(...quorums) : 1,
      },
    };
  }
  return {
    outcome: "ALLOW",
    reasons: guard.determining.map((id) => reasonFor(compiled, id, "permits this")),
    errors: [],
    approval: null,
  };
}

/** The decision for one request; `suspended` is the agent's kill switch, checked before any policy. */
export function evaluate(compiled: CompiledPolicies, request: CedarRequest, suspended: boolean): Evaluation {
  if (suspended) {
    const reasons = [{ policyId: "arbiter:kill-switch", version: 0, message: "The agent is suspended." }];
    return { outcome: "DENY", reasons, errors: [], approval: null, shadow: null };
  }
  const sets = setsFor(compiled, request);
  const enforced = decide(
    compiled,
    () => run(sets.guardrails, request),
    () => run(sets.approvals, request),
  );
  const shadow = compiled.hasShadow
    ? decide(
        compiled,
        () => run(sets.guardrailsShadow, request),
        () => run(sets.approvalsShadow, request),
      )
    : null;
  return { ...enforced, shadow: shadow ? { outcome: shadow.outcome, reasons: shadow.reasons } : null };
}

function setsFor(compiled: CompiledPolicies, request: CedarRequest) {
  const action = "id" in request.action ? request.action.id : "*";
  return compiled.sets.get(action) ?? compiled.sets.get("*")!;
}

const once = <T>(compute: () => T) => {
  let value: { v: T } | null = null;
  return () => (value ??= { v: compute() }).v;
};

/**
 * The enforced decision for one request under two compilations that differ only in the policies
 * of `changed` (impact analysis: the published set and a draft). The other set holds the same
 * statements in both, so it is evaluated once.
 */
export function compareDecisions(
  before: CompiledPolicies,
  after: CompiledPolicies,
  request: CedarRequest,
  changed: PolicySource["set"],
): [Omit<Evaluation, "shadow">, Omit<Evaluation, "shadow">] {
  const a = setsFor(before, request);
  const b = setsFor(after, request);
  const sharedGuardrails = once(() => run(a.guardrails, request));
  const sharedApprovals = once(() => run(a.approvals, request));
  return [
    decide(before, sharedGuardrails, sharedApprovals),
    changed === "GUARDRAILS"
      ? decide(after, () => run(b.guardrails, request), sharedApprovals)
      : decide(after, sharedGuardrails, () => run(b.approvals, request)),
  ];
}

export interface PolicyProblem {
  severity: "error" | "warning";
  message: string;
  help: string | null;
  /** Character offsets into the source (Cedar reports UTF-8 byte offsets; these are converted). */
  locations: { start: number; end: number }[];
}

/** UTF-8 byte offset → string index, for sources with non-ASCII text (in a comment, say). */
function charOffsets(source: string) {
  if (/^[\x00-\x7f]*$/.test(source)) return (byte: number) => Math.min(byte, source.length);
  const bytes = new TextEncoder().encode(source);
  return (byte: number) => new TextDecoder().decode(bytes.subarray(0, Math.min(byte, bytes.length))).length;
}

/** Validation of policies against the schema, with source locations for inline diagnostics. */
export function validatePolicy(source: string): PolicyProblem[] {
  const answer = cedar.validate({
    schema: ARBITER_SCHEMA,
    policies: { staticPolicies: source },
    validationSettings: { mode: "strict" },
  });
  const toChar = charOffsets(source);
  const problem =
    (severity: PolicyProblem["severity"]) =>
    (e: { message: string; help: string | null; sourceLocations?: { start: number; end: number }[] }) => ({
      severity,
      // Cedar names the statement by its internal id ("policy0"); the editor shows where instead.
      message: e.message.replace(/^for policy `[^`]*`, /, ""),
      help: e.help,
      locations: (e.sourceLocations ?? []).map((l) => ({ start: toChar(l.start), end: toChar(l.end) })),
    });
  if (answer.type !== "success") return answer.errors.map(problem("error"));
  return [
    ...answer.validationErrors.map((v) => problem("error")(v.error)),
    ...answer.validationWarnings.map((v) => problem("warning")(v.error)),
  ];
}

/** The problems that stop a policy from being published (warnings do not). */
export function policyErrors(source: string) {
  return validatePolicy(source).filter((p) => p.severity === "error");
}

/** Cedar's own formatter; null when the source does not parse (validation says why). */
export function formatPolicy(source: string): string | null {
  const answer = cedar.formatPolicies({ policyText: source, lineWidth: 100, indentWidth: 2 });
  return answer.type === "success" ? answer.formatted_policy : null;
}
