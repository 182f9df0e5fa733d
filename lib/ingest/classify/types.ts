import type { SpanKind } from "../../db/generated/enums";

/** What a mapper can tell about a span. Every field is optional; earlier mappers win. */
export interface Classification {
  kind?: SpanKind;
  agentId?: string;
  agentName?: string;
  model?: string;
  provider?: string;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  /** A cost the caller reported itself, in USD. */
  reportedCostUsd?: number;
  input?: unknown;
  output?: unknown;
  toolName?: string;
  /** The agent this span hands control to (handoff / transfer). */
  handoffTo?: string;
}

export interface Mapper {
  name: string;
  map(attributes: Record<string, unknown>, span: { name: string }): Classification | null;
}

export function str(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim()) return value.trim().slice(0, 512);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

export function num(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A table lookup that never answers from Object.prototype ("constructor", "toString" are span names too). */
export function lookup<T>(table: Record<string, T>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The first attribute present among several names (current and deprecated conventions). */
export function first<T>(attributes: Record<string, unknown>, keys: string[], read: (v: unknown) => T | undefined) {
  for (const key of keys) {
    const value = read(attributes[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Messages arrive as JSON strings or as structured values. */
export function messages(value: unknown): unknown {
  if (typeof value !== "string") return value ?? undefined;
  const trimmed = value.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return value;
    }
  }
  return value;
}

export function compact(c: Classification): Classification | null {
  const entries = Object.entries(c).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as Classification) : null;
}
