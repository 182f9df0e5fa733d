"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

export function OneTimeSecret({
  title,
  description,
  label,
  value,
}: {
  title: string;
  description: string;
  label: string;
  value: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-semibold text-amber-900">{title}</p>
      <p className="mt-0.5 text-sm text-amber-800">{description}</p>
      <div className="mt-3 flex items-center gap-2">
        <code
          aria-label={label}
          className="min-w-0 flex-1 truncate rounded border border-amber-200 bg-white px-2 py-1.5 font-mono text-sm"
        >
          {value}
        </code>
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
