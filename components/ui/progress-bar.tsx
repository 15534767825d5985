/**
 * A progress bar assistive tech reads as one: a real progressbar with its value and sentence, its
 * label elsewhere on the page (`labelledBy`). Long work shows one (batches of showtimes, trainings).
 */
export function ProgressBar({ labelledBy, percent, text, tone }: { labelledBy: string; percent: number; text: string; tone: string }) {
  return (
    <div
      role="progressbar"
      aria-labelledby={labelledBy}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}%: ${text}`}
      className="h-3 w-full overflow-hidden rounded-full bg-stone-200"
    >
      <div className={`h-full rounded-full transition-[width] duration-300 ${tone}`} style={{ width: `${percent}%` }} />
    </div>
  );
}
