import clsx from "clsx";
import type { VerificationStatus } from "@/lib/audit/verification-status";
import { VerifyNowButton } from "./verify-now-button";

const TONES = {
  ok: "border-emerald-200 bg-emerald-50 text-emerald-900",
  broken: "border-red-300 bg-red-50 text-red-900",
  pending: "border-slate-200 bg-slate-50 text-slate-800",
} as const;

export function VerificationPanel({
  slug,
  chain,
  status,
  running,
}: {
  slug: string;
  chain: "workspace" | "global";
  status: VerificationStatus;
  running: boolean;
}) {
  return (
    <section
      aria-label="Chain verification"
      data-testid="chain-status"
      className={clsx(
        "mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border px-4 py-3",
        TONES[status.tone],
      )}
    >
      <div className="min-w-0 space-y-1 text-sm">
        <p className="font-medium">{status.line}</p>
        <p className="text-xs opacity-80">{status.checkpoint}</p>
        {status.progress !== null ? (
          <div className="flex items-center gap-2 text-xs" role="status">
            <progress value={status.progress} max={1} className="h-2 w-48" aria-label="Verification progress" />
            Verifying… {Math.round(status.progress * 100)} %
          </div>
        ) : null}
      </div>
      <VerifyNowButton slug={slug} chain={chain} running={running} />
    </section>
  );
}
