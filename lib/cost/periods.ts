// Pure: a budget's period at an instant, in the budget's time zone — calendar day, week (Monday
// first), month, or the last N days (today included) — and when it resets.
import { tz } from "@date-fns/tz";
import { addDays, addMonths, addWeeks, startOfDay, startOfMonth, startOfWeek } from "date-fns";
import { snapToHour } from "./ranges";

export type PeriodKind = "DAILY" | "WEEKLY" | "MONTHLY" | "ROLLING";

export interface PeriodRule {
  period: PeriodKind;
  rollingDays: number | null;
  timeZone: string;
}

export interface BudgetWindow {
  /** Local midnight that starts it (epoch ms). */
  start: number;
  /** When it resets (calendar periods) or when its oldest day drops off (rolling). */
  end: number;
  /** What the roll-ups read: start and end on whole UTC hours. */
  readFrom: number;
  readTo: number;
}

export const MAX_ROLLING_DAYS = 366;

export function periodAt(rule: PeriodRule, at: number): BudgetWindow {
  const z = tz(rule.timeZone);
  const today = startOfDay(at, { in: z });
  let start: Date;
  let end: Date;
  switch (rule.period) {
    case "DAILY":
      start = today;
      end = addDays(today, 1, { in: z });
      break;
    case "WEEKLY":
      start = startOfWeek(at, { in: z, weekStartsOn: 1 });
      end = addWeeks(start, 1, { in: z });
      break;
    case "MONTHLY":
      start = startOfMonth(at, { in: z });
      end = addMonths(start, 1, { in: z });
      break;
    case "ROLLING": {
      const days = Math.min(Math.max(rule.rollingDays ?? 30, 1), MAX_ROLLING_DAYS);
      start = addDays(today, -(days - 1), { in: z });
      end = addDays(today, 1, { in: z });
      break;
    }
  }
  return {
    start: start.getTime(),
    end: end.getTime(),
    readFrom: snapToHour(start.getTime()),
    readTo: snapToHour(end.getTime()),
  };
}

/** The period that ended when `window` began (calendar periods; a rolling window has none). */
export function previousPeriod(rule: PeriodRule, window: BudgetWindow): BudgetWindow | null {
  if (rule.period === "ROLLING") return null;
  return periodAt(rule, window.start - 1);
}

export function describePeriod(rule: PeriodRule): string {
  switch (rule.period) {
    case "DAILY":
      return "each day";
    case "WEEKLY":
      return "each week (Monday first)";
    case "MONTHLY":
      return "each calendar month";
    case "ROLLING":
      return `the last ${rule.rollingDays ?? 30} days`;
  }
}
