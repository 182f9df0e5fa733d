import type { SpanKind } from "../../db/generated/enums";
import { compact, lookup, str, type Mapper } from "./types";

// Pydantic AI's span names before its GenAI-convention instrumentation (versions ≤ 2 of its format).
const KINDS: Record<string, SpanKind> = {
  "agent run": "AGENT",
  "running tools": "CHAIN",
  "running tool": "TOOL",
  "running output function": "TOOL",
};

/** Pydantic AI through Logfire: the agent run names its agent in `agent_name`. */
export const logfireMapper: Mapper = {
  name: "logfire",
  map(a, span) {
    const agentName = str(a["agent_name"]);
    if (agentName === undefined && a["logfire.msg"] === undefined) return null;
    return compact({ kind: lookup(KINDS, span.name), agentName });
  },
};
