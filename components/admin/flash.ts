"use client";

import { useEffect, useState } from "react";

/**
 * A one-time success message that survives a client-side navigation, e.g. "Deleted Heat" shown
 * on the list after deleting from the edit page. Kept in memory only: a reload drops it.
 */
let waiting: string | null = null;

export function setFlash(message: string) {
  waiting = message;
}

export function useFlash(): [string | null, (message: string | null) => void] {
  const [message, setMessage] = useState<string | null>(() => waiting);
  useEffect(() => {
    waiting = null;
  }, []);
  return [message, setMessage];
}
