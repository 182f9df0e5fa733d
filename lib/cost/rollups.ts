// Pure: the usage roll-ups — the same usage summed by UTC hour, day, week (from Monday) and month,
// one table each, all written from the same deltas — and the UTC units they count by.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const ROLLUPS = [
  { level: "hour", table: "UsageHourly", column: "hour", type: "timestamptz" },
  { level: "day", table: "UsageDaily", column: "day", type: "date" },
  { level: "week", table: "UsageWeekly", column: "week", type: "date" },
  { level: "month", table: "UsageMonthly", column: "month", type: "date" },
] as const;

export type Rollup = (typeof ROLLUPS)[number];
export type Level = Rollup["level"];

/** The start of the UTC unit that holds `ms`. */
export function unitStart(level: Level, ms: number): number {
  switch (level) {
    case "hour":
      return Math.floor(ms / HOUR) * HOUR;
    case "day":
      return Math.floor(ms / DAY) * DAY;
    case "week": {
      // 1970-01-01 was a Thursday: day n is a Monday when (n + 3) % 7 is 0.
      const day = Math.floor(ms / DAY);
      return (day - ((((day + 3) % 7) + 7) % 7)) * DAY;
    }
    case "month": {
      const d = new Date(ms);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

/** The start of the unit after the one that starts at `start`. */
export function unitAfter(level: Level, start: number): number {
  switch (level) {
    case "hour":
      return start + HOUR;
    case "day":
      return start + DAY;
    case "week":
      return start + 7 * DAY;
    case "month": {
      const d = new Date(start);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
}

/** The start of the unit before the one that starts at `start`. */
export function unitBefore(level: Level, start: number): number {
  return unitStart(level, start - 1);
}

/** A unit's key in its roll-up: the ISO instant for hours, the UTC date ("2026-11-30") for the rest. */
export function unitKey(level: Level, start: number): string {
  const iso = new Date(start).toISOString();
  return level === "hour" ? iso : iso.slice(0, 10);
}

/** The key, in each roll-up, of the usage of the hour at `ms`. */
export function keyOfHour(level: Level, ms: number): string {
  return unitKey(level, unitStart(level, ms));
}

/** SQL for the key, in a roll-up, of the timestamptz expression `hour` (the same as keyOfHour). */
export function keySql(level: Level, hour: string): string {
  if (level === "hour") return hour;
  if (level === "day") return `(${hour} AT TIME ZONE 'UTC')::date`;
  return `date_trunc('${level}', ${hour} AT TIME ZONE 'UTC')::date`;
}
