// Pure: time ranges and their buckets (local days or weeks) in a time zone, on whole UTC hours so
// the roll-ups read them exactly (read-plan.ts).
import { tz } from "@date-fns/tz";
import { addDays, addWeeks, startOfDay, startOfWeek, startOfMonth, addMonths, format, subMonths } from "date-fns";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.length > 0 && zone.length <= 64;
  } catch {
    return false;
  }
}

/**
 * The roll-ups count by whole UTC hours: a boundary inside an hour (midnight in a zone with a
 * half- or quarter-hour offset, such as Asia/Kolkata) is counted from the start of that hour.
 */
export const snapToHour = (ms: number) => Math.floor(ms / HOUR) * HOUR;

/** Whether the zone's midnights fall on whole UTC hours around `at` (false for e.g. +05:30). */
export function wholeHourZone(zone: string, at = Date.now()): boolean {
  const midnight = startOfDay(at, { in: tz(zone) }).getTime();
  return midnight % HOUR === 0;
}

export const RANGE_PRESETS = ["7d", "30d", "90d", "mtd", "last-month", "12m"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const PRESET_LABELS: Record<RangePreset, string> = {
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  mtd: "This month",
  "last-month": "Last month",
  "12m": "Last 12 months",
};

export type BucketSize = "day" | "week";

export interface CostRange {
  /** Inclusive start and exclusive end, snapped to whole UTC hours. */
  from: number;
  to: number;
  zone: string;
  bucket: BucketSize;
  /** The preset it came from, or null for a custom range. */
  preset: RangePreset | null;
  /** The local dates shown for it ("2026-11-01" … "2026-11-30", end inclusive). */
  firstDay: string;
  lastDay: string;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Midnight of a local date ("2026-11-30") in `zone`, as epoch ms. */
export function localMidnight(date: string, zone: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  // Noon UTC of that date is on that date in every zone from −11:00 to +11:00; take its local day.
  const guess = Date.UTC(y, m - 1, d, 12);
  const z = tz(zone);
  const local = format(guess, "yyyy-MM-dd", { in: z });
  const shifted = local === date ? guess : guess + (local < date ? DAY : -DAY);
  return startOfDay(shifted, { in: z }).getTime();
}

export const localDate = (ms: number, zone: string) => format(ms, "yyyy-MM-dd", { in: tz(zone) });

/** Days at most drawn as day buckets; longer ranges are drawn by week. */
export const MAX_DAY_BUCKETS = 62;

/**
 * A range from a preset or custom local dates (from/to inclusive), in `zone`. Anything that does
 * not parse falls back to the last 30 days; an error names what was wrong.
 */
export function resolveRange({
  preset,
  from,
  to,
  zone,
  now = Date.now(),
}: {
  preset?: string | null;
  from?: string | null;
  to?: string | null;
  zone: string;
  now?: number;
}): { range: CostRange; error: string | null } {
  const z = tz(zone);
  const today = startOfDay(now, { in: z });
  const tomorrow = addDays(today, 1, { in: z }).getTime();
  const make = (start: number, end: number, p: RangePreset | null): CostRange => {
    const days = Math.round((end - start) / DAY);
    return {
      from: snapToHour(start),
      to: snapToHour(end),
      zone,
      bucket: days > MAX_DAY_BUCKETS ? "week" : "day",
      preset: p,
      firstDay: localDate(start, zone),
      lastDay: localDate(end - 1, zone),
    };
  };
  if (from || to) {
    if (!from || !to || !LOCAL_DATE.test(from) || !LOCAL_DATE.test(to) || from > to) {
      return {
        range: resolveRange({ preset: "30d", zone, now }).range,
        error: "Choose a start and an end date, the start first.",
      };
    }
    const start = localMidnight(from, zone);
    const end = addDays(localMidnight(to, zone), 1, { in: z }).getTime();
    if (end - start > 800 * DAY) {
      return { range: resolveRange({ preset: "30d", zone, now }).range, error: "A range spans at most two years." };
    }
    return { range: make(start, end, null), error: null };
  }
  const p = (RANGE_PRESETS as readonly string[]).includes(preset ?? "") ? (preset as RangePreset) : "30d";
  const error = preset && p !== preset ? `Unknown range "${preset}"; showing the last 30 days.` : null;
  switch (p) {
    case "7d":
      return { range: make(addDays(today, -6, { in: z }).getTime(), tomorrow, p), error };
    case "90d":
      return { range: make(addDays(today, -89, { in: z }).getTime(), tomorrow, p), error };
    case "mtd":
      return { range: make(startOfMonth(today, { in: z }).getTime(), tomorrow, p), error };
    case "last-month": {
      const month = startOfMonth(today, { in: z });
      return { range: make(subMonths(month, 1, { in: z }).getTime(), month.getTime(), p), error };
    }
    case "12m":
      return { range: make(addMonths(addDays(today, 1, { in: z }), -12, { in: z }).getTime(), tomorrow, p), error };
    default:
      return { range: make(addDays(today, -29, { in: z }).getTime(), tomorrow, p), error };
  }
}

/** The range just before this one, as long (for "change against the previous period"). */
export function previousRange(range: CostRange): CostRange {
  const length = range.to - range.from;
  return { ...range, from: range.from - length, to: range.from, preset: null };
}

export interface Bucket {
  start: number;
  end: number;
  /** The local date the bucket starts on. */
  label: string;
}

/** Local days or local weeks (Monday first) covering the range, clipped to it. */
export function bucketsOf(range: CostRange): Bucket[] {
  const z = tz(range.zone);
  const out: Bucket[] = [];
  let start =
    range.bucket === "day"
      ? startOfDay(range.from, { in: z }).getTime()
      : startOfWeek(range.from, { in: z, weekStartsOn: 1 }).getTime();
  while (start < range.to && out.length < 1000) {
    const next = (range.bucket === "day" ? addDays(start, 1, { in: z }) : addWeeks(start, 1, { in: z })).getTime();
    const s = Math.max(snapToHour(start), range.from);
    const e = Math.min(snapToHour(next), range.to);
    if (e > s) out.push({ start: s, end: e, label: localDate(Math.max(start, range.from), range.zone) });
    start = next;
  }
  return out;
}
