import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "./sign-out-button";
import { MobileNav } from "./mobile-nav";

export interface ShellUser {
  displayName: string;
  email: string | null;
  role: "admin" | "viewer";
}

export const viewerLinks = [
  { href: "/", label: "Movies" },
  { href: "/theaters", label: "Theaters" },
  { href: "/trends", label: "Trends" },
];

export const adminLinks = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/movies", label: "Movies" },
  { href: "/admin/theaters", label: "Theaters" },
  { href: "/admin/showtimes/new", label: "Schedule showtimes" },
  { href: "/admin/showtimes/batches", label: "Batches" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/tokens", label: "API tokens" },
  { href: "/admin/dead-letters", label: "Dead letters" },
  { href: "/admin/models", label: "Models" },
  { href: "/admin/experiments", label: "Experiments" },
];

/** The frame of every page: brand, navigation for the caller's role, and who is signed in. */
export function AppShell({ user, children }: { user: ShellUser | null; children: ReactNode }) {
  const links = [...viewerLinks, ...(user?.role === "admin" ? [{ href: "/admin", label: "Admin" }] : []), { href: "/docs/api", label: "API" }];
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-stone-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-stone-900">
            <span aria-hidden className="grid h-7 w-7 place-items-center rounded bg-brand-600 text-sm text-white">
              M
            </span>
            Marquee
          </Link>
          <nav aria-label="Main" className="hidden flex-1 items-center gap-1 sm:flex">
            {links.map((l) => (
              <Link key={l.href} href={l.href} className="rounded-md px-3 py-1.5 text-sm text-stone-700 hover:bg-stone-100 hover:text-stone-900">
                {l.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto hidden items-center gap-3 sm:flex">
            {user ? (
              <>
                <span className="text-sm text-stone-600" title={user.email ?? undefined}>
                  {user.displayName}
                  {user.role === "admin" && <span className="ml-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs font-medium text-brand-700">admin</span>}
                </span>
                <SignOutButton />
              </>
            ) : (
              <>
                <Link href="/signin" className="text-sm font-medium text-stone-700 hover:text-stone-900">
                  Sign in
                </Link>
                <Link href="/signup" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                  Sign up
                </Link>
              </>
            )}
          </div>
          <MobileNav links={links} signedIn={Boolean(user)} />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-8">
        {children}
      </main>
      <footer className="border-t border-stone-200 py-4 text-center text-xs text-stone-500">Marquee · cinema scheduling and movie recommendations</footer>
    </div>
  );
}
