import { EmptyState } from "@/components/ui/states";
import type { CityShowtimes } from "@/lib/viewer/showtimes-by-place";
import { Shelf } from "./movie-shelf";

/** A movie's upcoming showtimes by city and theater, each day's times in the theater's own time zone. */
export function MovieShowtimes({ cities, truncated }: { cities: CityShowtimes[]; truncated: boolean }) {
  return (
    <Shelf id="showtimes" title="Showtimes" subtitle={cities.length ? "Times are local to each theater" : undefined}>
      {cities.length === 0 ? (
        <EmptyState title="No upcoming showtimes">This movie is not scheduled in any theater right now.</EmptyState>
      ) : (
        <div className="space-y-5">
          {cities.map((city) => (
            <section key={city.city} aria-label={`Showtimes in ${city.city}`}>
              <h3 className="text-base font-semibold text-stone-900">{city.city}</h3>
              <ul className="mt-2 space-y-3">
                {city.theaters.map((theater) => (
                  <li key={theater.theaterId} className="rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
                    <h4 className="font-medium text-stone-900">{theater.theaterName}</h4>
                    <dl className="mt-2 space-y-2">
                      {theater.days.map((day) => (
                        <div key={day.day} className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:gap-3">
                          <dt className="w-28 shrink-0 text-sm text-stone-600">{day.label}</dt>
                          <dd className="flex flex-wrap gap-1.5">
                            {day.times.map((t) => (
                              <time key={t.id} dateTime={t.startsAt} className="rounded bg-stone-100 px-2 py-0.5 text-sm tabular-nums text-stone-800">
                                {t.time}
                              </time>
                            ))}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {truncated && <p className="text-sm text-stone-600">Showing the soonest showtimes; more are scheduled later.</p>}
        </div>
      )}
    </Shelf>
  );
}
