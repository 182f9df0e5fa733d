"use client";

import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { approvalKeys } from "./query-keys";

/**
 * Keeps every approvals query of the workspace fresh: a server-sent event per change (any
 * instance) invalidates them. Says whether the live connection is up, so views can fall back to
 * polling while it is not.
 */
export function useApprovalEvents(slug: string): { live: boolean } {
  const client = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource(`/api/v1/approvals/events?workspace=${encodeURIComponent(slug)}`);
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener("approval", () => {
      void client.invalidateQueries({ queryKey: approvalKeys.all(slug) });
    });
    return () => source.close();
  }, [client, slug]);
  return { live };
}
