import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { countOverview } from "@/db/queries/overview";
import { PageHeader } from "@/components/ui/page-header";
import { QueueHealthPanel } from "@/components/admin/queue-health";
import { healthReport } from "@/lib/health/health-report";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminOverviewPage() {
  const [counts, health] = await Promise.all([getDb().then(countOverview), healthReport()]);
  const cards = [
    { label: "Movies", value: counts.movies, href: "/admin/movies" },
    { label: "Theaters", value: counts.theaters, href: "/admin/theaters" },
    { label: "Users", value: counts.users, href: "/admin/users" },
    { label: "Ratings", value: counts.ratings, href: null },
    { label: "API tokens", value: counts.apiTokens, href: "/admin/tokens" },
  ];
  return (
    <div>
      <PageHeader title="Overview" description="The catalog, the audience, the keys other services use, and the background work." />
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        {cards.map((c) => (
          <div key={c.label} className="rounded-lg border border-stone-200 bg-white p-4">
            <dt className="text-sm text-stone-600">{c.href ? <Link href={c.href} className="hover:underline">{c.label}</Link> : c.label}</dt>
            <dd className="mt-1 text-2xl font-semibold">{c.value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      <QueueHealthPanel report={health} />
    </div>
  );
}
