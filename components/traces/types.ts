/** A span as the trace page hands it to the browser: JSON-safe, without bodies. */
export interface ClientSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: string;
  agentExternalId: string | null;
  handoffTo: string | null;
  model: string | null;
  startTime: string;
  endTime: string | null;
  durationMs: number | null;
  status: string;
  statusMessage: string | null;
  inputTokens: string | null;
  outputTokens: string | null;
  costUsd: string | null;
}
