import type { Metadata } from "next";
import { ActivityDashboard } from "@/components/viewer/activity-dashboard";
import { getDb } from "@/db";
import { movieTitles } from "@/db/queries/viewer";
import { requireSignedInPage } from "@/lib/auth/current-user";
import { getFeatures } from "@/lib/features/feature-service";
import { movieIdsShown, type ViewerFeatures } from "@/lib/viewer/activity";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your activity" };

/** The signed-in viewer's features; the page then keeps them fresh from GET /api/v1/features/{id}. */
export default async function MyActivityPage() {
  const user = await requireSignedInPage("/me");
  const db = await getDb();
  // The same answer the features API gives, so the first paint needs no round trip.
  const features: ViewerFeatures = await getFeatures(db, user.id);
  const titles = await movieTitles(db, movieIdsShown(features));
  return <ActivityDashboard userId={user.id} initial={features} initialTitles={titles} renderedAt={new Date().toISOString()} />;
}
