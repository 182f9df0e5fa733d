"use client";

// Re-pricing a range with the bundled price data: a dry run first (the difference per model),
// then apply. The server does the work (lib/cost/reprice.ts).
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { useServerAction } from "@/components/settings/use-action";
import { repriceAction } from "@/app/[workspace]/costs/actions";
import { exactUsd } from "@/lib/cost/money-format";

export function RepricePanel({
  slug,
  from,
  to,
  zone,
  priceVersion,
}: {
  slug: string;
  from: string;
  to: string;
  zone: string;
  priceVersion: string;
}) {
  const dry = useServerAction(repriceAction, { refresh: false });
  const apply = useServerAction(repriceAction);
  const report = apply.data ?? dry.data;
  const input = { workspace: slug, from, to, tz: zone };
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600">
        Recompute the computed costs of {from} – {to} ({zone}) with the bundled price data ({priceVersion}). Costs that
        callers reported are left alone.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          disabled={dry.isPending || apply.isPending}
          onClick={() => dry.mutate({ ...input, apply: false })}
        >
          {dry.isPending ? "Comparing…" : "Dry run"}
        </Button>
        {dry.data && dry.data.changed > 0 && !apply.data ? (
          <Button
            disabled={apply.isPending}
            onClick={() => {
              if (window.confirm(`Re-price ${dry.data!.changed.toLocaleString("en-US")} model calls? This is audited.`))
                apply.mutate({ ...input, apply: true });
            }}
          >
            {apply.isPending ? "Applying…" : "Apply"}
          </Button>
        ) : null}
        <FormError message={dry.error?.message ?? apply.error?.message} />
      </div>
      {report ? (
        <div className="space-y-2">
          <p role="status" className="text-slate-700">
            {apply.data ? "Applied: " : ""}
            {report.changed.toLocaleString("en-US")} of {report.spans.toLocaleString("en-US")} model calls{" "}
            {apply.data ? "re-priced" : "would change"}; {exactUsd(report.before)} → {exactUsd(report.after)}.
          </p>
          {report.models.length ? (
            <Table label="Re-pricing by model">
              <thead>
                <tr>
                  <Th>Model</Th>
                  <Th className="text-right">Calls</Th>
                  <Th className="text-right">Changed</Th>
                  <Th className="text-right">Before</Th>
                  <Th className="text-right">After</Th>
                  <Th className="text-right">Difference</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.models.map((m) => (
                  <tr key={m.model}>
                    <Td className="font-mono text-xs">{m.model || "(no model)"}</Td>
                    <Td className="text-right tabular-nums">{m.spans.toLocaleString("en-US")}</Td>
                    <Td className="text-right tabular-nums">{m.changed.toLocaleString("en-US")}</Td>
                    <Td className="text-right tabular-nums">{exactUsd(m.before)}</Td>
                    <Td className="text-right tabular-nums">{exactUsd(m.after)}</Td>
                    <Td className="text-right tabular-nums">{exactUsd(m.delta)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
