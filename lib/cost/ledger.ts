// The cost ledger as CSV: one row per local day × workspace × agent × model × provider of a range,
// with every token kind and exact money — what finance reconciles against the bill.
import "server-only";
import { stringify } from "csv-stringify/sync";
import { bucketsOf, type CostRange } from "./ranges";
import { usageCube } from "./usage-cube";

export const LEDGER_COLUMNS = [
  "day",
  "workspace",
  "agent",
  "model",
  "provider",
  "spans",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "cost_usd",
  "reported_cost_usd",
  "unpriced_spans",
  "cache_savings_usd",
] as const;

export async function ledgerCsv({
  workspaces,
  range,
}: {
  workspaces: { id: string; slug: string }[];
  range: CostRange;
}): Promise<string> {
  // Always by day, in the range's zone, whatever the chart's buckets.
  const buckets = bucketsOf({ ...range, bucket: "day" });
  const cells = await usageCube({ workspaceIds: workspaces.map((w) => w.id), buckets });
  const slugs = new Map(workspaces.map((w) => [w.id, w.slug]));
  return stringify(
    cells.map((c) => [
      buckets[c.bucket]!.label,
      slugs.get(c.workspaceId) ?? c.workspaceId,
      c.agent,
      c.model,
      c.provider,
      c.spans,
      c.input,
      c.output,
      c.cacheRead,
      c.cacheWrite,
      c.reasoning,
      c.cost,
      c.reported,
      c.unpriced,
      c.savings,
    ]),
    { header: true, columns: [...LEDGER_COLUMNS] },
  );
}
