"use client";

export const REJECT_REASONS = [
  "Amount too high",
  "Duplicate request",
  "Needs more information",
  "Not covered by policy",
] as const;

/** Common rejection reasons, one click each. */
export function ReasonChips({ onPick }: { onPick: (reason: string) => void }) {
  return (
    <div className="flex flex-wrap gap-2">
      {REJECT_REASONS.map((r) => (
        <button
          key={r}
          type="button"
          onClick={() => onPick(r)}
          className="rounded-full border border-slate-300 px-2.5 py-1 text-xs text-slate-700 hover:bg-slate-50"
        >
          {r}
        </button>
      ))}
    </div>
  );
}
