import Link from "next/link";
import clsx from "clsx";

/** The Arbiter mark and name, linking to the workspace's overview. */
export function BrandLink({ href, className }: { href: string; className?: string }) {
  return (
    <Link href={href} className={clsx("flex items-center gap-2 text-white", className)}>
      <span aria-hidden className="grid size-7 place-items-center rounded-md bg-brand-600 text-sm font-bold">
        A
      </span>
      <span className="text-lg font-semibold tracking-tight">Arbiter</span>
    </Link>
  );
}
