// Pure: a daily series as bars — every day of the window present (missing days are zero),
// heights in percent of the largest value.

export interface DailyBar {
  day: string;
  value: number;
  heightPct: number;
}

const DAY = 86_400_000;

export function dailyBars(
  points: { day: string; value: number }[],
  { days, now = Date.now() }: { days: number; now?: number },
): DailyBar[] {
  const byDay = new Map<string, number>();
  for (const p of points) byDay.set(p.day, (byDay.get(p.day) ?? 0) + p.value);
  const today = Math.floor(now / DAY) * DAY;
  const series = Array.from({ length: days }, (_, i) => {
    const day = new Date(today - (days - 1 - i) * DAY).toISOString().slice(0, 10);
    return { day, value: byDay.get(day) ?? 0 };
  });
  const max = Math.max(0, ...series.map((s) => s.value));
  return series.map((s) => ({ ...s, heightPct: max > 0 ? (s.value / max) * 100 : 0 }));
}
