// Pure: where each span's bar sits on the trace's shared time axis, in percent of the width.

export interface TimedSpan {
  startTime: string | Date | number;
  endTime: string | Date | number | null;
}

export interface Bar {
  leftPct: number;
  widthPct: number;
  durationMs: number | null;
  /** False when the span lies wholly outside the axis (a zoomed-in view). */
  visible: boolean;
}

const ms = (t: string | Date | number) =>
  typeof t === "number" ? t : typeof t === "string" ? Date.parse(t) : t.getTime();

/** The axis: from the earliest start to the latest end (or start) of the spans given. */
export function timeAxis(spans: TimedSpan[]): { start: number; end: number } {
  let start = Infinity;
  let end = -Infinity;
  for (const s of spans) {
    const a = ms(s.startTime);
    const b = s.endTime !== null ? ms(s.endTime) : a;
    if (a < start) start = a;
    if (b > end) end = b;
  }
  if (!Number.isFinite(start)) return { start: 0, end: 1 };
  return { start, end: end > start ? end : start + 1 };
}

/**
 * A bar on the axis, clipped to it. Within the axis a bar never vanishes: it keeps a minimum
 * visible width, pulled left if it would overflow. A span outside a zoomed axis is not visible.
 */
export function barFor(span: TimedSpan, axis: { start: number; end: number }, minWidthPct = 0.3): Bar {
  const total = axis.end - axis.start;
  const a = ms(span.startTime);
  const b = span.endTime !== null ? ms(span.endTime) : null;
  const durationMs = b === null ? null : b - a;
  const end = b ?? a;
  if (end < axis.start || a > axis.end) return { leftPct: 0, widthPct: 0, durationMs, visible: false };
  const from = Math.max(a, axis.start);
  const to = Math.min(end, axis.end);
  const width = Math.max(((to - from) / total) * 100, minWidthPct);
  const left = Math.min(Math.max(((from - axis.start) / total) * 100, 0), 100 - width);
  return { leftPct: left, widthPct: width, durationMs, visible: true };
}

/** Zooming into a span: its own time range as the axis. */
export function zoomAxis(span: TimedSpan): { start: number; end: number } {
  const start = ms(span.startTime);
  const end = span.endTime !== null ? ms(span.endTime) : start;
  return { start, end: end > start ? end : start + 1 };
}
