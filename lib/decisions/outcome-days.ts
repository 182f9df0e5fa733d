// Pure: decisions per day by outcome, every day of the window present (zeros included).
export type OutcomeDay = { day: string; ALLOW: number; DENY: number; REQUIRE_APPROVAL: number };

export function outcomeDays(
  rows: { day: string; outcome: "ALLOW" | "DENY" | "REQUIRE_APPROVAL"; count: number }[],
  { days, now }: { days: number; now: number },
): OutcomeDay[] {
  const out: OutcomeDay[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(now - i * 86_400_000).toISOString().slice(0, 10);
    out.push({ day, ALLOW: 0, DENY: 0, REQUIRE_APPROVAL: 0 });
  }
  const byDay = new Map(out.map((d) => [d.day, d]));
  for (const r of rows) {
    const d = byDay.get(r.day);
    if (d) d[r.outcome] += r.count;
  }
  return out;
}
