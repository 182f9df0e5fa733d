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

/** A view's latency over repeated runs: p50, p95 and the slowest. */
export interface ViewLatency {
  p50: number;
  p95: number;
  max: number;
}

export function viewLatency(samples: number[]): ViewLatency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1) ?? NaN };
}

/** `work` run twice to warm up, then `runs` times, timed one after another. */
export async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<ViewLatency> {
  for (let i = 0; i < 2; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    samples.push(performance.now() - t);
  }
  return viewLatency(samples);
}
