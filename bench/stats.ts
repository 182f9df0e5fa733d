// Latency summaries the load drivers print: nearest-rank percentiles over all samples, and the
// same per time window (to show how a cold start settles).

export interface Latency {
  n: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentile of sorted samples (NaN when there are none). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function summarize(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? NaN,
  };
}

export interface Window extends Latency {
  fromS: number;
  toS: number;
}

/** Samples grouped by when they were scheduled (seconds from the start), `width` seconds a group. */
export function windows(samples: { atS: number; ms: number }[], width: number, totalS: number): Window[] {
  const out: Window[] = [];
  for (let from = 0; from < totalS; from += width) {
    const to = Math.min(totalS, from + width);
    out.push({
      fromS: from,
      toS: to,
      ...summarize(samples.filter((s) => s.atS >= from && s.atS < to).map((s) => s.ms)),
    });
  }
  return out;
}
