"use client";

import { useQuery } from "@tanstack/react-query";
import { approvalKeys, approvalsUrl } from "./query-keys";
import { useApprovalEvents } from "./use-approval-events";

/** The sidebar's count of requests waiting for the signed-in member, kept live. */
export function WaitingCount({ slug, initial }: { slug: string; initial: number }) {
  const { live } = useApprovalEvents(slug);
  const { data } = useQuery({
    queryKey: approvalKeys.waiting(slug),
    queryFn: async ({ signal }) => {
      const response = await fetch(approvalsUrl(slug, "view=mine&limit=200"), { signal });
      if (!response.ok) throw new Error(`The approvals count could not be read (${response.status}).`);
      return ((await response.json()) as { data: unknown[] }).data.length;
    },
    initialData: initial,
    refetchInterval: live ? false : 10_000,
  });
  if (!data) return null;
  return (
    <span
      aria-label={`${data} waiting for you`}
      className="ml-auto rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-slate-900 tabular-nums"
    >
      {data >= 200 ? "200+" : data}
    </span>
  );
}
