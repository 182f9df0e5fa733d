"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/settings/use-action";
import { verifyChainAction } from "@/app/[workspace]/audit/actions";

/** Starts a full verification of the chain, then refreshes the page every second until it ends. */
export function VerifyNowButton({
  slug,
  chain,
  running,
}: {
  slug: string;
  chain: "workspace" | "global";
  running: boolean;
}) {
  const router = useRouter();
  const verify = useServerAction(verifyChainAction);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [running, router]);
  return (
    <div className="flex items-center gap-2">
      <Button
        variant="secondary"
        disabled={running || verify.isPending}
        onClick={() => verify.mutate({ workspace: slug, chain })}
      >
        {running || verify.isPending ? "Verifying…" : "Verify now"}
      </Button>
      <FormError message={verify.error?.message} />
    </div>
  );
}
