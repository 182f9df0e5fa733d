"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { decideApprovalAction } from "@/app/[workspace]/approvals/actions";
import { useServerAction } from "@/components/settings/use-action";
import { ReasonChips } from "./reason-chips";

/** Approve (optionally with a changed amount) or reject with a reason, from the request's page. */
export function DecidePanel({
  slug,
  approvalId,
  amount,
  quorumText,
  expectedArgsHash,
}: {
  slug: string;
  approvalId: string;
  amount: number | null;
  quorumText: string | null;
  /** The request as shown: if another approver edits it meanwhile, this answer is refused. */
  expectedArgsHash: string;
}) {
  const decide = useServerAction(decideApprovalAction);
  const [comment, setComment] = useState("");
  const [change, setChange] = useState(false);
  const [newAmount, setNewAmount] = useState(amount !== null ? String(amount) : "");
  const [reason, setReason] = useState("");
  const parsedAmount = Number(newAmount);
  const amountValid = !change || (newAmount.trim() !== "" && Number.isFinite(parsedAmount));
  return (
    <div className="space-y-4">
      {quorumText ? <p className="text-sm text-slate-600">Approvals so far: {quorumText}.</p> : null}
      <div className="space-y-2">
        <label className="block text-sm font-medium text-slate-700">
          Comment (optional, sent to the agent)
          <textarea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={2000}
            rows={2}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </label>
        {amount !== null ? (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <label className="flex items-center gap-2 text-slate-700">
              <input type="checkbox" checked={change} onChange={(e) => setChange(e.target.checked)} />
              Approve with a different amount
            </label>
            {change ? (
              <input
                aria-label="Approved amount"
                inputMode="decimal"
                value={newAmount}
                onChange={(e) => setNewAmount(e.target.value)}
                className="w-32 rounded-md border border-slate-300 px-2 py-1 text-sm tabular-nums"
              />
            ) : null}
          </div>
        ) : null}
        <Button
          disabled={decide.isPending || !amountValid}
          onClick={() =>
            decide.mutate({
              workspace: slug,
              approvalId,
              decision: "APPROVE",
              expectedArgsHash,
              comment: comment.trim() || undefined,
              ...(change && parsedAmount !== amount ? { changes: { amount: parsedAmount } } : {}),
            })
          }
        >
          {change && parsedAmount !== amount ? "Approve with changes" : "Approve"}
        </Button>
      </div>
      <div className="space-y-2 border-t border-slate-100 pt-4">
        <ReasonChips onPick={setReason} />
        <label className="block text-sm font-medium text-slate-700">
          Reason for rejecting (required to reject)
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </label>
        <Button
          variant="danger"
          disabled={decide.isPending || reason.trim().length < 3}
          onClick={() =>
            decide.mutate({
              workspace: slug,
              approvalId,
              decision: "REJECT",
              expectedArgsHash,
              reason: reason.trim(),
              comment: comment.trim() || undefined,
            })
          }
        >
          Reject
        </Button>
      </div>
      <FormError message={decide.error?.message} />
    </div>
  );
}
