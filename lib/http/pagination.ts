import { z } from "zod";
import { describeField } from "@/lib/openapi/schema-registry";

/** A page of a list: the items and what a client needs to ask for the next one. */
export const paginationSchema = {
  limit: describeField(z.coerce.number().int().min(1).max(200).default(25), "Items per page"),
  offset: describeField(z.coerce.number().int().min(0).max(1_000_000).default(0), "Items to skip: 0 for the first page, then the previous answer's nextOffset"),
};

/** One page of a list as the API answers it (clients read it with this type too). */
export interface ListPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  /** The offset of the next page, or null on the last one. */
  nextOffset: number | null;
}

export function page<T>(items: T[], total: number, limit: number, offset: number): ListPage<T> {
  return { items, total, limit, offset, nextOffset: offset + items.length < total ? offset + items.length : null };
}
