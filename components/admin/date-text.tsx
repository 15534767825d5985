/** A timestamp from the API in the admin's locale and time zone, with the exact value on hover. */
export function DateText({ value, withTime = true, empty = "—" }: { value: string | null; withTime?: boolean; empty?: string }) {
  if (!value) return <span className="text-stone-500">{empty}</span>;
  const date = new Date(value);
  const text = date.toLocaleString(undefined, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" });
  return (
    <time dateTime={value} title={date.toISOString()} className="whitespace-nowrap">
      {text}
    </time>
  );
}
