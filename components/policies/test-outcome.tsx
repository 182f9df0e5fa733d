import { OutcomeBadge } from "@/components/decisions/outcome-badge";

/** One saved test's result in a line: passed or not, its name, what it expects and what it got. */
export function TestOutcome({
  test: t,
}: {
  test: { name: string; expected: string; actual: string | null; passed: boolean; error: string | null };
}) {
  return (
    <>
      <span className={t.passed ? "text-emerald-600" : "text-red-600"} aria-hidden>
        {t.passed ? "✓" : "✗"}
      </span>
      <span className="font-medium text-slate-800">{t.name}</span>
      <span className="text-xs text-slate-500">expects</span> <OutcomeBadge outcome={t.expected} />
      {!t.passed ? (
        <span className="text-xs text-red-700">
          {t.actual ? (
            <>
              got <OutcomeBadge outcome={t.actual} />
            </>
          ) : (
            t.error
          )}
        </span>
      ) : null}
      <span className="sr-only">{t.passed ? "passes" : "fails"}</span>
    </>
  );
}
