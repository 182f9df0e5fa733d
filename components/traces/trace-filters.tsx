"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Select } from "@/components/ui/field";

export const RANGES = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days", all: "All time" } as const;

/** Filters live in the URL, so a filtered view can be shared; changing one starts at the newest page. */
export function TraceFilters({ agents, models }: { agents: string[]; models: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("cursor");
    router.push(`${pathname}?${next.toString()}`);
  };
  return (
    <div className="flex flex-wrap items-end gap-3">
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">Time</span>
        <Select value={params.get("range") ?? "30d"} onChange={(e) => set("range", e.target.value)} className="w-40">
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
          {agents.map((a) => (
            <option key={a} value={a}>
              {a}
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
  );
}
