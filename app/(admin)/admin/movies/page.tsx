import type { Metadata } from "next";
import { Suspense } from "react";
import { MoviesList } from "@/components/admin/movies-list";
import { SkeletonRows } from "@/components/ui/states";

export const metadata: Metadata = { title: "Movies · Admin" };

export default function AdminMoviesPage() {
  return (
    <Suspense fallback={<SkeletonRows rows={8} />}>
      <MoviesList />
    </Suspense>
  );
}
