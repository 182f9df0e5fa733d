"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { agentChoices, type AgentRef } from "@/lib/agents/agent-label";
import { RANGES } from "@/lib/traces/ranges";

const TEXT_FILTERS = ["q", "minCost", "minDuration", "from", "to"] as const;

/** Filters live in the URL, so a filtered view can be shared; changing one starts at the first page. */
export function TraceFilters({ agents, models }: { agents: AgentRef[]; models: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const go = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete("cursor");
    router.push(`${pathname}?${next.toString()}`);
  };
  const set = (key: string, value: string) => go({ [key]: value });
  const range = params.get("range") ?? "30d";
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    go(Object.fromEntries(TEXT_FILTERS.map((k) => [k, String(form.get(k) ?? "").trim()])));
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Time</span>
          <Select value={range} onChange={(e) => set("range", e.target.value)} className="w-40">
            {Object.entries(RANGES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Agent</span>
          <Select value={params.get("agent") ?? ""} onChange={(e) => set("agent", e.target.value)} className="w-48">
            <option value="">All agents</option>
            {/* By name; the filter (and the URL) takes the id. */}
            {agentChoices(agents).map((a) => (
              <option key={a.value} value={a.value} title={a.value}>
                {a.label}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Status</span>
          <Select value={params.get("status") ?? ""} onChange={(e) => set("status", e.target.value)} className="w-36">
            <option value="">Any status</option>
            <option value="OK">OK</option>
            <option value="ERROR">Error</option>
          </Select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Model</span>
          <Select value={params.get("model") ?? ""} onChange={(e) => set("model", e.target.value)} className="w-56">
            <option value="">All models</option>
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
        </label>
      </div>
      {/* Keyed by the URL so that back/forward shows the values the URL holds. */}
      <form key={params.toString()} onSubmit={apply} className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Search</span>
          <Input
            name="q"
            type="search"
            defaultValue={params.get("q") ?? ""}
            placeholder="Trace id, agent, tool, model or a word"
            maxLength={200}
            className="w-64"
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Min cost ($)</span>
          <Input
            name="minCost"
            type="number"
            min="0"
            step="any"
            defaultValue={params.get("minCost") ?? ""}
            className="w-28"
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">Min duration (s)</span>
          <Input
            name="minDuration"
            type="number"
            min="0"
            step="any"
            defaultValue={params.get("minDuration") ?? ""}
            className="w-28"
          />
        </label>
        {range === "custom" ? (
          <>
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">From (UTC)</span>
              <Input name="from" type="datetime-local" defaultValue={params.get("from") ?? ""} className="w-52" />
            </label>
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">To (UTC)</span>
              <Input name="to" type="datetime-local" defaultValue={params.get("to") ?? ""} className="w-52" />
            </label>
          </>
        ) : null}
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {[...TEXT_FILTERS, "agent", "status", "model", "sort", "order"].some((k) => params.get(k)) ? (
          <Button type="button" variant="ghost" onClick={() => router.push(`${pathname}?range=${range}`)}>
            Reset
          </Button>
        ) : null}
      </form>
    </div>
  );
}
