/** "512 movies", at the end of a list's filter bar. */
export function ResultCount({ total, noun }: { total: number; noun: string }) {
  return (
    <span className="text-sm text-stone-600 tabular-nums sm:ml-auto">
      {total.toLocaleString()} {total === 1 ? noun : `${noun}s`}
    </span>
  );
}
