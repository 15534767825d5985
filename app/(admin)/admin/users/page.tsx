import type { Metadata } from "next";
import { Suspense } from "react";
import { UsersList } from "@/components/admin/users-list";
import { SkeletonRows } from "@/components/ui/states";
import { requireAdminPage } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Users · Admin" };

export default async function AdminUsersPage() {
  // The layout has checked the role already; here we only need to know who "you" are in the list.
  const me = await requireAdminPage("/admin/users");
  return (
    <Suspense fallback={<SkeletonRows rows={8} />}>
      <UsersList currentUserId={me.id} />
    </Suspense>
  );
}
