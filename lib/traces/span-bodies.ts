// Data minimisation: a workspace may keep span bodies — prompts, model outputs, tool arguments and
// results — to engineers, admins and auditors. Everything else about a span (its name, timing,
// tokens, cost, agent) stays readable by every role that reads traces.
import type { Role } from "../auth/permissions";

export type SpanBodyAccess = "READERS" | "PRIVILEGED";

/** The choices, as the settings page words them. */
export const SPAN_BODY_CHOICES: Record<SpanBodyAccess, string> = {
  READERS: "Every role that reads traces",
  PRIVILEGED: "Engineers, admins and auditors only",
};

/** The roles that read span bodies when the workspace keeps them to the few. */
export const BODY_ROLES: readonly Role[] = ["ADMIN", "ENGINEER", "AUDITOR"];

/**
 * Whether a reader sees span bodies. An API key (with the read scope an admin gave it) is a
 * machine the workspace configured, not a person: it reads them.
 */
export function readsSpanBodies(access: SpanBodyAccess, reader: { kind: "api_key" | "session"; role: Role | null }) {
  if (access === "READERS" || reader.kind === "api_key") return true;
  return reader.role !== null && BODY_ROLES.includes(reader.role);
}

// Attributes that may carry a body under conventions ingest does not lift into input and output
// (OpenInference's flattened llm.input_messages.0.message.content, say).
const BODY_ATTRIBUTE =
  /(^|\.)(input|output|prompt|completion|messages?|content|arguments|result|query|response)(\.|_|$)/i;

/** A span as a reader without access to bodies sees it: no input, output, events or body attributes. */
export function withoutBodies<S extends { input: unknown; output: unknown; events: unknown; attributes: unknown }>(
  span: S,
): S & { bodiesHidden: true } {
  const attributes = Object.fromEntries(
    Object.entries((span.attributes ?? {}) as Record<string, unknown>).filter(([key]) => !BODY_ATTRIBUTE.test(key)),
  );
  return { ...span, input: null, output: null, events: [], attributes, bodiesHidden: true };
}
