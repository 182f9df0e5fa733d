import type { SpanKind } from "../../db/generated/enums";
import { lookup, type Mapper } from "./types";

// Conventions carried by the span name alone, for spans whose attributes say too little: the GenAI
// "invoke_agent <name>" / "create_agent <name>", Google ADK's "agent_run [<name>]", and
// Microsoft.Extensions.AI's "orchestrate_tools" (the tool-calling loop around several model calls).
const AGENT_NAMES = [/^(?:invoke_agent|create_agent)\s+(.+)$/, /^agent_run\s+\[(.+)\]$/];
const KINDS: Record<string, SpanKind> = { orchestrate_tools: "CHAIN" };

export const spanNameMapper: Mapper = {
  name: "span_name",
  map(_a, span) {
    for (const pattern of AGENT_NAMES) {
      const name = pattern.exec(span.name)?.[1]?.trim();
      if (name) return { kind: "AGENT", agentName: name.slice(0, 512) };
    }
    const kind = lookup(KINDS, span.name);
    return kind ? { kind } : null;
  },
};
