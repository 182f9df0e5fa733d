"use client";

import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/settings/use-action";
import { deletePolicyTestAction } from "@/app/[workspace]/policies/actions";

export function DeleteTestButton({ slug, testId, name }: { slug: string; testId: string; name: string }) {
  const remove = useServerAction(deletePolicyTestAction);
  return (
    <Button
      variant="ghost"
      className="py-0.5 text-xs"
      aria-label={`Delete test ${name}`}
      disabled={remove.isPending}
      title={remove.error?.message}
      onClick={() => {
        if (window.confirm(`Delete the test "${name}"?`)) remove.mutate({ workspace: slug, testId });
      }}
    >
      Delete
    </Button>
  );
}
