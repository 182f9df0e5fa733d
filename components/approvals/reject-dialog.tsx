"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ReasonChips } from "./reason-chips";

/** Asks for the reason of a rejection (required) and an optional comment; Escape cancels. */
export function RejectDialog({
  count,
  busy,
  onReject,
  onCancel,
}: {
  count: number;
  busy: boolean;
  onReject: (reason: string, comment: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const [comment, setComment] = useState("");
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const valid = reason.trim().length >= 3;
  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-slate-900/40 p-4" onClick={onCancel}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label={count > 1 ? `Reject ${count} requests` : "Reject request"}
        className="w-full max-w-md space-y-3 rounded-lg bg-white p-5 shadow-xl"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === "Escape") onCancel();
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey) && valid) onReject(reason.trim(), comment.trim());
        }}
      >
        <h2 className="text-base font-semibold text-slate-900">
          {count > 1 ? `Reject ${count} requests` : "Reject this request"}
        </h2>
        <ReasonChips onPick={setReason} />
        <label className="block text-sm font-medium text-slate-700">
          Reason (required; the agent receives it)
          <textarea
            ref={field}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            rows={2}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Comment (optional)
          <input
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            maxLength={2000}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </label>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button variant="danger" disabled={!valid || busy} onClick={() => onReject(reason.trim(), comment.trim())}>
            Reject
          </Button>
        </div>
      </div>
    </div>
  );
}
