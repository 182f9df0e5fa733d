"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input } from "@/components/ui/field";
import { slugify } from "@/lib/workspaces/slug";
import { createWorkspaceAction } from "@/app/workspaces/new/actions";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const create = useMutation({
    mutationFn: async () => {
      const result = await createWorkspaceAction({ name, slug: slug || undefined });
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    onSuccess: ({ slug: created }) => router.push(`/${created}`),
  });

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <Field label="Name" htmlFor="new-workspace-name" hint="A team or business unit, e.g. “Fraud Operations”.">
        <Input
          id="new-workspace-name"
          required
          minLength={2}
          maxLength={80}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <Field label="URL slug" htmlFor="new-workspace-slug" hint={`Leave empty for “${slugify(name) || "…"}”.`}>
        <Input
          id="new-workspace-slug"
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
          placeholder={slugify(name)}
          maxLength={48}
        />
      </Field>
      <FormError message={create.error?.message} />
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
