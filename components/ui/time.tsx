import { relativeTime } from "@/lib/format/relative-time";

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

/** How long ago, in words ("3 minutes ago"); the exact UTC time on hover. */
export function Ago({
  value,
  empty = "—",
  now = new Date(),
}: {
  value: Date | string | null | undefined;
  empty?: string;
  now?: Date;
}) {
  if (!value) return <span className="text-slate-400">{empty}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={`${iso.slice(0, 19).replace("T", " ")} UTC`} className="whitespace-nowrap">
      {relativeTime(date, now)}
    </time>
  );
}
