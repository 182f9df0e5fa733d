// Pure: a span body as chat messages when it is one, in any of the shapes instrumentations
// record — GenAI semantic conventions (role + parts), OpenAI chat (role + content +
// tool_calls), OpenInference (flattened message.* keys) and the Vercel AI SDK (content parts,
// { system, prompt, messages }). Anything else is not messages (null), and is shown as JSON.

export type MessagePart =
  | { kind: "text"; text: string }
  | { kind: "tool_call"; name: string; arguments: unknown; id?: string }
  | { kind: "tool_result"; content: unknown; id?: string; name?: string }
  | { kind: "other"; value: unknown };

export interface ChatMessage {
  role: string;
  parts: MessagePart[];
  finishReason?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** JSON text inside a string (tool arguments are often recorded so) becomes a value. */
function maybeJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return v;
  try {
    return JSON.parse(t);
  } catch {
    return v;
  }
}

function part(p: unknown): MessagePart {
  if (typeof p === "string") return { kind: "text", text: p };
  if (!isObj(p)) return { kind: "other", value: p };
  const type = str(p.type);
  if (type === "text" || type === "input_text" || type === "output_text") {
    const text = str(p.content) ?? str(p.text);
    if (text !== undefined) return { kind: "text", text };
  }
  if (type === "tool_call" || type === "tool-call" || type === "function_call") {
    return {
      kind: "tool_call",
      name: str(p.name) ?? str(p.toolName) ?? "tool",
      arguments: maybeJson(p.arguments ?? p.args ?? p.input),
      ...((str(p.id) ?? str(p.toolCallId)) ? { id: (str(p.id) ?? str(p.toolCallId))! } : {}),
    };
  }
  if (type === "tool_call_response" || type === "tool-result" || type === "function_call_output") {
    const name = str(p.toolName) ?? str(p.name);
    const id = str(p.id) ?? str(p.toolCallId) ?? str(p.call_id);
    return {
      kind: "tool_result",
      content: maybeJson(p.response ?? p.result ?? p.output),
      ...(id ? { id } : {}),
      ...(name ? { name } : {}),
    };
  }
  return { kind: "other", value: p };
}

function openAiToolCall(call: unknown): MessagePart {
  if (!isObj(call)) return { kind: "other", value: call };
  const fn = isObj(call.function) ? call.function : call;
  return {
    kind: "tool_call",
    name: str(fn.name) ?? "tool",
    arguments: maybeJson(fn.arguments),
    ...(str(call.id) ? { id: str(call.id)! } : {}),
  };
}

/** OpenInference keeps a message's nested lists flattened: tool_calls.0.tool_call.function.name. */
function openInferenceToolCalls(m: Obj): MessagePart[] {
  const calls = new Map<number, Obj>();
  for (const [key, value] of Object.entries(m)) {
    const match = /^tool_calls\.(\d+)\.tool_call\.(.+)$/.exec(key);
    if (!match) continue;
    const call = calls.get(Number(match[1])) ?? {};
    call[match[2]!] = value;
    calls.set(Number(match[1]), call);
  }
  return [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, c]) => ({
      kind: "tool_call" as const,
      name: str(c["function.name"]) ?? "tool",
      arguments: maybeJson(c["function.arguments"]),
      ...(str(c.id) ? { id: str(c.id)! } : {}),
    }));
}

function message(m: unknown): ChatMessage | null {
  if (!isObj(m)) return null;
  const inner = isObj(m.message) ? m.message : m;
  const role = str(inner.role);
  if (!role) return null;
  const parts: MessagePart[] = [];
  if (Array.isArray(inner.parts)) parts.push(...inner.parts.map(part));
  if (typeof inner.content === "string") {
    parts.push(role === "tool" ? { kind: "tool_result", content: maybeJson(inner.content) } : part(inner.content));
  } else if (Array.isArray(inner.content)) parts.push(...inner.content.map(part));
  else if (inner.content !== undefined && inner.content !== null) parts.push({ kind: "other", value: inner.content });
  if (Array.isArray(inner.tool_calls)) parts.push(...inner.tool_calls.map(openAiToolCall));
  parts.push(...openInferenceToolCalls(inner));
  const finishReason = str(inner.finish_reason);
  return { role, parts, ...(finishReason ? { finishReason } : {}) };
}

export function toChatMessages(body: unknown): ChatMessage[] | null {
  let value = maybeJson(body);
  if (
    isObj(value) &&
    (Array.isArray(value.messages) || typeof value.prompt === "string" || typeof value.system === "string")
  ) {
    const list: unknown[] = [];
    if (typeof value.system === "string") list.push({ role: "system", content: value.system });
    if (Array.isArray(value.messages)) list.push(...value.messages);
    if (typeof value.prompt === "string") list.push({ role: "user", content: value.prompt });
    value = list;
  } else if (isObj(value) && str(value.role)) value = [value];
  if (!Array.isArray(value) || value.length === 0) return null;
  const messages: ChatMessage[] = [];
  for (const m of value) {
    const parsed = message(m);
    if (!parsed) return null;
    messages.push(parsed);
  }
  return messages;
}
