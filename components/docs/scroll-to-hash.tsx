"use client";

import { useEffect } from "react";

/**
 * Deep links such as /docs/api#createMovie: the page streams in behind app/loading.tsx, so the
 * browser looks for the anchor before it is shown and gives up. Scroll once the content is here.
 */
export function ScrollToHash() {
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView();
  }, []);
  return null;
}
