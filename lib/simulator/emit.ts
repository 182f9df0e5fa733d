// Emits simulated runs through the official OpenTelemetry JS SDK, so what Arbiter receives is
// exactly what a real instrumented agent sends.
import { context, trace, SpanKind, SpanStatusCode, type Tracer } from "@opentelemetry/api";
import type { SimSpan } from "./scenarios";

export function emitRun(tracer: Tracer, root: SimSpan): string {
  let traceId = "";
  // Iterative depth-first walk with explicit parent contexts (no recursion, no global context manager).
  const stack: { span: SimSpan; parent: ReturnType<typeof context.active> }[] = [
    { span: root, parent: context.active() },
  ];
  const ends: { end: () => void }[] = [];
  while (stack.length) {
    const { span, parent } = stack.pop()!;
    const otel = tracer.startSpan(
      span.name,
      {
        startTime: span.startMs,
        attributes: span.attributes,
        kind: span.children.length ? SpanKind.INTERNAL : SpanKind.CLIENT,
      },
      parent,
    );
    if (!traceId) traceId = otel.spanContext().traceId;
    if (span.error) otel.setStatus({ code: SpanStatusCode.ERROR, message: span.error });
    else otel.setStatus({ code: SpanStatusCode.OK });
    ends.push({ end: () => otel.end(span.endMs) });
    const ctx = trace.setSpan(parent, otel);
    for (let i = span.children.length - 1; i >= 0; i--) stack.push({ span: span.children[i]!, parent: ctx });
  }
  // Children end before parents, as they do in a live run.
  for (let i = ends.length - 1; i >= 0; i--) ends[i]!.end();
  return traceId;
}
