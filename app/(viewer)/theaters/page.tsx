import type { Metadata } from "next";
import { getDb } from "@/db";
import { listTheaters } from "@/db/queries/theaters";
import { EmptyState } from "@/components/ui/states";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Theaters" };

export default async function TheatersPage() {
  const { items } = await listTheaters(await getDb(), { limit: 200, offset: 0 });
  // Map.groupBy is not in Node 20.
  const byCity = new Map<string, typeof items>();
  for (const t of items) byCity.set(t.city, [...(byCity.get(t.city) ?? []), t]);
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold tracking-tight">Theaters</h1>
      {items.length === 0 ? (
        <EmptyState title="No theaters yet" />
      ) : (
        <div className="space-y-6">
          {[...byCity].map(([city, theaters]) => (
            <section key={city} aria-labelledby={`city-${city}`}>
              <h2 id={`city-${city}`} className="mb-2 text-lg font-medium">{city}</h2>
              <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
                {theaters.map((t) => (
                  <li key={t.id} className="rounded-lg border border-stone-200 bg-white p-3">
                    <p className="font-medium">{t.name}</p>
                    <p className="text-sm text-stone-600">{t.seatCount} seats · {t.timeZone}</p>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
