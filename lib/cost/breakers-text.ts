// Pure: a breaker's rule in words ("at most 50 refund decisions in 1 h").
import type { BreakerRule } from "./breakers";

const windowText = (s: number) => (s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`);

export function describeBreaker(b: Pick<BreakerRule, "kind" | "action" | "limit" | "windowSeconds">): string {
  const what =
    b.kind === "DENIALS"
      ? "denials"
      : b.kind === "ACTION_RATE"
        ? `${b.action} decisions`
        : `${b.action ?? "decisions"} on the same resource`;
  return `at most ${b.limit} ${what} in ${windowText(b.windowSeconds)}`;
}
