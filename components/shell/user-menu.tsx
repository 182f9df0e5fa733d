"use client";

import { signOut } from "next-auth/react";
import { Badge } from "@/components/ui/badge";

export function UserMenu({ name, email, role }: { name: string; email: string; role: string }) {
  return (
    <div className="space-y-2 border-t border-slate-800 pt-4">
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-white">{name}</p>
        <p className="truncate text-xs text-slate-400">{email}</p>
      </div>
      <div className="flex items-center justify-between gap-2">
        <span aria-label="Your role in this workspace">
          <Badge tone="blue">{role}</Badge>
        </span>
        <button
          type="button"
          onClick={() => signOut({ callbackUrl: "/sign-in" })}
          className="rounded px-2 py-1 text-xs text-slate-300 hover:bg-slate-800 hover:text-white"
        >
          Sign out
        </button>
      </div>
    </div>
  );
}
