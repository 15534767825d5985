"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/" })} className="rounded-md px-2 py-1 text-sm text-stone-700 hover:bg-stone-100">
      Sign out
    </button>
  );
}
