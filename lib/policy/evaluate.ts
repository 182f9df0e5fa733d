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
  /** @spend: the action this statement permits or holds spends money (budgets govern it). */
  spend: boolean;
}

type SetName = "guardrails" | "approvals" | "guardrailsShadow" | "approvalsShadow";
/** Preparsed set ids; null for a set with no statements (nothing to ask Cedar: it would deny). */
type SetIds = Record<SetName, string | null>;
type Bucket = Record<SetName, Record<string, string>>;
/**
 * Per action scope ("*" for any other): the statements for a resource of any kind, and per
 * resource kind that some statements require, those plus theirs (Cedar statement id → text).
 */
type Buckets = Map<string, { anyKind: Bucket; byKind: Map<string, Bucket> }>;

const SET_NAMES: SetName[] = ["guardrails", "approvals", "guardrailsShadow", "approvalsShadow"];
const SCOPES = [...ACTIONS, "*"];

// Cedar keeps a preparsed set, under its id, until another is preparsed under the same id; there
// is no call that drops one. So compiled sets live in slots — a slot names one set id per scope
// and set — drawn from a pool: a freed slot's sets are replaced by empty ones at once (their
// memory goes back to Cedar's allocator) and the slot is reused by the next compilation, so
// neither the sets nor their ids accumulate. A set nobody freed is freed when it is collected.
const freeSlots: string[] = [];
let slotCount = 0;
let liveSlots = 0;
const EMPTY_SET = { staticPolicies: {} };
const setId = (slot: string, scope: string, name: SetName) => `${slot}:${scope}:${name}`;

function takeSlot(): string {
  liveSlots++;
  return freeSlots.pop() ?? `s${++slotCount}`;
}

/** A slot and the scopes preparsed under it so far (sets are preparsed when first asked for). */
interface Slot {
  id: string;
  prepared: Set<string>;
}

function releaseSlot(slot: Slot) {
  for (const scope of slot.prepared)
    for (const name of SET_NAMES) cedar.preparsePolicySet(setId(slot.id, scope, name), EMPTY_SET);
  slot.prepared.clear();
  liveSlots--;
  freeSlots.push(slot.id);
}

const collected = new FinalizationRegistry<Slot>(releaseSlot);

/** Compiled sets whose Cedar policy sets are held now (for tests and diagnostics). */
export function compiledSetCount(): number {
  return liveSlots;
}

/**
 * A workspace's policies parsed once, with their Cedar sets preparsed — enforce-only and
 * enforce+shadow, per set — for each action: a statement whose scope names actions joins only
 * their sets, so a request is evaluated against the statements that can apply to it ("*" holds
 * every statement, for anything else). Free it when it is replaced; a freed set that is
 * evaluated again is preparsed again, so a caller still holding one gets the same answers.
 */
export class CompiledPolicies {
  readonly hasShadow: boolean;
  readonly statements: Map<string, StatementMeta>;
  /** Policies that did not parse; they take no part, and the publish path refuses them. */
  readonly problems: { policyId: string; message: string }[];
  readonly #buckets: Buckets;
  #slot: Slot | null = null;

  constructor(parts: Pick<CompiledPolicies, "hasShadow" | "statements" | "problems"> & { buckets: Buckets }) {
    this.hasShadow = parts.hasShadow;
    this.statements = parts.statements;
    this.problems = parts.problems;
    this.#buckets = parts.buckets;
    // Every scope's sets for resources of any kind now (a set that does not preparse fails the
    // compilation, not a decision); a kind's sets when a request first asks for that kind.
    for (const [scope, { anyKind }] of this.#buckets) this.#prepare(`${scope}|*`, anyKind);
  }

  /** Whether its Cedar sets are freed (they are preparsed again if it is evaluated). */
  get freed(): boolean {
    return this.#slot === null;
  }

  /** Drops its Cedar sets. Safe at any time between evaluations (they are synchronous). */
  free(): void {
    if (this.#slot === null) return;
    collected.unregister(this);
    releaseSlot(this.#slot);
    this.#slot = null;
  }

  /**
   * The requests that reach each of its sets: an action per action scope (for "*", one no
   * statement names) and a resource kind per kind some statements require (null: any other).
   * Warming walks them.
   */
  scopes(): { action: (typeof ACTIONS)[number]; kind: string | null }[] {
    const other = ACTIONS.find((a) => !this.#buckets.has(a));
    return [...this.#buckets].flatMap(([scope, { byKind }]) => {
      const action = scope === "*" ? other : ACTIONS.find((a) => a === scope);
      return action ? [null, ...byKind.keys()].map((kind) => ({ action, kind })) : [];
    });
  }

  /**
   * The preparsed set ids for a request's action and resource kind (only the statements that can
   * apply to it), valid until the caller next yields.
   */
  setsFor(request: CedarRequest): SetIds {
    const action = "id" in request.action ? request.action.id : "*";
    const byAction = this.#buckets.get(action) ?? this.#buckets.get("*")!;
    const kind = resourceKind(request);
    const kinded = kind === null ? undefined : byAction.byKind.get(kind);
    const scope = `${this.#buckets.has(action) ? action : "*"}|${kinded ? kind : "*"}`;
    const bucket = kinded ?? byAction.anyKind;
    const slot = this.#prepare(scope, bucket);
    const id = (name: SetName) => {
      for (const _ in bucket[name]) return setId(slot, scope, name);
      return null;
    };
    // The guardrails are always asked: their evaluation validates the request.
    return {
      guardrails: setId(slot, scope, "guardrails"),
      approvals: id("approvals"),
      guardrailsShadow: id("guardrailsShadow"),
      approvalsShadow: id("approvalsShadow"),
    };
  }

  #prepare(scope: string, bucket: Bucket): string {
    let slot = this.#slot;
    if (slot === null) {
      slot = { id: takeSlot(), prepared: new Set() };
      this.#slot = slot;
      collected.register(this, slot, this);
    }
    if (slot.prepared.has(scope)) return slot.id;
    for (const name of SET_NAMES) {
      // Shadow sets are evaluated only when there are shadow policies.
      const policies = this.hasShadow || !name.endsWith("Shadow") ? bucket[name] : {};
      const answer = cedar.preparsePolicySet(setId(slot.id, scope, name), { staticPolicies: policies });
      if (answer.type !== "success")
        throw new Error(`A parsed policy set did not preparse: ${answer.errors[0]?.message}`);
    }
    slot.prepared.add(scope);
    return slot.id;
  }
}

/** The kind of the request's resource, from its entity. */
function resourceKind(request: CedarRequest): string | null {
  const uid = request.resource as { type?: string; id?: string };
  const entity = request.entities.find((e) => {
    const u = e.uid as { type?: string; id?: string };
    return u.type === uid.type && u.id === uid.id;
  });
  const kind = (entity?.attrs as { kind?: unknown } | undefined)?.kind;
  return typeof kind === "string" ? kind : null;
}

type Expr = Record<string, unknown>;

/**
 * The resource kind a statement requires before anything else: its first condition is a `when`
 * whose first conjunct is `resource.kind == "<kind>"`. Cedar evaluates that conjunct first and,
 * when it is false, the rest never runs — so for any other kind the statement is neither satisfied
 * nor in error, and leaving it out of that kind's set changes no answer.
 */
function requiredKind(json: { conditions?: { kind: string; body: unknown }[] }): string | null {
  const first = json.conditions?.[0];
  if (!first || first.kind !== "when") return null;
  let expr = first.body as Expr;
  while (expr && typeof expr === "object" && "&&" in expr) expr = (expr["&&"] as { left: Expr }).left;
  const eq = (expr as { "=="?: { left: Expr; right: Expr } })?.["=="];
  if (!eq) return null;
  const isKind = (e: Expr) => {
    const dot = e["."] as { left?: Expr; attr?: unknown } | undefined;
    return dot?.attr === "kind" && (dot.left as { Var?: unknown } | undefined)?.Var === "resource";
  };
  const literal = (e: Expr) => (typeof e.Value === "string" ? e.Value : null);
  if (isKind(eq.left)) return literal(eq.right);
  if (isKind(eq.right)) return literal(eq.left);
  return null;
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
  /** A statement that permitted or held it is marked @spend. */
  spend?: boolean;
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
 * Parses every policy's statements once and preparses the sets Cedar evaluates. Each statement's
 * Cedar id carries its policy and version, so a decision names both.
 */
export function compilePolicies(policies: PolicySource[]): CompiledPolicies {
  ensureSchema();
  const statements = new Map<string, StatementMeta>();
  const problems: CompiledPolicies["problems"] = [];
  type Placed = { id: string; text: string; set: "guardrails" | "approvals"; enforced: boolean; kind: string | null };
  const placed = new Map<string, Placed[]>(SCOPES.map((a) => [a, []]));
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
        spend: annotations.spend !== undefined,
      });
      const actions = json.type === "success" ? scopedActions(json.json.action) : null;
      const kind = json.type === "success" ? requiredKind(json.json) : null;
      const set = p.set === "GUARDRAILS" ? "guardrails" : "approvals";
      for (const scope of actions ? [...actions, "*"] : SCOPES) {
        placed.get(scope)?.push({ id, text, set, enforced: p.mode === "ENFORCE", kind });
      }
    });
  }
  const bucketOf = (list: Placed[]): Bucket => {
    const bucket: Bucket = { guardrails: {}, approvals: {}, guardrailsShadow: {}, approvalsShadow: {} };
    for (const { id, text, set, enforced } of list) {
      if (enforced) bucket[set][id] = text;
      bucket[`${set}Shadow`][id] = text;
    }
    return bucket;
  };
  const buckets: Buckets = new Map();
  for (const [scope, list] of placed) {
    const anyKind = list.filter((s) => s.kind === null);
    const kinds = new Set(list.flatMap((s) => (s.kind === null ? [] : [s.kind])));
    buckets.set(scope, {
      anyKind: bucketOf(anyKind),
      byKind: new Map([...kinds].map((k) => [k, bucketOf(list.filter((s) => s.kind === null || s.kind === k))])),
    });
  }
  const hasShadow = policies.some((p) => p.mode === "SHADOW");
  return new CompiledPolicies({ hasShadow, statements, problems, buckets });
}

/** An evaluation error, with the statement that raised it (none for an invalid request). */
type SetError = { cedarId: string | null; message: string };
type SetResult = { allowed: boolean; determining: string[]; errors: SetError[] };

/** One set's answer; `validate` checks the request against the schema (once per request is enough). */
function run(setId: string | null, request: CedarRequest, validate = true): SetResult {
  if (setId === null) return { allowed: false, determining: [], errors: [] };
  const answer = cedar.statefulIsAuthorized({
    principal: request.principal,
    action: request.action,
    resource: request.resource,
    context: request.context,
    entities: request.entities,
    preparsedPolicySetId: setId,
    preparsedSchemaName: SCHEMA_ID,
    validateRequest: validate,
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
  const spend = [...guard.determining, ...(hold.allowed ? hold.determining : [])].some(
    (id) => compiled.statements.get(id)?.spend,
  );
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
      spend,
    };
  }
  return {
    outcome: "ALLOW",
    reasons: guard.determining.map((id) => reasonFor(compiled, id, "permits this")),
    errors: [],
    approval: null,
    spend,
  };
}

/** The decision for one request; `suspended` is the agent's kill switch, checked before any policy. */
export function evaluate(compiled: CompiledPolicies, request: CedarRequest, suspended: boolean): Evaluation {
  if (suspended) {
    const reasons = [{ policyId: "arbiter:kill-switch", version: 0, message: "The agent is suspended." }];
    return { outcome: "DENY", reasons, errors: [], approval: null, shadow: null };
  }
  const sets = compiled.setsFor(request);
  // The guardrails run first and validate the request; an invalid one ends there, failing closed.
  const enforced = decide(
    compiled,
    () => run(sets.guardrails, request),
    () => run(sets.approvals, request, false),
  );
  const shadow = compiled.hasShadow
    ? decide(
        compiled,
        () => run(sets.guardrailsShadow, request, false),
        () => run(sets.approvalsShadow, request, false),
      )
    : null;
  return { ...enforced, shadow: shadow ? { outcome: shadow.outcome, reasons: shadow.reasons } : null };
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
  const a = before.setsFor(request);
  const b = after.setsFor(request);
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
  return merged([
    ...answer.validationErrors.map((v) => problem("error")(v.error)),
    ...answer.validationWarnings.map((v) => problem("warning")(v.error)),
  ]).map(withHint);
}

const PER_ACTION = / for Arbiter::Action::"([^"]+)"/;

/**
 * Cedar reports one problem per action it checked a statement for: the same message, place and
 * help for each. One problem says it once and names the actions.
 */
function merged(problems: PolicyProblem[]): PolicyProblem[] {
  const byKey = new Map<string, { problem: PolicyProblem; actions: string[] }>();
  for (const p of problems) {
    const action = PER_ACTION.exec(p.message)?.[1];
    const message = p.message.replace(PER_ACTION, "");
    const key = JSON.stringify([p.severity, message, p.help, p.locations]);
    const seen = byKey.get(key);
    if (seen) {
      if (action) seen.actions.push(action);
    } else byKey.set(key, { problem: { ...p, message }, actions: action ? [action] : [] });
  }
  return [...byKey.values()].map(({ problem, actions }) => ({
    ...problem,
    message:
      actions.length === 0
        ? problem.message
        : `${problem.message} for ${actions.length === 1 ? `the action ${actions[0]}` : `${actions.length} actions (${actions.join(", ")})`}`,
  }));
}

/** Help for mistakes the validator names without saying what to write instead. */
function withHint(p: PolicyProblem): PolicyProblem {
  if (p.help === null && /expected Long but saw decimal|expected decimal but saw Long/.test(p.message))
    return {
      ...p,
      help: 'Amounts are decimals: compare them with a decimal method, e.g. context.amount.greaterThan(decimal("500.0")) (also lessThan, greaterThanOrEqual, lessThanOrEqual).',
    };
  return p;
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
