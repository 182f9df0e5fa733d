// Pure: the cost views' URL — range (preset or from/to local dates), time zone, stacking — read
// into a range; anything wrong falls back and says why. The zone is the URL's, else the browser's
// (a cookie the page sets), else UTC.
import { isTimeZone, resolveRange, type CostRange } from "./ranges";
import { STACK_BY, type StackBy } from "./cost-view";

export const ZONE_COOKIE = "arbiter-tz";

export interface CostParams {
  range: CostRange;
  by: StackBy;
  zone: string;
  errors: string[];
}

export function readCostParams({
  params,
  cookieZone,
  now = Date.now(),
  defaultBy = "agent",
}: {
  params: Record<string, string | string[] | undefined>;
  cookieZone?: string | null;
  now?: number;
  defaultBy?: StackBy;
}): CostParams {
  const one = (key: string) => (typeof params[key] === "string" && params[key] ? (params[key] as string) : null);
  const errors: string[] = [];
  const asked = one("tz");
  if (asked && !isTimeZone(asked)) errors.push(`Unknown time zone "${asked}"; showing UTC.`);
  const zone = asked && isTimeZone(asked) ? asked : cookieZone && isTimeZone(cookieZone) ? cookieZone : "UTC";
  const { range, error } = resolveRange({ preset: one("range"), from: one("from"), to: one("to"), zone, now });
  if (error) errors.push(error);
  const byRaw = one("by");
  const by = (STACK_BY as readonly string[]).includes(byRaw ?? "") ? (byRaw as StackBy) : defaultBy;
  if (byRaw && by !== byRaw) errors.push(`Cannot stack by "${byRaw}".`);
  return { range, by, zone, errors };
}

/** The URL of the same view with some parameters changed (null removes one). */
export function costHref(base: string, current: Record<string, string | null>, change: Record<string, string | null>) {
  const merged = { ...current, ...change };
  const search = new URLSearchParams(
    Object.entries(merged).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  ).toString();
  return search ? `${base}?${search}` : base;
}
