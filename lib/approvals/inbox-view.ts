// What the inbox shows of a request, computed without React: how long it has waited, the deadline
// countdown (at risk in the last 20 % of its window, overdue past it), the amount and the quorum.

export const AT_RISK_SHARE = 0.2;

/** "45 s", "12 min", "3 h 05 min", "2 d 4 h". */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${String(m % 60).padStart(2, "0")} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function formatAmount(amount: number | null, currency: string | null): string | null {
  if (amount === null) return null;
  const code = (currency ?? "USD").toUpperCase();
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: code }).format(amount);
  } catch {
    // Not an ISO 4217 code ("points"): the number with the unit as the agent named it.
    return `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

export type Urgency = "ok" | "at-risk" | "overdue" | "settled";

export interface Countdown {
  urgency: Urgency;
  /** "2 h 10 min left", "expired 5 min ago", or the settled status. */
  text: string;
  /** Share of the window left, 0..1. */
  left: number;
}

export function countdown(
  { createdAt, expiresAt, status }: { createdAt: string; expiresAt: string; status: string },
  now: number,
): Countdown {
  if (status !== "PENDING") return { urgency: "settled", text: status.toLowerCase(), left: 0 };
  const start = Date.parse(createdAt);
  const end = Date.parse(expiresAt);
  const remaining = end - now;
  if (remaining <= 0) return { urgency: "overdue", text: `expired ${formatSpan(-remaining)} ago`, left: 0 };
  const left = end > start ? remaining / (end - start) : 0;
  return { urgency: left <= AT_RISK_SHARE ? "at-risk" : "ok", text: `${formatSpan(remaining)} left`, left };
}

/** The countdown as of now (server-rendered pages). */
export function countdownNow(request: { createdAt: string; expiresAt: string; status: string }): Countdown {
  return countdown(request, Date.now());
}

export function waiting({ createdAt }: { createdAt: string }, now: number): string {
  return formatSpan(now - Date.parse(createdAt));
}

export function quorumText({ quorum, approvals }: { quorum: number; approvals: number }): string | null {
  return quorum > 1 ? `${approvals} of ${quorum}` : null;
}
