import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";

/**
 * The empty page of an admin list: nothing matches the filters (offer to clear them), a page past
 * the end (offer the first one), or truly nothing yet (`children` says how to add some).
 */
export function ListEmptyState({ noun, filtered, offset, onClearFilters, onFirstPage, children }: { noun: string; filtered: boolean; offset: number; onClearFilters(): void; onFirstPage(): void; children?: ReactNode }) {
  return (
    <EmptyState title={filtered ? `No ${noun} match` : offset > 0 ? "This page is empty" : `No ${noun} yet`}>
      {filtered ? (
        <Button variant="secondary" size="sm" onClick={onClearFilters}>
          Clear search and filter
        </Button>
      ) : offset > 0 ? (
        <Button variant="secondary" size="sm" onClick={onFirstPage}>
          Go to the first page
        </Button>
      ) : (
        children
      )}
    </EmptyState>
  );
}
