import type { Metadata } from "next";
import Link from "next/link";
import { count } from "drizzle-orm";
import { getDb } from "@/db";
import { apiTokens, movies, ratings, theaters, users } from "@/db/schema";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminOverviewPage() {
  const db = await getDb();
  const countOf = async (table: typeof movies | typeof theaters | typeof users | typeof ratings | typeof apiTokens) => (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  const [movieCount, theaterCount, userCount, ratingCount, tokenCount] = await Promise.all([countOf(movies), countOf(theaters), countOf(users), countOf(ratings), countOf(apiTokens)]);
  const cards = [
    { label: "Movies", value: movieCount, href: "/admin/movies" },
    { label: "Theaters", value: theaterCount, href: "/admin/theaters" },
    { label: "Users", value: userCount, href: "/admin/users" },
    { label: "Ratings", value: ratingCount, href: null },
    { label: "API tokens", value: tokenCount, href: "/admin/tokens" },
  ];
  return (
    <div>
      <PageHeader title="Overview" description="The catalog, the audience and the keys other services use." />
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        {cards.map((c) => (
          <div key={c.label} className="rounded-lg border border-stone-200 bg-white p-4">
            <dt className="text-sm text-stone-600">{c.href ? <Link href={c.href} className="hover:underline">{c.label}</Link> : c.label}</dt>
            <dd className="mt-1 text-2xl font-semibold">{c.value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
