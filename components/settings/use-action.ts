"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/http/server-action";

/**
 * Runs a server action as a TanStack mutation: a failed result becomes the mutation's error
 * (its message is safe to show), a success refreshes the server-rendered page (unless the action
 * changes nothing the page shows: `{ refresh: false }`).
 */
export function useServerAction<I, R>(
  action: (input: I) => Promise<ActionResult<R>>,
  { refresh = true }: { refresh?: boolean } = {},
) {
  const router = useRouter();
  return useMutation<R, Error, I>({
    mutationFn: async (input) => {
      const result = await action(input);
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    onSuccess: () => {
      if (refresh) router.refresh();
    },
  });
}
