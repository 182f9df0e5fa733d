import Link from "next/link";
import { RANGES } from "@/lib/traces/ranges";

/**
 * What the trace list says when it shows nothing: that nothing matches the filters (with a way to
 * reset them), that the time range is empty (with a way to widen it), or — for a workspace that
 * has no traces yet — how agents send them and where to get a key.
 */
export function TraceEmpty({
  slug,
  range,
  filtered,
  anyTraces,
}: {
  slug: string;
  range: string;
  filtered: boolean;
  /** Whether the workspace holds any trace at all. */
  anyTraces: boolean;
}) {
  const link = "font-medium text-indigo-700 underline underline-offset-2";
  const where =
    range === "custom"
      ? " in this time range"
      : range in RANGES && range !== "all"
        ? ` in the ${RANGES[range as keyof typeof RANGES].toLowerCase()}`
        : "";
  if (filtered)
    return (
      <p className="text-sm text-slate-600" role="status">
        No traces match these filters{where}.{" "}
        <Link className={link} href={`/${slug}/traces${range === "30d" ? "" : `?range=${encodeURIComponent(range)}`}`}>
          Reset the filters
        </Link>
      </p>
    );
  if (anyTraces)
    return (
      <p className="text-sm text-slate-600" role="status">
        No traces{where}.{" "}
        <Link className={link} href={`/${slug}/traces?range=all`}>
          Show all time
        </Link>
      </p>
    );
  return (
    <div className="text-sm text-slate-600" role="status">
      <p className="font-medium text-slate-900">No traces yet.</p>
      <p className="mt-1">
        Agents send them over OpenTelemetry (OTLP/HTTP) to{" "}
        <code className="font-mono text-xs">/api/public/otel/v1/traces</code> with an API key that has the{" "}
        <code className="font-mono text-xs">ingest</code> scope.{" "}
        <Link className={link} href={`/${slug}/settings/api-keys`}>
          Create an API key
        </Link>
      </p>
    </div>
  );
}
