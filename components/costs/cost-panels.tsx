// The cost explorer's figures under its chart: totals, where the money went (agents, models,
// traces, runs), token kinds, and the spend no price covers. Renders what cost-view prepared.
import Link from "next/link";
import type { CostExplorer } from "@/lib/cost/cost-explorer";
import { exactUsd } from "@/lib/cost/money-format";
import { RUN_SAMPLE } from "@/lib/cost/run-sample";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { formatCost, formatTokens } from "@/components/traces/format";

const pct = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;

export function CostSummary({ view }: { view: CostExplorer }) {
  const t = view.totals;
  const stats: { label: string; value: string; title?: string; note?: string }[] = [
    { label: "Spend", value: formatCost(t.cost), title: exactUsd(t.cost) },
    {
      label: "Computed / reported",
      value: `${formatCost(t.computed)} / ${formatCost(t.reported)}`,
      title: `${exactUsd(t.computed)} priced from the price data; ${exactUsd(t.reported)} reported by the callers`,
    },
    { label: "Spans", value: t.spans.toLocaleString("en-US") },
    {
      label: "Prompt caching saved",
      value: formatCost(t.cacheSavings),
      title: `${exactUsd(t.cacheSavings)} at list prices`,
      note: "at list prices",
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
      {stats.map((s) => (
        <div key={s.label} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
          <dt className="text-xs text-slate-500">{s.label}</dt>
          <dd className="text-xl font-semibold text-slate-900 tabular-nums" title={s.title}>
            {s.value}
          </dd>
          {s.note ? <dd className="text-[11px] text-slate-400">{s.note}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

export function UnpricedNotice({ view }: { view: CostExplorer }) {
  const unpriced = view.totals.unpriced;
  if (unpriced.length === 0) return null;
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      <p className="font-medium">Some model calls have no price, so their spend is not in these figures:</p>
      <ul className="mt-1 list-disc pl-5">
        {unpriced.map((u) => (
          <li key={u.model}>
            {u.spans.toLocaleString("en-US")} span{u.spans === 1 ? "" : "s"} of{" "}
            <code className="rounded bg-amber-100 px-1 font-mono text-xs">{u.model}</code> have no price
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-amber-800">
        Report the cost on the span (arbiter.cost.usd) or use a model the bundled price data knows.
      </p>
    </div>
  );
}

export function WhereItWent({ view, slugOf }: { view: CostExplorer; slugOf: (workspaceId: string) => string }) {
  const agentHref = (workspaceId: string, key: string) => {
    const id = view.agentIds.get(`${workspaceId}\u0000${key}`);
    return id ? `/${slugOf(workspaceId)}/agents/${id}` : null;
  };
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Top agents">
        {view.topAgents.length === 0 ? (
          <p className="text-sm text-slate-500">No spend in this range.</p>
        ) : (
          <Table label="Top agents">
            <thead>
              <tr>
                <Th>Agent</Th>
                <Th className="text-right">Spend</Th>
                <Th className="text-right">Share</Th>
                <Th className="text-right">Tokens</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {view.topAgents.map((a) => {
                const href = agentHref(a.workspaceId, a.key);
                return (
                  <tr key={`${a.workspaceId}:${a.key}`}>
                    <Td>
                      {href ? (
                        <Link href={href} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                          {a.label}
                        </Link>
                      ) : (
                        a.label
                      )}
                    </Td>
                    <Td className="text-right tabular-nums" title={exactUsd(a.cost)}>
                      {formatCost(a.cost)}
                    </Td>
                    <Td className="text-right text-slate-500 tabular-nums">{pct(a.share)}</Td>
                    <Td className="text-right tabular-nums">{formatTokens(a.tokens)}</Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </Card>
      <Card title="Top models">
        {view.topModels.length === 0 ? (
          <p className="text-sm text-slate-500">No model calls in this range.</p>
        ) : (
          <Table label="Top models">
            <thead>
              <tr>
                <Th>Model</Th>
                <Th className="text-right">Spend</Th>
                <Th className="text-right">Share</Th>
                <Th className="text-right">Tokens</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {view.topModels.map((m) => (
                <tr key={m.key}>
                  <Td className="font-mono text-xs">{m.label}</Td>
                  <Td className="text-right tabular-nums" title={exactUsd(m.cost)}>
                    {formatCost(m.cost)}
                  </Td>
                  <Td className="text-right text-slate-500 tabular-nums">{pct(m.share)}</Td>
                  <Td className="text-right tabular-nums">{formatTokens(m.tokens)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card title="Most expensive traces">
        {view.traces.length === 0 ? (
          <p className="text-sm text-slate-500">No priced traces in this range.</p>
        ) : (
          <Table label="Most expensive traces">
            <thead>
              <tr>
                <Th>Trace</Th>
                <Th>Started</Th>
                <Th className="text-right">Cost</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {view.traces.map((t) => (
                <tr key={`${t.workspaceId}:${t.traceId}`}>
                  <Td>
                    <Link
                      href={`/${slugOf(t.workspaceId)}/traces/${t.traceId}`}
                      className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                    >
                      {t.name ?? t.traceId.slice(0, 12)}
                    </Link>
                    <span className="block text-xs text-slate-400">{t.agentNames.join(", ") || "no agent"}</span>
                  </Td>
                  <Td className="text-xs whitespace-nowrap">
                    <Time value={t.startTime} />
                  </Td>
                  <Td className="text-right tabular-nums" title={exactUsd(t.costUsd)}>
                    {formatCost(t.costUsd)}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      <Card
        title="Cost per run"
        description={
          view.runs.some((r) => r.sampled)
            ? `Per agent, over each workspace's latest ${RUN_SAMPLE.toLocaleString("en-US")} runs in the range.`
            : "Per agent, over the traces it took part in."
        }
      >
        {view.runs.length === 0 ? (
          <p className="text-sm text-slate-500">No runs in this range.</p>
        ) : (
          <Table label="Cost per run">
            <thead>
              <tr>
                <Th>Agent</Th>
                <Th className="text-right">Runs</Th>
                <Th className="text-right">p50</Th>
                <Th className="text-right">p95</Th>
                <Th className="text-right">Max</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {view.runs.map((r) => (
                <tr key={`${r.workspaceId}:${r.agent}`}>
                  <Td>{r.label}</Td>
                  <Td className="text-right tabular-nums">{r.runs.toLocaleString("en-US")}</Td>
                  <Td className="text-right tabular-nums" title={exactUsd(r.p50)}>
                    {formatCost(r.p50)}
                  </Td>
                  <Td className="text-right tabular-nums" title={exactUsd(r.p95)}>
                    {formatCost(r.p95)}
                  </Td>
                  <Td className="text-right tabular-nums" title={exactUsd(r.max)}>
                    {formatCost(r.max)}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}

export function TokenKinds({ view }: { view: CostExplorer }) {
  const t = view.totals.tokens;
  const kinds: [string, string][] = [
    ["Input", t.input],
    ["Output", t.output],
    ["Cache read", t.cacheRead],
    ["Cache write", t.cacheWrite],
    ["Reasoning", t.reasoning],
  ];
  const max = Math.max(1, ...kinds.map(([, v]) => Number(v)));
  return (
    <Card title="Tokens by kind" description="Cache reads and writes are part of the input; reasoning of the output.">
      <ul className="space-y-2 text-sm">
        {kinds.map(([label, v]) => (
          <li key={label} className="grid grid-cols-[7rem_1fr_5rem] items-center gap-3">
            <span className="text-slate-600">{label}</span>
            <span className="h-2 rounded bg-slate-100">
              <span
                className="block h-2 rounded bg-brand-500"
                style={{ width: `${Math.max((Number(v) / max) * 100, Number(v) > 0 ? 1 : 0)}%` }}
              />
            </span>
            <span className="text-right tabular-nums">{formatTokens(v)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
