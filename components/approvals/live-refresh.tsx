"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { subscribeApprovalEvents } from "./use-approval-events";

/** Re-renders the server page when this approval changes anywhere (decided by someone else, expired). */
export function LiveRefresh({ slug, approvalId }: { slug: string; approvalId: string }) {
  const router = useRouter();
  useEffect(
    () =>
      subscribeApprovalEvents(slug, (event) => {
        if (event?.approvalId === approvalId) router.refresh();
      }),
    [router, slug, approvalId],
  );
  return null;
}
