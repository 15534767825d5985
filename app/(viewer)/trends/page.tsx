import type { Metadata } from "next";
import { Suspense } from "react";
import { TrendDashboard } from "@/components/trends/trend-dashboard";
import { SkeletonRows } from "@/components/ui/states";
import { getCurrentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Trends" };
export const dynamic = "force-dynamic";

/** Public: anyone can watch the trends. Admins also get the controls; the API checks the role again. */
export default async function TrendsPage() {
  const user = await getCurrentUser();
  return (
    <Suspense fallback={<SkeletonRows rows={8} />}>
      <TrendDashboard canManage={user?.role === "admin"} />
    </Suspense>
  );
}
