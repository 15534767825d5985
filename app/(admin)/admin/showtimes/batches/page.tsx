import type { Metadata } from "next";
import { Suspense } from "react";
import { BatchHistory } from "@/components/showtimes/batch-history";
import { SkeletonRows } from "@/components/ui/states";

export const metadata: Metadata = { title: "Showtime batches · Admin" };

export default function ShowtimeBatchesPage() {
  return (
    <Suspense fallback={<SkeletonRows rows={8} />}>
      <BatchHistory />
    </Suspense>
  );
}
