"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Spinner } from "@/components/ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { apiFetch, queryString } from "@/lib/client/api-client";
import type { CityList, TheaterSummary } from "@/lib/catalog/contract";
import type { ListPage } from "@/lib/http/pagination";
import { useFlash } from "./flash";
import { useListParams } from "./list-params";
import { ListEmptyState } from "./list-empty-state";
import { QueryStates } from "./query-states";
import { ResultCount } from "./result-count";
import { SearchBox } from "./search-box";
import { SuccessNotice } from "./success-notice";

const PAGE_SIZE = 25;

export const theaterKeys = {
  all: ["admin", "theaters"] as const,
  list: (params: Record<string, string | number>) => ["admin", "theaters", "list", params] as const,
  one: (id: string) => ["admin", "theaters", "one", id] as const,
  cities: ["cities"] as const,
};

export function useCities() {
  return useQuery({
    queryKey: theaterKeys.cities,
    queryFn: ({ signal }) => apiFetch<CityList>("/api/v1/cities", { signal }),
    staleTime: 60_000,
  });
}

/** The theaters as a table: search and city in the URL, 25 a page. */
export function TheatersList() {
  const router = useRouter();
  const params = useListParams();
  const q = params.get("q");
  const city = params.get("city");
  const offset = params.offset;
  const [flash, setFlash] = useFlash();

  const cities = useCities();
  const theaters = useQuery({
    queryKey: theaterKeys.list({ q, city, offset }),
    queryFn: ({ signal }) => apiFetch<ListPage<TheaterSummary>>(`/api/v1/theaters${queryString({ q, city, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  });

  const filtered = Boolean(q || city);
  return (
    <div>
      <PageHeader title="Theaters" description="Screens, their seats and how long cleaning takes between shows." actions={<ButtonLink href="/admin/theaters/new">New theater</ButtonLink>} />
      {flash && <SuccessNotice message={flash} onDismiss={() => setFlash(null)} />}
      <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
        <SearchBox id="theater-search" label="Search theaters by name or city" placeholder="Search name or city…" value={q} onSearch={(text) => params.update({ q: text }, "replace")} />
        <label htmlFor="theater-city" className="sr-only">
          City
        </label>
        <Select id="theater-city" value={city} onChange={(e) => params.update({ city: e.target.value })} className="sm:w-52">
          <option value="">All cities</option>
          {city && !cities.data?.items.some((c) => c.city === city) && <option value={city}>{city}</option>}
          {cities.data?.items.map((c) => (
            <option key={c.city} value={c.city}>
              {c.city} ({c.theaters})
            </option>
          ))}
        </Select>
        {theaters.isFetching && !theaters.isPending && <Spinner label="Updating" />}
        {theaters.data && <ResultCount total={theaters.data.total} noun="theater" />}
      </div>

      <QueryStates
        query={theaters}
        what="theaters"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <ListEmptyState noun="theaters" filtered={filtered} offset={offset} onClearFilters={() => params.update({ q: null, city: null })} onFirstPage={() => params.update({ offset: 0 })}>
              <p>
                Add the first one with{" "}
                <Link href="/admin/theaters/new" className="font-medium text-brand-700 hover:underline">
                  New theater
                </Link>
                .
              </p>
          </ListEmptyState>
        }
      >
        {(data) => (
          <>
            <Table caption="Theaters" busy={theaters.isPlaceholderData}>
              <THead>
                <Th>Name</Th>
                <Th>City</Th>
                <Th>Time zone</Th>
                <Th className="text-right">Seats</Th>
                <Th className="text-right">Turnover</Th>
              </THead>
              <TBody>
                {data.items.map((theater) => {
                  const href = `/admin/theaters/${encodeURIComponent(theater.id)}`;
                  return (
                    <Tr
                      key={theater.id}
                      className="cursor-pointer"
                      onClick={(event) => {
                        if (!(event.target as HTMLElement).closest("a, button")) router.push(href);
                      }}
                    >
                      <Td className="min-w-40">
                        <Link href={href} className="font-medium text-stone-900 hover:text-brand-700 hover:underline">
                          {theater.name}
                        </Link>
                      </Td>
                      <Td className="whitespace-nowrap">{theater.city}</Td>
                      <Td className="whitespace-nowrap text-stone-600">{theater.timeZone}</Td>
                      <Td className="text-right tabular-nums">{theater.seatCount.toLocaleString()}</Td>
                      <Td className="whitespace-nowrap text-right tabular-nums">{theater.turnoverMinutes} min</Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
            <Pagination total={data.total} limit={PAGE_SIZE} offset={offset} onChange={(next) => params.update({ offset: next })} />
          </>
        )}
      </QueryStates>
    </div>
  );
}
