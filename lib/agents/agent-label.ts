// Pure: how the UI names an agent. Telemetry and decisions record an agent by its external id
// (`agt-purchaser`); people know it by its name (`purchaser`). Views show the name and keep the
// id for hover text and filters; an id no registered agent carries is shown as it is.

/** An agent as a view shows it: the name, with the id that links and filters by it. */
export interface AgentRef {
  externalId: string;
  name: string;
}

/** Names by external id, from what a read returned (a JSON object or rows). */
export function agentNameMap(names: Readonly<Record<string, string>> | { externalId: string; name: string }[]) {
  return new Map<string, string>(
    Array.isArray(names) ? names.map((n) => [n.externalId, n.name]) : Object.entries(names),
  );
}

/** The agent's name, or its id when no agent of that id is known. */
export function agentName(names: ReadonlyMap<string, string>, externalId: string): string {
  return names.get(externalId) || externalId;
}

/** Each id with its agent's name, in the order given. */
export function agentRefs(externalIds: readonly string[], names: ReadonlyMap<string, string>): AgentRef[] {
  return externalIds.map((externalId) => ({ externalId, name: agentName(names, externalId) }));
}

/** Hover text for an agent shown by name: its id, when the two differ. */
export function agentTitle({ externalId, name }: AgentRef): string | undefined {
  return name === externalId ? undefined : `id: ${externalId}`;
}

/**
 * Choices for an agent filter: the value is the id (what filters take), the label the name —
 * with the id beside it when another agent shares the name.
 */
export function agentChoices(agents: readonly AgentRef[]): { value: string; label: string }[] {
  const seen = new Map<string, number>();
  for (const a of agents) seen.set(a.name, (seen.get(a.name) ?? 0) + 1);
  return agents.map((a) => ({
    value: a.externalId,
    label: (seen.get(a.name) ?? 0) > 1 ? `${a.name} (${a.externalId})` : a.name,
  }));
}
