import type { Metadata } from "next";
import { Suspense } from "react";
import { DeadLettersList } from "@/components/admin/dead-letters/dead-letters-list";
import { SkeletonRows } from "@/components/ui/states";

export const metadata: Metadata = { title: "Dead letters · Admin" };

// The admin layout checks the role; the dead-letter API checks it again on every call.
export default function AdminDeadLettersPage() {
  return (
    <Suspense fallback={<SkeletonRows rows={8} />}>
      <DeadLettersList />
    </Suspense>
  );
}
