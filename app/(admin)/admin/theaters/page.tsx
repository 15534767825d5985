import type { Metadata } from "next";
import { Suspense } from "react";
import { TheatersList } from "@/components/admin/theaters-list";
import { SkeletonRows } from "@/components/ui/states";

export const metadata: Metadata = { title: "Theaters · Admin" };

export default function AdminTheatersPage() {
  return (
    <Suspense fallback={<SkeletonRows rows={8} />}>
      <TheatersList />
    </Suspense>
  );
}
