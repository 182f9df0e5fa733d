// Pure: money as people read it — exact (to the micro-dollar, trailing zeros trimmed to cents) and
// short (axis ticks, legends).
import Decimal from "decimal.js";

/** "$12.3457" for 12.345678901: six decimals at most, at least two. */
export function exactUsd(value: string | number): string {
  const d = new Decimal(value);
  const fixed = d
    .toDecimalPlaces(6)
    .toFixed(6)
    .replace(/0{1,4}$/, "");
  const [whole, frac] = fixed.split(".");
  return `$${Number(whole).toLocaleString("en-US")}.${frac}`;
}

/** "$1.2k", "$35", "$0.42". */
export function shortUsd(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1_000_000) return `$${(n / 1_000_000).toFixed(1)}M`;
  if (abs >= 10_000) return `$${Math.round(n / 1000)}k`;
  if (abs >= 1000) return `$${(n / 1000).toFixed(1)}k`;
  if (abs >= 10) return `$${Math.round(n)}`;
  if (abs >= 0.01 || abs === 0) return `$${n.toFixed(2)}`;
  return `$${n.toFixed(4)}`;
}
