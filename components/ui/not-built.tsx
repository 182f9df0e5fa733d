import type { ReactNode } from "react";

/** What an area of the product that is not built yet shows: the plan, never invented data. */
export function NotBuilt({ area, children }: { area: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-8 py-12 text-center">
      <p className="text-sm font-semibold tracking-wide text-slate-500 uppercase">Not built yet</p>
      <h2 className="mt-2 text-lg font-semibold text-slate-900">{area} comes in a later release</h2>
      <div className="mx-auto mt-3 max-w-xl text-sm text-slate-600">{children}</div>
    </div>
  );
}
