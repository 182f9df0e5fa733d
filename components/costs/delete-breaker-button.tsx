"use client";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/settings/use-action";
import { deleteBreakerAction } from "@/app/[workspace]/costs/actions";

export function DeleteBreakerButton({ slug, breakerId, name }: { slug: string; breakerId: string; name: string }) {
  const remove = useServerAction(deleteBreakerAction);
  return (
    <span className="flex items-center gap-2">
      <Button
        variant="ghost"
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm(`Delete the breaker "${name}"?`)) remove.mutate({ workspace: slug, breakerId });
        }}
      >
        Delete
      </Button>
      <FormError message={remove.error?.message} />
    </span>
  );
}
