/**
 * A movie's daily views as a tiny line, drawn as inline SVG: one per table row is cheap, and it
 * renders on the server too. The label carries the numbers for screen readers.
 */
export function Sparkline({ values, days, width = 112, height = 28 }: { values: number[]; days: string[]; width?: number; height?: number }) {
  const max = Math.max(1, ...values);
  const total = values.reduce((a, b) => a + b, 0);
  const stepX = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const points = values.map((v, i) => [2 + i * stepX, height - 2 - (v / max) * (height - 4)] as const);
  const path = points.map(([x, y], i) => `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
  const label = `Views over the last ${values.length} days (${days[0]} to ${days.at(-1)}): ${total.toLocaleString()} in all, ${values.at(-1) ?? 0} today`;
  return (
    // Narrower on phones: the drawing stretches to the box, the strokes keep their width.
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className="block h-7 w-16 overflow-visible sm:w-28">
      <title>{label}</title>
      <line x1={2} x2={width - 2} y1={height - 2} y2={height - 2} className="stroke-stone-200" strokeWidth={1} vectorEffect="non-scaling-stroke" />
      {total > 0 && <path d={`${path} L${(width - 2).toFixed(1)},${height - 2} L2,${height - 2} Z`} className="fill-brand-100/70" />}
      <path d={path} fill="none" className={total > 0 ? "stroke-brand-600" : "stroke-stone-300"} strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
