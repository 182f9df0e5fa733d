// "3 minutes ago", "2 days ago", "in 5 minutes": how long ago a moment was, in its largest whole
// unit (Intl.RelativeTimeFormat words it). Pure: the caller says what "now" is.
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600_000],
  ["month", 30 * 24 * 3600_000],
  ["week", 7 * 24 * 3600_000],
  ["day", 24 * 3600_000],
  ["hour", 3600_000],
  ["minute", 60_000],
];
const words = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export function relativeTime(at: Date, now: Date): string {
  const ms = at.getTime() - now.getTime();
  for (const [unit, size] of UNITS) {
    if (Math.abs(ms) >= size) return words.format(Math.trunc(ms / size), unit);
  }
  return Math.abs(ms) < 60_000 ? "just now" : words.format(0, "minute");
}
