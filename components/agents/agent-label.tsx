import { agentName, agentTitle, type AgentRef } from "@/lib/agents/agent-label";

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/** An agent by name, its external id on hover. Given a bare id, the name comes from `names`. */
export function AgentLabel({
  agent,
  names = NO_NAMES,
  className,
}: {
  agent: AgentRef | string;
  names?: ReadonlyMap<string, string>;
  className?: string;
}) {
  const ref = typeof agent === "string" ? { externalId: agent, name: agentName(names, agent) } : agent;
  return (
    <span title={agentTitle(ref)} className={className}>
      {ref.name}
    </span>
  );
}
