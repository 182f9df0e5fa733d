// Pure: where a budget period is heading at its burn rate so far — the spend projected at the
// period's end and when the limit will be crossed — in exact decimals.
import Decimal from "decimal.js";

export interface Forecast {
  /** Spend per hour so far in the period. */
  burnPerHour: string;
  /** Spend at the period's end if the burn rate holds. */
  projected: string;
  /** When the limit is crossed at that rate (epoch ms); null when it is not before the end. */
  crossesAt: number | null;
  /** Whether the projection ends above the limit. */
  over: boolean;
}

const HOUR = 3_600_000;
/** A burn rate from less than this much of the period says little. */
export const MIN_FORECAST_ELAPSED_MS = HOUR;

export function forecast({
  spent,
  limit,
  start,
  end,
  now,
}: {
  spent: string;
  limit: string;
  start: number;
  end: number;
  now: number;
}): Forecast | null {
  const elapsed = Math.min(now, end) - start;
  if (elapsed < MIN_FORECAST_ELAPSED_MS || now >= end) return null;
  const s = new Decimal(spent);
  const l = new Decimal(limit);
  const perMs = s.div(elapsed);
  const projected = s.plus(perMs.times(end - now));
  let crossesAt: number | null = null;
  if (s.gte(l)) crossesAt = null;
  else if (perMs.gt(0)) {
    const at = now + l.minus(s).div(perMs).ceil().toNumber();
    crossesAt = at <= end ? at : null;
  }
  return {
    burnPerHour: perMs.times(HOUR).toDecimalPlaces(9).toFixed(),
    projected: projected.toDecimalPlaces(9).toFixed(),
    crossesAt,
    over: projected.gt(l),
  };
}
