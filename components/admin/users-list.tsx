"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Spinner } from "@/components/ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { apiFetch, queryString } from "@/lib/client/api-client";
import type { User as AdminUser } from "@/lib/auth/contract";
import type { ListPage } from "@/lib/http/pagination";
import { DateText } from "./date-text";
import { errorMessage } from "./field-errors";
import { useListParams } from "./list-params";
import { ListEmptyState } from "./list-empty-state";
import { QueryStates } from "./query-states";
import { ResultCount } from "./result-count";
import { SearchBox } from "./search-box";
import { SuccessNotice } from "./success-notice";

const PAGE_SIZE = 25;
const usersKey = ["admin", "users"] as const;

type RoleChange = { user: AdminUser; role: AdminUser["role"] };

/** Everyone with an account or tracked activity; admins can promote viewers and demote admins (but not the last one). */
export function UsersList({ currentUserId }: { currentUserId: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const params = useListParams();
  const q = params.get("q");
  const role = params.get("role") === "admin" || params.get("role") === "viewer" ? params.get("role") : "";
  const offset = params.offset;
  const [pendingChange, setPendingChange] = useState<RoleChange | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const users = useQuery({
    queryKey: [...usersKey, { q, role, offset }],
    queryFn: ({ signal }) => apiFetch<ListPage<AdminUser>>(`/api/v1/admin/users${queryString({ q, role, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  });

  const changeRole = useMutation({
    mutationFn: (change: RoleChange) => apiFetch<AdminUser>(`/api/v1/admin/users/${encodeURIComponent(change.user.id)}`, { method: "PATCH", body: { role: change.role } }),
    onSuccess: (user) => {
      setPendingChange(null);
      void queryClient.invalidateQueries({ queryKey: usersKey });
      if (user.id === currentUserId && user.role !== "admin") {
        // You just gave up your own admin rights: the admin pages are closed to you now.
        router.push("/");
        router.refresh();
        return;
      }
      setNotice(`${user.displayName} is now ${user.role === "admin" ? "an admin" : "a viewer"}.`);
    },
  });

  function ask(change: RoleChange) {
    changeRole.reset();
    setNotice(null);
    setPendingChange(change);
  }

  const filtered = Boolean(q || role);
  const target = pendingChange?.user;
  return (
    <div>
      <PageHeader title="Users" description="Who can sign in, and who can administer Marquee." />
      {notice && <SuccessNotice message={notice} onDismiss={() => setNotice(null)} />}
      <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
        <SearchBox id="user-search" label="Search users by name, email or id" placeholder="Search name, email or id…" value={q} onSearch={(text) => params.update({ q: text }, "replace")} />
        <label htmlFor="user-role" className="sr-only">
          Role
        </label>
        <Select id="user-role" value={role} onChange={(e) => params.update({ role: e.target.value })} className="sm:w-40">
          <option value="">All roles</option>
          <option value="admin">Admins</option>
          <option value="viewer">Viewers</option>
        </Select>
        {users.isFetching && !users.isPending && <Spinner label="Updating" />}
        {users.data && <ResultCount total={users.data.total} noun="user" />}
      </div>

      <QueryStates
        query={users}
        what="users"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <ListEmptyState noun="users" filtered={filtered} offset={offset} onClearFilters={() => params.update({ q: null, role: null })} onFirstPage={() => params.update({ offset: 0 })} />
        }
      >
        {(data) => (
          <>
            <Table caption="Users" busy={users.isPlaceholderData}>
              <THead>
                <Th>Name</Th>
                <Th>Email</Th>
                <Th>Role</Th>
                <Th>Created</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </THead>
              <TBody>
                {data.items.map((user) => {
                  const nextRole = user.role === "admin" ? "viewer" : "admin";
                  return (
                    <Tr key={user.id}>
                      <Td className="min-w-40">
                        <span className="font-medium text-stone-900">{user.displayName}</span>
                        {user.id === currentUserId && <span className="ml-2 text-xs text-stone-500">(you)</span>}
                        <span className="block text-xs text-stone-500">id {user.id}</span>
                      </Td>
                      <Td className="whitespace-nowrap">{user.email ?? <span className="text-stone-500">no account</span>}</Td>
                      <Td>
                        <span
                          className={`rounded px-1.5 py-0.5 text-xs font-medium ${user.role === "admin" ? "bg-brand-100 text-brand-700" : "bg-stone-100 text-stone-700"}`}
                        >
                          {user.role}
                        </span>
                      </Td>
                      <Td className="text-stone-600">
                        <DateText value={user.createdAt} withTime={false} />
                      </Td>
                      <Td className="text-right">
                        <Button variant="secondary" size="sm" className="whitespace-nowrap" onClick={() => ask({ user, role: nextRole })}>
                          {nextRole === "admin" ? "Make admin" : "Make viewer"}
                          <span className="sr-only">: {user.displayName}</span>
                        </Button>
                      </Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
            <Pagination total={data.total} limit={PAGE_SIZE} offset={offset} onChange={(next) => params.update({ offset: next })} />
          </>
        )}
      </QueryStates>

      <ConfirmDialog
        open={pendingChange !== null}
        title={pendingChange?.role === "admin" ? `Make ${target?.displayName} an admin?` : `Make ${target?.displayName} a viewer?`}
        confirmLabel={pendingChange?.role === "admin" ? "Make admin" : "Make viewer"}
        tone={pendingChange?.role === "admin" ? "primary" : "danger"}
        pending={changeRole.isPending}
        error={changeRole.isError ? errorMessage(changeRole.error) : null}
        onConfirm={() => pendingChange && changeRole.mutate(pendingChange)}
        onCancel={() => setPendingChange(null)}
      >
        {pendingChange?.role === "admin" ? (
          <p>Admins can change the catalog, theaters, users and API tokens.</p>
        ) : target?.id === currentUserId ? (
          <p>
            <strong>This is you.</strong> You will lose access to the admin pages as soon as you confirm.
          </p>
        ) : (
          <p>They will no longer be able to open the admin pages or use the admin API.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}
