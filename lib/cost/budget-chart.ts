// Pure: a budget period drawn day by day — the cumulative spend so far, the forecast from now to
// the period's end at the burn rate, and the limit — from the period's daily spend.
import Decimal from "decimal.js";
import type { Bucket } from "./ranges";
import type { Forecast } from "./forecast";

export interface BudgetChartPoint {
  label: string;
  /** Cumulative spend at the day's end (null for days still to come). */
  actual: number | null;
  /** The forecast's cumulative spend (from today on; null before). */
  forecast: number | null;
  exactActual: string | null;
}

export function budgetChart({
  buckets,
  daily,
  forecast,
  spent,
  now,
}: {
  buckets: Bucket[];
  /** Spend per bucket, exact, in the buckets' order. */
  daily: string[];
  forecast: Forecast | null;
  spent: string;
  now: number;
}): BudgetChartPoint[] {
  let running = new Decimal(0);
  const perMs = forecast ? new Decimal(forecast.burnPerHour).div(3_600_000) : null;
  return buckets.map((b, i) => {
    const started = b.start <= now;
    running = running.plus(daily[i] ?? "0");
    const ended = b.end <= now;
    const current = b.start <= now && now < b.end;
    const projected =
      perMs && (current || !started)
        ? new Decimal(spent)
            .plus(perMs.times(b.end - now))
            .toDecimalPlaces(6)
            .toNumber()
        : null;
    return {
      label: b.label,
      actual: started ? running.toDecimalPlaces(6).toNumber() : null,
      forecast: current ? new Decimal(spent).toDecimalPlaces(6).toNumber() : ended ? null : projected,
      exactActual: started ? running.toFixed(9) : null,
    };
  });
}
