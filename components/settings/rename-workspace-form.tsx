"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { renameWorkspaceAction } from "@/app/[workspace]/settings/actions";
import { useServerAction } from "./use-action";

export function RenameWorkspaceForm({ slug, name }: { slug: string; name: string }) {
  const [value, setValue] = useState(name);
  const rename = useServerAction(renameWorkspaceAction);
  return (
    <form
      className="max-w-md space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate({ workspace: slug, name: value });
      }}
    >
      <Field label="Workspace name" htmlFor="workspace-name">
        <Input
          id="workspace-name"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
          minLength={2}
          maxLength={80}
        />
      </Field>
      <FormError message={rename.error?.message} />
      {rename.isSuccess ? <p className="text-sm text-emerald-700">Saved.</p> : null}
      <Button type="submit" disabled={rename.isPending || value.trim() === name}>
        {rename.isPending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}
