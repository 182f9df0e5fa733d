// Colours per span kind, shared by the waterfall bars and badges.
export const KIND_COLOURS: Record<string, { bar: string; text: string }> = {
  AGENT: { bar: "bg-violet-500", text: "text-violet-700" },
  LLM: { bar: "bg-sky-500", text: "text-sky-700" },
  TOOL: { bar: "bg-amber-500", text: "text-amber-700" },
  CHAIN: { bar: "bg-slate-400", text: "text-slate-600" },
  RETRIEVER: { bar: "bg-teal-500", text: "text-teal-700" },
  EMBEDDING: { bar: "bg-cyan-500", text: "text-cyan-700" },
  GUARDRAIL: { bar: "bg-rose-400", text: "text-rose-700" },
  HANDOFF: { bar: "bg-fuchsia-500", text: "text-fuchsia-700" },
  OTHER: { bar: "bg-slate-300", text: "text-slate-500" },
};
