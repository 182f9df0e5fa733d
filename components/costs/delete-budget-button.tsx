"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useServerAction } from "@/components/settings/use-action";
import { deleteBudgetAction } from "@/app/[workspace]/costs/actions";

export function DeleteBudgetButton({ slug, budgetId, name }: { slug: string; budgetId: string; name: string }) {
  const router = useRouter();
  const remove = useServerAction(deleteBudgetAction, { refresh: false });
  return (
    <div className="flex items-center gap-2">
      <Button
        variant="danger"
        disabled={remove.isPending}
        onClick={() => {
          if (!window.confirm(`Delete the budget "${name}"? Its alerts and history go with it.`)) return;
          remove.mutate({ workspace: slug, budgetId }, { onSuccess: () => router.push(`/${slug}/costs`) });
        }}
      >
        {remove.isPending ? "Deleting…" : "Delete budget"}
      </Button>
      <FormError message={remove.error?.message} />
    </div>
  );
}
