"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { Input } from "@/components/ui/field";

/**
 * A search input that tells its list what to look for 300 ms after the typing stops (or at once
 * on Enter). `value` is the search in effect (from the URL); when it changes from elsewhere,
 * e.g. the back button, the input follows it.
 */
export function SearchBox({ id, label, value, placeholder, onSearch }: { id: string; label: string; value: string; placeholder?: string; onSearch(q: string): void }) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState<string | null>(null);
  // Follow changes of `value` that did not come from this input (adjusting state while rendering).
  if (value !== seen) {
    setSeen(value);
    if (value !== sent && value !== text.trim()) setText(value);
  }

  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  });

  useEffect(() => {
    const q = text.trim();
    if (q === value) return;
    const timer = setTimeout(() => {
      setSent(q);
      onSearchRef.current(q);
    }, 300);
    return () => clearTimeout(timer);
    // Only typing restarts the wait; a new `value` alone must not re-send.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const q = text.trim();
    if (q === value) return;
    setSent(q);
    onSearch(q);
  }

  return (
    <form role="search" onSubmit={submit} className="w-full sm:max-w-xs">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={placeholder} autoComplete="off" />
    </form>
  );
}
