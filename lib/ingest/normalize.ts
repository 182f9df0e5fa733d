// OTLP export requests (decoded protobuf or OTLP/JSON) → flat, validated spans. Loose
// envelope, strict per span: a bad span is rejected with a reason, the rest go on.

export interface NormalizedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  startNs: bigint;
  endNs: bigint | null;
  status: "UNSET" | "OK" | "ERROR";
  statusMessage: string | null;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  scope: string | null;
  events: { name: string; timeUnixNano: string; attributes: Record<string, unknown> }[];
}

export interface Rejection {
  index: number;
  reason: string;
}

export const MAX_ATTRIBUTE_CHARS = 256 * 1024;
const MAX_DEPTH = 12;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Trace and span ids arrive as hex (OTLP/JSON), base64 (some JSON clients) or bytes (protobuf). */
export function normalizeId(value: unknown, bytes: 8 | 16): string | null {
  let hex: string | null = null;
  if (value instanceof Uint8Array) hex = Buffer.from(value).toString("hex");
  else if (typeof value === "string" && value.length > 0) {
    if (value.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(value)) hex = value.toLowerCase();
    else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
      const decoded = Buffer.from(value, "base64");
      if (decoded.length === bytes) hex = decoded.toString("hex");
    }
  }
  if (!hex || hex.length !== bytes * 2 || /^0+$/.test(hex)) return null;
  return hex;
}

/** int64 / fixed64 values arrive as numbers or decimal strings. */
export function toBigInt(value: unknown): bigint | null {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isFinite(value)) return BigInt(Math.trunc(value));
  if (typeof value === "string" && /^-?\d{1,20}$/.test(value)) return BigInt(value);
  if (isObj(value) && typeof value.low === "number" && typeof value.high === "number") {
    return (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  }
  return null;
}

function truncate(text: string): string {
  if (text.length <= MAX_ATTRIBUTE_CHARS) return text;
  return `${text.slice(0, MAX_ATTRIBUTE_CHARS)}…[truncated ${text.length - MAX_ATTRIBUTE_CHARS} characters]`;
}

/** Every AnyValue shape → plain JSON: arrays, kvlists (objects), bytes (base64), int64 (number or string). */
export function anyValue(value: unknown, depth = 0): unknown {
  if (!isObj(value) || depth > MAX_DEPTH) return null;
  if (typeof value.stringValue === "string") return truncate(value.stringValue);
  if (typeof value.boolValue === "boolean") return value.boolValue;
  if (value.intValue !== undefined && value.intValue !== null) {
    const n = toBigInt(value.intValue);
    if (n === null) return null;
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
  }
  if (value.doubleValue !== undefined) {
    const d = typeof value.doubleValue === "number" ? value.doubleValue : Number(value.doubleValue);
    return Number.isFinite(d) ? d : String(value.doubleValue);
  }
  if (isObj(value.arrayValue)) return list(value.arrayValue.values).map((v) => anyValue(v, depth + 1));
  if (isObj(value.kvlistValue)) return keyValues(value.kvlistValue.values, depth + 1);
  if (value.bytesValue instanceof Uint8Array) return Buffer.from(value.bytesValue).toString("base64");
  if (typeof value.bytesValue === "string") return value.bytesValue;
  return null;
}

export function keyValues(values: unknown, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list(values)) {
    if (!isObj(kv) || typeof kv.key !== "string" || kv.key.length === 0 || kv.key.length > 1024) continue;
    out[kv.key] = anyValue(kv.value, depth);
  }
  return out;
}

const STATUS = { 0: "UNSET", 1: "OK", 2: "ERROR" } as const;

function statusOf(status: unknown): { status: NormalizedSpan["status"]; message: string | null } {
  if (!isObj(status)) return { status: "UNSET", message: null };
  const raw = status.code;
  const code =
    typeof raw === "number"
      ? raw
      : raw === "STATUS_CODE_OK"
        ? 1
        : raw === "STATUS_CODE_ERROR"
          ? 2
          : typeof raw === "string" && /^\d$/.test(raw)
            ? Number(raw)
            : 0;
  return {
    status: STATUS[code as 0 | 1 | 2] ?? "UNSET",
    message: typeof status.message === "string" && status.message ? truncate(status.message) : null,
  };
}

function normalizeSpan(span: unknown, resource: Obj, scope: string | null): NormalizedSpan | string {
  if (!isObj(span)) return "span is not an object";
  const traceId = normalizeId(span.traceId, 16);
  if (!traceId) return "traceId must be 16 non-zero bytes (32 hex characters or base64)";
  const spanId = normalizeId(span.spanId, 8);
  if (!spanId) return "spanId must be 8 non-zero bytes (16 hex characters or base64)";
  const hasParent =
    span.parentSpanId !== undefined &&
    span.parentSpanId !== null &&
    span.parentSpanId !== "" &&
    !(span.parentSpanId instanceof Uint8Array && span.parentSpanId.length === 0);
  const parentSpanId = hasParent ? normalizeId(span.parentSpanId, 8) : null;
  if (hasParent && !parentSpanId) return "parentSpanId must be 8 bytes (16 hex characters or base64)";
  const startNs = toBigInt(span.startTimeUnixNano);
  if (startNs === null || startNs <= 0n) return "startTimeUnixNano is required";
  const endRaw = toBigInt(span.endTimeUnixNano);
  const endNs = endRaw !== null && endRaw >= startNs ? endRaw : null;
  if (span.name !== undefined && typeof span.name !== "string") return "name must be a string";
  const { status, message } = statusOf(span.status);
  return {
    traceId,
    spanId,
    parentSpanId,
    name: typeof span.name === "string" && span.name ? span.name.slice(0, 1024) : "(unnamed)",
    startNs,
    endNs,
    status,
    statusMessage: message,
    attributes: keyValues(span.attributes),
    resource,
    scope,
    events: list(span.events)
      .filter(isObj)
      .slice(0, 1000)
      .map((e) => ({
        name: typeof e.name === "string" ? e.name.slice(0, 1024) : "",
        timeUnixNano: (toBigInt(e.timeUnixNano) ?? startNs).toString(),
        attributes: keyValues(e.attributes),
      })),
  };
}

/** Walks the envelope; never throws on shape, only counts what it cannot use. */
export function normalizeExportRequest(request: unknown): { spans: NormalizedSpan[]; rejected: Rejection[] } {
  const spans: NormalizedSpan[] = [];
  const rejected: Rejection[] = [];
  let index = 0;
  const root = isObj(request) ? request : {};
  for (const rs of list(root.resourceSpans)) {
    const resourceObj = isObj(rs) && isObj(rs.resource) ? rs.resource : {};
    const resource = keyValues(resourceObj.attributes);
    for (const ss of list(isObj(rs) ? rs.scopeSpans : undefined)) {
      const scopeObj = isObj(ss) && isObj(ss.scope) ? ss.scope : {};
      const scope = typeof scopeObj.name === "string" && scopeObj.name ? scopeObj.name.slice(0, 512) : null;
      for (const raw of list(isObj(ss) ? ss.spans : undefined)) {
        const result = normalizeSpan(raw, resource, scope);
        if (typeof result === "string") rejected.push({ index, reason: result });
        else spans.push(result);
        index++;
      }
    }
  }
  return { spans, rejected };
}
