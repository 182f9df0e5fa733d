"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import clsx from "clsx";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { AgentLabel } from "@/components/agents/agent-label";
import { Button } from "@/components/ui/button";
import { bulkDecideAction, decideApprovalAction } from "@/app/[workspace]/approvals/actions";
import type { InboxRow } from "@/lib/approvals/list-approvals";
import { countdown, formatAmount, quorumText, waiting } from "@/lib/approvals/inbox-view";
import { approvalKeys, approvalsUrl } from "./query-keys";
import { useApprovalEvents } from "./use-approval-events";
import { useNow } from "./use-now";
import { RejectDialog } from "./reject-dialog";
import { riskTone } from "./risk-tone";

type Decision = { ids: string[]; decision: "APPROVE" | "REJECT"; reason?: string; comment?: string };
type Notice = { tone: "ok" | "error"; text: string };

const SHORTCUTS: [string, string][] = [
  ["j / k", "next / previous request"],
  ["a", "approve (the selected requests, or this one)"],
  ["r", "reject, with a reason"],
  ["x", "select / unselect"],
  ["Enter", "open the request"],
  ["?", "this help"],
];

function isTyping(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

export function ApprovalInbox({
  slug,
  view,
  search,
  initial,
  canDecide,
  policyNames,
}: {
  slug: string;
  view: string;
  search: string;
  initial: InboxRow[];
  canDecide: boolean;
  policyNames: Record<string, string>;
}) {
  const router = useRouter();
  const client = useQueryClient();
  const { live } = useApprovalEvents(slug);
  const key = approvalKeys.list(slug, search);
  const { data: rows = [] } = useQuery({
    queryKey: key,
    queryFn: async ({ signal }): Promise<InboxRow[]> => {
      const response = await fetch(approvalsUrl(slug, search), { signal });
      if (!response.ok) throw new Error(`The inbox could not be refreshed (${response.status}).`);
      return ((await response.json()) as { data: InboxRow[] }).data;
    },
    initialData: initial,
    // Live events are the design; polling only while the event stream is down.
    refetchInterval: live ? false : 5_000,
    staleTime: 0,
  });
  const now = useNow(1000);
  const [focus, setFocus] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState<string[] | null>(null);
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [bulkComment, setBulkComment] = useState("");
  const items = useRef<(HTMLLIElement | null)[]>([]);
  const list = useRef<HTMLUListElement>(null);
  const refocus = useRef(false);

  const decidable = (row: InboxRow) => canDecide && row.status === "PENDING" && !row.answered;

  const decide = useMutation({
    mutationFn: async ({ ids, decision, reason, comment }: Decision) => {
      // What the approver saw: a request another approver edited meanwhile is refused, not approved blind.
      const seen = Object.fromEntries(rows.filter((r) => ids.includes(r.id)).map((r) => [r.id, r.argsHash]));
      if (ids.length === 1) {
        const result = await decideApprovalAction({
          workspace: slug,
          approvalId: ids[0]!,
          decision,
          reason,
          comment,
          expectedArgsHash: seen[ids[0]!],
        });
        if (!result.ok) throw new Error(result.error.message);
        return { succeeded: 1, failed: 0, results: [{ id: ids[0]!, ok: true, message: undefined }] };
      }
      const result = await bulkDecideAction({
        workspace: slug,
        approvalIds: ids,
        decision,
        reason,
        comment,
        expected: seen,
      });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    // Instant feedback where the request leaves the view (what waits for me); rolled back on failure.
    onMutate: async ({ ids }) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<InboxRow[]>(key);
      if (view === "mine") client.setQueryData<InboxRow[]>(key, (old) => old?.filter((r) => !ids.includes(r.id)));
      refocus.current = true;
      return { previous };
    },
    onError: (error, _vars, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      setNotice({ tone: "error", text: error.message });
    },
    onSuccess: (result, { decision }) => {
      const done = decision === "APPROVE" ? "approved" : "rejected";
      const failures = result.results.filter((r) => !r.ok);
      setNotice({
        tone: failures.length ? "error" : "ok",
        text:
          `${result.succeeded} ${done}.` +
          (failures.length ? ` ${failures.length} not: ${failures.map((f) => f.message).join(" ")}` : ""),
      });
      setSelected(new Set());
      setBulkComment("");
    },
    onSettled: () => client.invalidateQueries({ queryKey: approvalKeys.all(slug) }),
  });

  const targets = useCallback(() => {
    if (selected.size) return [...selected];
    const row = rows[Math.min(focus, rows.length - 1)];
    return row && decidable(row) ? [row.id] : [];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- decidable reads canDecide only
  }, [selected, rows, focus, canDecide]);

  const approve = (ids: string[], comment?: string) => {
    if (ids.length) decide.mutate({ ids, decision: "APPROVE", comment: comment || undefined });
  };

  // Keep focus on a row after the list changes under it (a decision, a live update).
  useEffect(() => {
    if (refocus.current && !decide.isPending) {
      refocus.current = false;
      items.current[Math.min(focus, rows.length - 1)]?.focus();
    }
  }, [rows, focus, decide.isPending]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (rejecting || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      // Shortcuts belong to the list: not to a focused link or button elsewhere, nor to a page
      // hidden behind the open menu.
      const target = e.target as Node | null;
      const inList = !!target && !!list.current?.contains(target);
      if (!inList && target !== document.body) return;
      if (list.current?.closest("[inert]")) return;
      const move = (to: number) => {
        e.preventDefault();
        const next = Math.max(0, Math.min(rows.length - 1, to));
        setFocus(next);
        items.current[next]?.focus();
      };
      if (e.key === "?") return setHelp((h) => !h);
      if (e.key === "Escape") return setHelp(false);
      if (rows.length === 0) return;
      const at = Math.min(focus, rows.length - 1);
      const row = rows[at]!;
      if (e.key === "j" || e.key === "ArrowDown") move(at + 1);
      else if (e.key === "k" || e.key === "ArrowUp") move(at - 1);
      else if (e.key === "x") {
        e.preventDefault();
        if (!decidable(row)) return;
        setSelected((s) => {
          const next = new Set(s);
          if (next.has(row.id)) next.delete(row.id);
          else next.add(row.id);
          return next;
        });
      } else if (e.key === "a" && canDecide) {
        e.preventDefault();
        // One approval per key press: not on auto-repeat, not while the last one is in flight.
        if (e.repeat || decide.isPending) return;
        approve(targets(), bulkComment);
      } else if (e.key === "r" && canDecide) {
        if (e.repeat || decide.isPending) return;
        e.preventDefault();
        const ids = targets();
        if (ids.length) setRejecting(ids);
      } else if (e.key === "Enter" || e.key === "o") {
        e.preventDefault();
        router.push(`/${slug}/approvals/${row.id}`);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const selectable = rows.filter(decidable);
  const current = Math.min(focus, Math.max(rows.length - 1, 0));
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
        <span>
          {rows.length} request{rows.length === 1 ? "" : "s"} · {live ? "live" : "refreshing every 5 s"}
        </span>
        <button type="button" className="hover:text-slate-800" onClick={() => setHelp(true)}>
          Keyboard shortcuts (?)
        </button>
      </div>
      {notice ? (
        <p
          role="status"
          className={clsx(
            "rounded-md px-3 py-2 text-sm",
            notice.tone === "ok" ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800",
          )}
        >
          {notice.text}
        </p>
      ) : null}
      {canDecide && selectable.length ? (
        <div
          role="region"
          aria-label="Bulk actions"
          className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2"
        >
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              aria-label="Select all"
              checked={selected.size > 0 && selected.size === selectable.length}
              onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map((r) => r.id)) : new Set())}
            />
            {selected.size ? `${selected.size} selected` : "Select all"}
          </label>
          {selected.size ? (
            <>
              <input
                aria-label="Comment for the selected"
                placeholder="Comment (optional)"
                value={bulkComment}
                onChange={(e) => setBulkComment(e.target.value)}
                maxLength={2000}
                className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
              />
              <Button disabled={decide.isPending} onClick={() => approve([...selected], bulkComment)}>
                Approve selected
              </Button>
              <Button variant="danger" disabled={decide.isPending} onClick={() => setRejecting([...selected])}>
                Reject selected
              </Button>
            </>
          ) : null}
        </div>
      ) : null}
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">
          {view === "mine"
            ? canDecide
              ? "Nothing waits for you. New requests appear here as agents ask."
              : "Your role reads approvals but does not decide them; see All pending."
            : "No requests here."}
        </p>
      ) : (
        <ul
          ref={list}
          aria-label="Approval requests"
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
        >
          {rows.map((row, i) => {
            const clock = countdown(row, now);
            const amount = formatAmount(row.amount, row.currency);
            const quorum = quorumText(row);
            const label = `${row.agent?.name ?? "agent"} ${row.action} ${row.resource}${amount ? ` ${amount}` : ""}`;
            return (
              <li
                key={row.id}
                ref={(el) => {
                  items.current[i] = el;
                }}
                tabIndex={current === i ? 0 : -1}
                aria-label={label}
                aria-current={current === i ? "true" : undefined}
                onFocus={() => setFocus(i)}
                className={clsx(
                  "flex flex-col gap-2 px-3 py-3 outline-none sm:flex-row sm:items-center sm:gap-4",
                  current === i ? "bg-brand-50/60 ring-2 ring-brand-500/40 ring-inset" : "hover:bg-slate-50",
                )}
              >
                <div className="flex min-w-0 flex-1 items-start gap-3">
                  {canDecide && row.status === "PENDING" ? (
                    <input
                      type="checkbox"
                      className="mt-1"
                      aria-label={`Select ${label}`}
                      disabled={!decidable(row)}
                      checked={selected.has(row.id)}
                      onChange={(e) =>
                        setSelected((s) => {
                          const next = new Set(s);
                          if (e.target.checked) next.add(row.id);
                          else next.delete(row.id);
                          return next;
                        })
                      }
                    />
                  ) : null}
                  <div className="min-w-0 flex-1 space-y-1">
                    <Link
                      href={`/${slug}/approvals/${row.id}`}
                      tabIndex={-1}
                      className="block truncate text-sm font-medium text-slate-900 hover:underline"
                    >
                      {row.agent ? <AgentLabel agent={row.agent} /> : "Unknown agent"} ·{" "}
                      <span className="font-mono">{row.action}</span>{" "}
                      <span className="font-mono text-slate-600">{row.resource}</span>
                      {amount ? <span className="ml-2 font-semibold tabular-nums">{amount}</span> : null}
                    </Link>
                    <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
                      <Badge tone="violet">
                        {(row.policyId && policyNames[row.policyId]) || row.policyId || "policy"}
                        {row.policyVersion ? ` v${row.policyVersion}` : ""}
                      </Badge>
                      <Badge tone={riskTone(row.risk)}>{row.risk.toLowerCase()} risk</Badge>
                      <span suppressHydrationWarning>
                        {row.status === "PENDING" ? `waiting ${waiting(row, now)}` : `asked ${waiting(row, now)} ago`}
                      </span>
                      {quorum ? <Badge tone="blue">{quorum} approvals</Badge> : null}
                      {row.escalatedAt ? <Badge tone="amber">escalated</Badge> : null}
                      {row.edited ? <Badge tone="amber">edited by an approver</Badge> : null}
                      {row.ownAgent ? <Badge>your agent</Badge> : null}
                      {row.decidedBy ? (
                        <span>
                          {row.status.toLowerCase()} by {row.decidedBy}
                          {row.decisionReason ? ` — ${row.decisionReason}` : ""}
                        </span>
                      ) : null}
                    </div>
                  </div>
                </div>
                <div className="flex flex-wrap items-center gap-2 sm:justify-end">
                  <span
                    suppressHydrationWarning
                    className={clsx(
                      "text-xs font-medium whitespace-nowrap tabular-nums",
                      clock.urgency === "at-risk" && "text-red-700",
                      clock.urgency === "overdue" && "text-slate-400",
                      clock.urgency === "ok" && "text-slate-600",
                      clock.urgency === "settled" && "text-slate-500",
                    )}
                  >
                    {clock.urgency === "at-risk" ? <Badge tone="red">at risk</Badge> : null} {clock.text}
                  </span>
                  {decidable(row) ? (
                    <>
                      <Button
                        className="px-2.5 py-1"
                        disabled={decide.isPending}
                        aria-label={`Approve ${label}`}
                        onClick={() => {
                          setFocus(i);
                          approve([row.id]);
                        }}
                      >
                        Approve
                      </Button>
                      <Button
                        variant="danger"
                        className="px-2.5 py-1"
                        disabled={decide.isPending}
                        aria-label={`Reject ${label}`}
                        onClick={() => {
                          setFocus(i);
                          setRejecting([row.id]);
                        }}
                      >
                        Reject
                      </Button>
                    </>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {rejecting ? (
        <RejectDialog
          count={rejecting.length}
          busy={decide.isPending}
          onCancel={() => {
            setRejecting(null);
            items.current[focus]?.focus();
          }}
          onReject={(reason, comment) => {
            decide.mutate({ ids: rejecting, decision: "REJECT", reason, comment: comment || undefined });
            setRejecting(null);
          }}
        />
      ) : null}
      {help ? (
        <div className="fixed inset-0 z-50 grid place-items-center bg-slate-900/40 p-4" onClick={() => setHelp(false)}>
          <div
            role="dialog"
            aria-label="Keyboard shortcuts"
            className="w-full max-w-sm rounded-lg bg-white p-5 shadow-xl"
          >
            <h2 className="mb-3 text-base font-semibold text-slate-900">Keyboard shortcuts</h2>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
              {SHORTCUTS.map(([k, what]) => (
                <div key={k} className="contents">
                  <dt>
                    <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{k}</kbd>
                  </dt>
                  <dd className="text-slate-600">{what}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
      ) : null}
    </div>
  );
}
