"use client";

import Link from "next/link";
import { useState } from "react";
import { signOut } from "next-auth/react";

/** The navigation on phones: a menu button that opens the same links. */
export function MobileNav({ links, signedIn }: { links: { href: string; label: string }[]; signedIn: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="ml-auto sm:hidden">
      <button type="button" aria-expanded={open} aria-controls="mobile-menu" onClick={() => setOpen(!open)} className="rounded-md px-3 py-1.5 text-sm ring-1 ring-stone-300">
        Menu
      </button>
      {open && (
        <nav id="mobile-menu" aria-label="Main" className="absolute inset-x-0 top-14 border-b border-stone-200 bg-white px-4 py-2 shadow">
          {links.map((l) => (
            <Link key={l.href} href={l.href} onClick={() => setOpen(false)} className="block rounded px-2 py-2 text-stone-800 hover:bg-stone-100">
              {l.label}
            </Link>
          ))}
          {signedIn ? (
            <button type="button" onClick={() => signOut({ callbackUrl: "/" })} className="block w-full rounded px-2 py-2 text-left text-stone-800 hover:bg-stone-100">
              Sign out
            </button>
          ) : (
            <>
              <Link href="/signin" className="block rounded px-2 py-2 text-stone-800 hover:bg-stone-100">Sign in</Link>
              <Link href="/signup" className="block rounded px-2 py-2 text-stone-800 hover:bg-stone-100">Sign up</Link>
            </>
          )}
        </nav>
      )}
    </div>
  );
}
