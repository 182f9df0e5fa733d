// Pure: how a set of buckets (any instants on whole UTC hours) is read from the usage roll-ups —
// as few rows as the UTC months, weeks, days and hours inside them allow, so a bucket's figure is
// exact in any time zone and a year reads about 12 monthly rows per key instead of 365 daily ones.
import { unitAfter, unitBefore, unitStart, type Level } from "./rollups";

export interface PlanInterval {
  level: Level;
  /** Epoch ms, end exclusive, on the level's UTC unit boundaries. */
  start: number;
  end: number;
}

export interface ReadPlan {
  /** Each interval once, however many buckets count it. */
  intervals: PlanInterval[];
  /** Which buckets count which interval, and with which sign (see below). */
  uses: { interval: number; bucket: number; sign: number }[];
}

const COARSE_TO_FINE: readonly Level[] = ["month", "week", "day", "hour"];

/**
 * Each bucket is covered by the whole units of the coarsest level inside it, its edges by the next
 * finer level, down to hours. An edge of more than half a unit is read as the whole unit less the
 * rest (sign −1): a local day in New York is one daily row less five hours plus five hours of the
 * next day, never 24 hourly rows, and a local week is its UTC week shifted by the same hours.
 * Adjacent buckets share their edge hours: each interval is read once, counted by both.
 */
export function readPlan(buckets: { start: number; end: number }[]): ReadPlan {
  const ids = new Map<string, number>();
  const intervals: PlanInterval[] = [];
  const signs = new Map<string, { interval: number; bucket: number; sign: number }>();
  const add = (level: Level, start: number, end: number, bucket: number, sign: number) => {
    if (end <= start) return;
    const key = `${level}:${start}:${end}`;
    let interval = ids.get(key);
    if (interval === undefined) {
      interval = intervals.push({ level, start, end }) - 1;
      ids.set(key, interval);
    }
    const use = `${interval}:${bucket}`;
    const found = signs.get(use);
    if (found) found.sign += sign;
    else signs.set(use, { interval, bucket, sign });
  };
  const cover = (start: number, end: number, levels: readonly Level[], bucket: number, sign: number): void => {
    if (end <= start) return;
    const [level, ...finer] = levels as [Level, ...Level[]];
    if (finer.length === 0) return add(level, start, end, bucket, sign);
    // An edge of more than half its unit is that unit less the rest.
    const long = (from: number, to: number, unit: number, unitEnd: number) => (to - from) * 2 > unitEnd - unit;
    const edge = (from: number, to: number, unit: number, unitEnd: number) => {
      if (to <= from) return;
      if (long(from, to, unit, unitEnd)) {
        add(level, unit, unitEnd, bucket, sign);
        cover(unit, from, finer, bucket, -sign);
        cover(to, unitEnd, finer, bucket, -sign);
      } else cover(from, to, finer, bucket, sign);
    };
    const first = unitStart(level, start) === start ? start : unitAfter(level, unitStart(level, start));
    const last = unitStart(level, end);
    if (first > last) return edge(start, end, last, first); // inside one unit
    const before = unitBefore(level, first);
    const after = unitAfter(level, last);
    // Across one boundary with no use for this level's units: split nowhere, read it finer.
    if (first === last && !long(start, first, before, first) && !long(last, end, last, after)) {
      return cover(start, end, finer, bucket, sign);
    }
    add(level, first, last, bucket, sign);
    edge(start, first, before, first);
    edge(last, end, last, after);
  };
  buckets.forEach(({ start, end }, bucket) => cover(start, end, COARSE_TO_FINE, bucket, 1));
  const uses = [...signs.values()].filter((u) => u.sign !== 0);
  return { intervals, uses };
}
