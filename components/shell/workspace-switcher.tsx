"use client";

import { usePathname, useRouter } from "next/navigation";

export function WorkspaceSwitcher({
  current,
  workspaces,
  canCreate,
}: {
  current: string;
  workspaces: { slug: string; name: string }[];
  canCreate: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <div>
      <label
        htmlFor="workspace-switcher"
        className="mb-1 block text-xs font-medium tracking-wide text-slate-400 uppercase"
      >
        Workspace
      </label>
      <select
        id="workspace-switcher"
        value={current}
        onChange={(event) => {
          const next = event.target.value;
          if (next === "__new") return router.push("/workspaces/new");
          // Stay in the same area of the product when switching.
          const rest = pathname.split("/").slice(2, 3).join("/");
          router.push(`/${next}${rest ? `/${rest}` : ""}`);
        }}
        className="w-full rounded-md border border-slate-700 bg-slate-800 px-2 py-1.5 text-sm text-white focus:ring-2 focus:ring-brand-500 focus:outline-none"
      >
        {workspaces.map((w) => (
          <option key={w.slug} value={w.slug}>
            {w.name}
          </option>
        ))}
        {canCreate ? <option value="__new">+ New workspace…</option> : null}
      </select>
    </div>
  );
}
