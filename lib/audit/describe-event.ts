// What an audit event is about, for people: a one-line summary of its target, a link to it, and
// the reason the actor gave when there is one. Pure: the overview (and any list of events) draws it.

export interface AuditEventFacts {
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
}

export interface EventDescription {
  /** The target in words ("refund-agent · refund · order:o-1 → DENY"); null when there is none. */
  target: string | null;
  /** The target's page in the workspace; null when it has none. */
  href: string | null;
  /** Why, as the actor said it. */
  reason: string | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const text = (v: unknown): string | null =>
  typeof v === "string" && v.trim() ? v : typeof v === "number" ? String(v) : null;
const joined = (...parts: (string | null)[]) => parts.filter((p): p is string => p !== null).join(" · ") || null;

export function describeEvent(slug: string, e: AuditEventFacts): EventDescription {
  const after = obj(e.after);
  const before = obj(e.before);
  const meta = obj(e.metadata);
  const id = e.targetId;
  const reason = text(meta.reason) ?? text(after.reason) ?? text(meta.comment) ?? text(after.comment);
  const base = { reason };
  switch (e.targetType) {
    case "decision": {
      const request = joined(text(after.agent), text(after.action), text(after.resource));
      const outcome = text(after.outcome);
      return {
        ...base,
        target: request && outcome ? `${request} → ${outcome}` : (request ?? outcome),
        href: id ? `/${slug}/decisions/${id}` : null,
      };
    }
    case "approval":
      return {
        ...base,
        target: joined(text(meta.agent), text(after.status) ?? text(before.status)),
        href: id ? `/${slug}/approvals/${id}` : null,
      };
    case "policy": {
      const version = text(after.version);
      const mode = e.action === "policy.mode_changed" ? text(after.mode) : null;
      return {
        ...base,
        target: joined(text(after.name), version ? `v${version}` : null, mode ? `now ${mode.toLowerCase()}` : null),
        href: id ? `/${slug}/policies/${id}${version ? `#v${version}` : ""}` : null,
        reason: reason ?? text(after.message),
      };
    }
    case "agent":
      return {
        ...base,
        target: joined(text(meta.agent) ?? text(after.externalId), text(after.status) ?? text(after.autonomyLevel)),
        href: id ? `/${slug}/agents/${id}` : null,
      };
    case "membership":
      return {
        ...base,
        target: joined(text(after.email) ?? text(meta.email), text(after.role)),
        href: `/${slug}/settings/members`,
      };
    case "api_key":
      return {
        ...base,
        target: joined(text(after.name) ?? text(meta.name), text(after.publicKey)),
        href: `/${slug}/settings/api-keys`,
      };
    case "budget": {
      const threshold = text(after.threshold);
      const kind = text(after.kind);
      return {
        ...base,
        target: joined(
          text(after.name) ?? text(before.name) ?? "budget",
          kind === "budget.forecast" ? "forecast over the limit" : threshold ? `${threshold} % reached` : null,
        ),
        href: id && e.action !== "budget.deleted" ? `/${slug}/costs/budgets/${id}` : `/${slug}/costs`,
      };
    }
    case "breaker":
      return {
        ...base,
        target: joined(text(after.name) ?? text(before.name) ?? "circuit breaker", text(after.agent)),
        href: `/${slug}/costs`,
      };
    default:
      return { ...base, target: e.targetType ? joined(e.targetType, id) : null, href: null };
  }
}
