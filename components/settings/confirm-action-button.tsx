"use client";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/server-action";
import { useServerAction } from "./use-action";

/** A destructive server action behind a confirmation, with its error shown in place. */
export function ConfirmActionButton<I>({
  action,
  input,
  label,
  accessibleName,
  question,
}: {
  action: (input: I) => Promise<ActionResult<unknown>>;
  input: I;
  label: string;
  accessibleName: string;
  question: string;
}) {
  const mutation = useServerAction(action);
  return (
    <div className="space-y-1 text-right">
      <Button
        variant="danger"
        aria-label={accessibleName}
        disabled={mutation.isPending}
        onClick={() => {
          if (window.confirm(question)) mutation.mutate(input);
        }}
      >
        {label}
      </Button>
      <FormError message={mutation.error?.message} />
    </div>
  );
}
