"use client";

// The frame around every workspace page: a fixed sidebar from `md` up; below it a top bar whose
// menu button opens the same sidebar as a drawer. One sidebar in the DOM, so its navigation,
// workspace switcher and user menu each exist once whatever the width.
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import clsx from "clsx";
import { BrandLink } from "./brand-link";

const SIDEBAR_ID = "app-sidebar";
// Tailwind's `md` breakpoint: from here up the sidebar is always shown.
const WIDE = "(min-width: 48rem)";

export function AppShell({
  homeHref,
  workspaceName,
  sidebar,
  children,
}: {
  homeHref: string;
  workspaceName: string;
  sidebar: ReactNode;
  children: ReactNode;
}) {
  const pathname = usePathname();
  // The menu stays open on the page it was opened on: any navigation closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const menuButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpenOn(null);
      menuButton.current?.focus();
    };
    // Widening the window shows the sidebar anyway; the page must not stay inert behind it.
    const wide = window.matchMedia(WIDE);
    const onWiden = () => {
      if (wide.matches) setOpenOn(null);
    };
    document.addEventListener("keydown", onKeyDown);
    wide.addEventListener("change", onWiden);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      wide.removeEventListener("change", onWiden);
    };
  }, [open]);

  // A link to the page already shown does not navigate, but should still close the menu.
  function closeOnLink(event: MouseEvent<HTMLElement>) {
    if (event.target instanceof Element && event.target.closest("a")) setOpenOn(null);
  }

  return (
    // The dark column is painted on the frame itself, so it reaches the bottom of any page while
    // the sidebar in it stays in view (sticky).
    <div className="min-h-screen md:flex md:bg-[linear-gradient(to_right,var(--color-slate-900)_15rem,transparent_15rem)]">
      <header className="sticky top-0 z-40 flex h-14 items-center gap-3 bg-slate-900 px-4 md:hidden">
        <BrandLink href={homeHref} className="shrink-0" />
        <span className="min-w-0 truncate border-l border-slate-700 pl-3 text-sm text-slate-300">{workspaceName}</span>
        <button
          ref={menuButton}
          type="button"
          aria-label="Menu"
          aria-expanded={open}
          aria-controls={SIDEBAR_ID}
          onClick={() => setOpenOn(open ? null : pathname)}
          className="ml-auto grid size-9 shrink-0 place-items-center rounded-md text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.75">
            {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
          </svg>
        </button>
      </header>
      {open ? (
        <div
          aria-hidden
          className="fixed inset-x-0 top-14 bottom-0 z-30 bg-slate-900/50 md:hidden"
          onClick={() => setOpenOn(null)}
        />
      ) : null}
      <aside
        id={SIDEBAR_ID}
        onClick={closeOnLink}
        className={clsx(
          "flex-col gap-6 bg-slate-900 px-4 py-5",
          "md:sticky md:top-0 md:flex md:h-screen md:w-60 md:shrink-0",
          open
            ? "fixed top-14 bottom-0 left-0 z-40 flex w-72 max-w-[85vw] overflow-y-auto overscroll-contain"
            : "hidden",
        )}
      >
        {sidebar}
      </aside>
      <main inert={open} className="min-w-0 flex-1 px-4 py-4 md:px-8 md:py-8">
        {children}
      </main>
    </div>
  );
}
