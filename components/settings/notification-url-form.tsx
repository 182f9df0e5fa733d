"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";
import { setNotificationUrlAction } from "@/app/[workspace]/settings/actions";
import { useServerAction } from "./use-action";

export function NotificationUrlForm({ slug, current }: { slug: string; current: string | null }) {
  const [url, setUrl] = useState(current ?? "");
  const save = useServerAction(setNotificationUrlAction);
  return (
    <form
      className="flex flex-wrap items-start gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ workspace: slug, url });
      }}
    >
      <label htmlFor="notification-url" className="sr-only">
        Notification URL
      </label>
      <Input
        id="notification-url"
        type="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        placeholder="https://hooks.example.com/arbiter"
        className="max-w-lg"
      />
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save"}
      </Button>
      {save.isSuccess && !save.isPending ? <span className="self-center text-sm text-emerald-700">Saved.</span> : null}
      <FormError message={save.error?.message} />
    </form>
  );
}
