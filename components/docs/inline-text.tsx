/** Text from the API document, where `backticks` mark code (the only markdown it uses). */
export function InlineText({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-stone-100 px-1 py-0.5 font-mono text-[0.85em] text-stone-800">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
