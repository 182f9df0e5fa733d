"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** Re-renders the server page when this approval changes anywhere (decided by someone else, expired). */
export function LiveRefresh({ slug, approvalId }: { slug: string; approvalId: string }) {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource(`/api/v1/approvals/events?workspace=${encodeURIComponent(slug)}`);
    source.addEventListener("approval", (e) => {
      try {
        if ((JSON.parse((e as MessageEvent<string>).data) as { approvalId?: string }).approvalId === approvalId)
          router.refresh();
      } catch {
        // not an event of ours
      }
    });
    return () => source.close();
  }, [router, slug, approvalId]);
  return null;
}
