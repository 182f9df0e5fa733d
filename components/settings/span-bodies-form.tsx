"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Select } from "@/components/ui/field";
import { setSpanBodiesAction } from "@/app/[workspace]/settings/actions";
import { SPAN_BODY_CHOICES, type SpanBodyAccess } from "@/lib/traces/span-bodies";
import { useServerAction } from "./use-action";

/** Who reads span bodies (prompts, outputs, tool arguments): an admin's choice, audited. */
export function SpanBodiesForm({ slug, access }: { slug: string; access: SpanBodyAccess }) {
  const [value, setValue] = useState<SpanBodyAccess>(access);
  const save = useServerAction(setSpanBodiesAction);
  return (
    <form
      className="max-w-md space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ workspace: slug, access: value });
      }}
    >
      <Field label="Who reads span bodies" htmlFor="span-bodies">
        <Select id="span-bodies" value={value} onChange={(e) => setValue(e.target.value as SpanBodyAccess)}>
          {Object.entries(SPAN_BODY_CHOICES).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <FormError message={save.error?.message} />
      {save.isSuccess && value === access ? <p className="text-sm text-emerald-700">Saved.</p> : null}
      <Button type="submit" disabled={save.isPending || value === access}>
        {save.isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
