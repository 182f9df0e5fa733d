/** A UTC timestamp, readable and exact (the title carries the full ISO form). */
export function Time({ value, empty = "—" }: { value: Date | string | null | undefined; empty?: string }) {
  if (!value) return <span className="text-slate-400">{empty}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap tabular-nums">
      {iso.slice(0, 16).replace("T", " ")} UTC
    </time>
  );
}
