"use client";

import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { approvalKeys } from "./query-keys";

type Listener = (event: { approvalId?: string; status?: string; change?: string } | null, live: boolean) => void;

// One EventSource per workspace per tab, shared by every view that listens (the sidebar count, the
// inbox, a request page): browsers allow few connections per origin.
const streams = new Map<string, { source: EventSource; listeners: Set<Listener>; live: boolean }>();

export function subscribeApprovalEvents(slug: string, listener: Listener): () => void {
  let stream = streams.get(slug);
  if (!stream) {
    const source = new EventSource(`/api/v1/approvals/events?workspace=${encodeURIComponent(slug)}`);
    const s = { source, listeners: new Set<Listener>(), live: false };
    // On every (re)connect, a resync: changes made while the stream was down are read now.
    source.onopen = () => {
      s.live = true;
      for (const l of s.listeners) l({ change: "resync" }, true);
    };
    source.onerror = () => {
      s.live = false;
      for (const l of s.listeners) l(null, false);
    };
    source.addEventListener("approval", (e) => {
      let data = null;
      try {
        data = JSON.parse((e as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const l of s.listeners) l(data, true);
    });
    streams.set(slug, (stream = s));
  }
  const s = stream;
  s.listeners.add(listener);
  if (s.live) listener(null, true);
  return () => {
    s.listeners.delete(listener);
    if (s.listeners.size === 0) {
      s.source.close();
      streams.delete(slug);
    }
  };
}

/**
 * Keeps every approvals query of the workspace fresh: a server-sent event per change (any
 * instance) invalidates them. Says whether the live connection is up, so views can fall back to
 * polling while it is not.
 */
export function useApprovalEvents(slug: string): { live: boolean } {
  const client = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(
    () =>
      subscribeApprovalEvents(slug, (event, up) => {
        setLive(up);
        if (event) void client.invalidateQueries({ queryKey: approvalKeys.all(slug) });
      }),
    [client, slug],
  );
  return { live };
}
