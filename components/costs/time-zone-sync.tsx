"use client";

// Tells the server the browser's time zone once (a cookie), so cost views bucket by the user's days.
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { ZONE_COOKIE } from "@/lib/cost/view-params";

export function TimeZoneSync({ current }: { current: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === current) return;
    document.cookie = `${ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [current, router]);
  return null;
}
