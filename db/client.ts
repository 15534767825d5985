import "server-only";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import path from "node:path";
import fs from "node:fs";
import * as schema from "./schema";

export type Schema = typeof schema;
/** What every query function takes: the process's handle or a transaction opened on it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface DatabaseHandle {
  db: Db;
  driver: "pglite" | "postgres";
  /** Where the data lives, for logs: a folder for PGlite, host/database for a server (no password). */
  location: string;
  /** The embedded instance, when driver is "pglite" (pg-boss and LISTEN/NOTIFY use it directly). */
  pglite?: PGlite;
  /** The postgres.js client, when driver is "postgres". */
  sql?: postgres.Sql;
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; without one the embedded PGlite is used. */
  url?: string;
  /** PGlite data folder, or "memory://" for a throwaway database. */
  dataDir?: string;
  /** postgres.js pool size. */
  maxConnections?: number;
  /**
   * Server only: PostgreSQL cancels a statement that runs longer (statement_timeout) and ends a
   * session left idle inside a transaction longer (idle_in_transaction_session_timeout), which
   * would otherwise hold its locks and its connection. Unset or 0: no limit.
   */
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
}

export const DEFAULT_DATA_DIR = ".data/pglite";

export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url, options) : openPglite(options.dataDir ?? DEFAULT_DATA_DIR);
}

/**
 * PGlite's buffer pool lives in the WebAssembly heap, which grows and never shrinks. Postgres's
 * default of 128 MB put a large embedded database's process (bench:showtimes: 14 million tickets)
 * at about 500 MB; with 64 MB it stays near 420 MB, and batches ran no slower, since the operating
 * system's file cache still holds what the pool lets go.
 */
const PGLITE_SETTINGS = ["shared_buffers = 64MB"];

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : dataDir, { extensions: { btree_gist }, postgresqlconf: PGLITE_SETTINGS });
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    location: inMemory ? "memory" : path.resolve(dataDir),
    pglite,
    async listen(channel, onMessage) {
      const unsubscribe = await pglite.listen(channel, onMessage);
      return unsubscribe;
    },
    async notify(channel, payload) {
      await pglite.query("select pg_notify($1, $2)", [channel, payload]);
    },
    close: () => pglite.close(),
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<DatabaseHandle> {
  // PostgreSQL's own timeouts, set per session as its documentation advises (not server-wide):
  // they bound what a stalled database costs a request, and the request then gets a 503.
  const timeouts = {
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs } : {}),
  };
  const { url: tcpUrl, socketDir } = unixSocketOf(url);
  const sql = preparingStatements(
    // Custom plans always: see preparingStatements.
    postgres(tcpUrl, { max: options.maxConnections ?? 10, onnotice: () => {}, ...(socketDir ? { host: socketDir } : {}), connection: { application_name: "marquee", plan_cache_mode: "force_custom_plan", ...timeouts } }),
  );
  const db = drizzlePostgres(sql, { schema }) as unknown as Db;
  const parsed = new URL(tcpUrl);
  return {
    db,
    driver: "postgres",
    location: `${socketDir ?? parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    sql,
    async listen(channel, onMessage) {
      const { unlisten } = await sql.listen(channel, onMessage);
      return unlisten;
    },
    async notify(channel, payload) {
      await sql.notify(channel, payload);
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/**
 * A Postgres on the same machine is best reached over its Unix socket, named as libpq does:
 * `postgres://user@/db?host=/var/run/postgresql`. postgres.js takes the socket's folder as its
 * `host` option, not from the URL, so it is taken out of the URL here.
 *
 * Why: over loopback TCP the kernel delivers each write to Postgres inside the writing thread's
 * own system call, so every query costs the request thread the receiving side's network work too;
 * a CPU profile of the event routes' tail showed those writes (docs/performance.md).
 */
export function unixSocketOf(url: string): { url: string; socketDir: string | null } {
  if (!/[?&]host=(\/|%2F)/i.test(url)) return { url, socketDir: null };
  // libpq leaves the host out (`user@/db`), which a WHATWG URL does not allow.
  const parsed = new URL(url.replace(/^(postgres(?:ql)?:\/\/(?:[^@/]*@)?)(?=\/)/, "$1localhost"));
  const socketDir = parsed.searchParams.get("host")!;
  parsed.searchParams.delete("host");
  return { url: parsed.toString(), socketDir };
}

/** A bare postgres.js client for `url`, its Unix socket understood (for admin and migration connections). */
export function postgresClient(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}): postgres.Sql {
  const { url: tcpUrl, socketDir } = unixSocketOf(url);
  return postgres(tcpUrl, { ...options, ...(socketDir ? { host: socketDir } : {}) });
}

/** A server handle's connection URL, password included: for pg-boss's pool and the job worker thread. */
export function serverUrlOf(handle: DatabaseHandle): string {
  if (!handle.sql) throw new Error(`serverUrlOf needs a Postgres server handle, not ${handle.driver}`);
  const options = handle.sql.options;
  const host = Array.isArray(options.host) ? options.host[0] : options.host;
  const port = Array.isArray(options.port) ? options.port[0] : options.port;
  const user = encodeURIComponent(options.user);
  const password = typeof options.pass === "string" && options.pass ? `:${encodeURIComponent(options.pass)}` : "";
  // A Unix socket's folder goes in libpq's `host` parameter, which pg (pg-boss) and unixSocketOf read.
  if (host?.startsWith("/")) return `postgres://${user}${password}@localhost:${port}/${options.database}?host=${encodeURIComponent(host)}`;
  return `postgres://${user}${password}@${host}:${port}/${options.database}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- postgres.js's own signatures, passed through
type AnyFunction = (...args: any[]) => any;

/**
 * Makes drizzle's queries named prepared statements, which postgres.js caches per connection.
 *
 * Why: drizzle runs every query that was not built with `.prepare(name)` as
 * `unsafe(query, params, { prepare: false })` (drizzle-orm issue #6096). postgres.js sends such a
 * query with parameters as two round trips: parse and describe, wait, then bind and execute. Every
 * insert of an event and every statement of the event worker paid that twice, in latency and in
 * CPU on both sides. A cached statement is one round trip. Postgres would switch a statement run
 * five times to a generic plan, blind to its parameters (how many ids a JSON list holds, a LIMIT),
 * which made the event worker several times slower; so the connections ask for custom plans
 * (plan_cache_mode), as unnamed statements always got. Connections are recycled after 30-60
 * minutes (postgres.js's max_lifetime), which bounds the cache; a statement whose table changed
 * is re-prepared by postgres.js on its own. Behind PgBouncer this needs session pooling, or
 * transaction pooling with max_prepared_statements (1.21+).
 */
function preparingStatements<T extends object>(client: T): T {
  const methods = client as unknown as { unsafe: AnyFunction; begin?: AnyFunction; savepoint?: AnyFunction };
  const unsafe = methods.unsafe.bind(client);
  methods.unsafe = (query: string, args?: unknown, options?: object) =>
    Array.isArray(args) || args === undefined ? unsafe(query, args, { ...options, prepare: true }) : unsafe(query, [], { ...args, prepare: true });
  // A transaction (and a savepoint in it) hands its callback a client of its own.
  for (const name of ["begin", "savepoint"] as const) {
    const open = methods[name]?.bind(client);
    if (!open) continue;
    methods[name] = (...args: unknown[]) => {
      const callback = args.pop() as AnyFunction;
      return open(...args, (tx: object) => callback(preparingStatements(tx)));
    };
  }
  return client;
}

/** Raw `db.execute()` results differ by driver (PGlite: `{ rows }`, postgres.js: an array). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
