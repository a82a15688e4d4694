"use client";
// The signed-in frame: skip link, header with the user menu, sidebar navigation and the main landmark.
// On small screens the sidebar becomes a panel toggled from the header.
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { SidebarNav } from "./sidebar-nav";
import { UserMenu, type ShellUser } from "./user-menu";

export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  const [isNavOpen, setIsNavOpen] = useState(false);

  return (
    <div className="min-h-dvh">
      <a
        href="#main-content"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-accent-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-3 sm:px-4">
        <button
          type="button"
          className="rounded-md p-2 text-slate-600 hover:bg-slate-100 md:hidden"
          aria-expanded={isNavOpen}
          aria-controls="sidebar"
          onClick={() => setIsNavOpen((v) => !v)}
        >
          <span className="sr-only">{isNavOpen ? "Close navigation" : "Open navigation"}</span>
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-5" aria-hidden="true">
            <path d="M2 4.75A.75.75 0 0 1 2.75 4h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 4.75Zm0 5A.75.75 0 0 1 2.75 9h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 9.75Zm0 5a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75a.75.75 0 0 1-.75-.75Z" />
          </svg>
        </button>
        <Link href="/" className="flex items-center gap-2 rounded-md text-base font-semibold text-slate-900">
          <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-md bg-accent-600 text-sm text-white">
            C
          </span>
          Custodian
        </Link>
        <div className="ml-auto">
          <UserMenu user={user} />
        </div>
      </header>
      <div className="flex">
        <aside
          id="sidebar"
          className={cn(
            "w-60 shrink-0 overflow-y-auto border-r border-slate-200 bg-white",
            isNavOpen ? "fixed top-14 bottom-0 left-0 z-20 shadow-lg" : "hidden",
            "md:sticky md:top-14 md:block md:h-[calc(100dvh-3.5rem)] md:shadow-none",
          )}
        >
          <SidebarNav role={user.role} onNavigate={() => setIsNavOpen(false)} />
        </aside>
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
