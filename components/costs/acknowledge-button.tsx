"use client";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/settings/use-action";
import { acknowledgeAlertAction } from "@/app/[workspace]/costs/actions";

export function AcknowledgeButton({ slug, alertId }: { slug: string; alertId: string }) {
  const ack = useServerAction(acknowledgeAlertAction);
  return (
    <div className="flex items-center gap-2">
      <Button variant="secondary" disabled={ack.isPending} onClick={() => ack.mutate({ workspace: slug, alertId })}>
        {ack.isPending ? "Working…" : "Acknowledge"}
      </Button>
      <FormError message={ack.error?.message} />
    </div>
  );
}
