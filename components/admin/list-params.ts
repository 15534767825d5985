"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

const NO_PARAMS = new URLSearchParams();

/**
 * A list page's filters and page offset, kept in the URL's query string so that reloading,
 * sharing a link and the back button all return to the same view.
 */
export function useListParams() {
  // Typed nullable because pages/ exists, but they are null only in Pages Router pages, and
  // pages/ holds API routes alone.
  const searchParams = useSearchParams() ?? NO_PARAMS;
  const router = useRouter();
  const pathname = usePathname() ?? "/";

  const get = useCallback((key: string) => searchParams.get(key) ?? "", [searchParams]);
  const offset = Math.max(0, Number.parseInt(searchParams.get("offset") ?? "0", 10) || 0);

  /** Sets some parameters; any filter change goes back to the first page unless an offset is given. */
  const update = useCallback(
    (changes: Record<string, string | number | null>, mode: "push" | "replace" = "push") => {
      const next = new URLSearchParams(searchParams.toString());
      if (!("offset" in changes)) next.delete("offset");
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "" || (key === "offset" && value === 0)) next.delete(key);
        else next.set(key, String(value));
      }
      const qs = next.toString();
      const href = qs ? `${pathname}?${qs}` : pathname;
      if (mode === "push") router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [searchParams, router, pathname],
  );

  const hasFilters = (...keys: string[]) => keys.some((k) => searchParams.get(k));

  return { get, offset, update, hasFilters };
}
