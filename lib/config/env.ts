import "server-only";
import { z } from "zod";
import { parseTrustedProxies, type TrustedProxies } from "@/lib/auth/client-address";

/** Every environment variable the app reads, parsed once. The README's table lists the same. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  // The web process's Postgres sessions (PostgreSQL's statement_timeout and
  // idle_in_transaction_session_timeout); 0 turns one off.
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  // Events waiting to be stored: at most this many, each at most this long; past either the
  // request gets a 503 with Retry-After instead of waiting in memory.
  MARQUEE_EVENT_QUEUE_MAX_EVENTS: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  MARQUEE_EVENT_QUEUE_WAIT_MS: z.coerce.number().int().min(1).max(600_000).default(5_000),
  // On SIGTERM the web process exits within this long (lib/http/graceful-shutdown.ts).
  MARQUEE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(25_000),
  AUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  // The public URL; cookie-authenticated writes must come from its origin (lib/auth/same-origin.ts).
  NEXTAUTH_URL: z.string().url().optional(),
  // Our own reverse proxies (addresses and CIDR ranges, comma-separated; none by default): only a
  // request from one of them has its X-Forwarded-For believed (lib/auth/client-address.ts).
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Where the web process's job workers run. "thread" (the default): on a worker thread of their
  // own; "inline": on the thread that answers requests; "off": nowhere, `npm run worker`
  // processes do the work. On PGlite they always run inline: one thread owns the database.
  MARQUEE_WORKERS: z.enum(["thread", "inline", "off"]).default("thread"),
  // Demo data on first start of an empty database: "auto" fills it, "off" leaves it empty.
  MARQUEE_DEMO_DATA: z.enum(["auto", "off"]).default("auto"),
  MARQUEE_DEMO_SEED: z.coerce.number().int().default(42),
  // On PGlite, how long a starting process spends warming up the conflict check (0: not at all).
  MARQUEE_WARM_UP_MS: z.coerce.number().int().min(0).max(60_000).default(750),
  // Health turns degraded when the oldest audience event not yet processed is older than this.
  MARQUEE_EVENT_BACKLOG_LIMIT_SECONDS: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(300),
  TMDB_API_KEY: z.string().optional(),
  // How fast "trending now" forgets: activity counts half after this many hours.
  TREND_HALF_LIFE_HOURS: z.coerce.number().positive().max(24 * 365).default(24),
  TMDB_BASE_URL: z.string().url().default("https://api.themoviedb.org/3"),
  // Which model GET /recommend uses when the caller names none (experiments aside).
  RECS_DEFAULT_MODEL: z.enum(["als", "hybrid", "ease", "popular"]).default("als"),
  // Full training of every algorithm, and the nightly precomputation of active users' lists (UTC).
  RECS_TRAIN_CRON: z.string().min(9).default("0 0 * * *"),
  RECS_PRECOMPUTE_CRON: z.string().min(9).default("30 0 * * *"),
  // How long logged recommendation sessions are kept (whole days are dropped).
  RECS_SESSION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

let proxies: TrustedProxies | undefined;

/** TRUSTED_PROXIES, parsed (env() has checked it at start). */
export function trustedProxies(): TrustedProxies {
  return (proxies ??= parseTrustedProxies(env().TRUSTED_PROXIES));
}

export function databaseOptionsFromEnv(e: Env = env()) {
  return e.DATABASE_URL ? { url: e.DATABASE_URL } : { dataDir: e.PGLITE_DIR };
}

/**
 * What the web process adds for its requests: bounded statements and transactions. Command-line
 * tools (imports, seeding, training) and the job workers run long statements on purpose and go
 * without.
 */
export function requestTimeoutsFromEnv(e: Env = env()) {
  return { statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS, idleInTransactionTimeoutMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS };
}
