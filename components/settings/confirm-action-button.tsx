"use client";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/server-action";
import { useServerAction } from "./use-action";
import { useRowError } from "./row-voice";

/** A destructive server action behind a confirmation, with its error shown in place. */
export function ConfirmActionButton<I>({
  action,
  input,
  label,
  accessibleName,
  question,
  speaker = "confirm",
}: {
  action: (input: I) => Promise<ActionResult<unknown>>;
  input: I;
  label: string;
  accessibleName: string;
  question: string;
  /** Its name in a VoicedRow (see row-voice.tsx). */
  speaker?: string;
}) {
  const mutation = useServerAction(action);
  const voice = useRowError(speaker, mutation.error);
  return (
    <div className="space-y-1 text-right">
      <Button
        variant="danger"
        aria-label={accessibleName}
        disabled={mutation.isPending}
        onClick={() => {
          if (!window.confirm(question)) return;
          voice.claim();
          mutation.mutate(input);
        }}
      >
        {label}
      </Button>
      <FormError message={voice.message} />
    </div>
  );
}
