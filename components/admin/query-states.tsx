"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState, SkeletonRows } from "@/components/ui/states";
import { errorMessage } from "./field-errors";

/**
 * The states every admin list and form goes through: loading (skeleton rows), failed (with a
 * retry), empty, and loaded. A failed refetch keeps showing the data it had, under the error.
 */
export function QueryStates<T>({
  query,
  what,
  isEmpty,
  empty,
  rows = 6,
  children,
}: {
  query: UseQueryResult<T>;
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  const retry = (
    <Button variant="secondary" size="sm" onClick={() => void query.refetch()} disabled={query.isFetching}>
      {query.isFetching ? "Retrying…" : "Try again"}
    </Button>
  );
  if (query.isPending) {
    return (
      <div>
        <span className="sr-only" role="status">
          Loading {what}…
        </span>
        <SkeletonRows rows={rows} />
      </div>
    );
  }
  if (query.isError && query.data === undefined) {
    return <ErrorState title={`Could not load ${what}`} message={errorMessage(query.error)} action={retry} />;
  }
  const data = query.data as T;
  return (
    <>
      {query.isError && <ErrorState title={`Could not refresh ${what}`} message={errorMessage(query.error)} action={retry} />}
      {isEmpty?.(data) ? empty : children(data)}
    </>
  );
}
