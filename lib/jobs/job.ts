import "server-only";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { DatabaseHandle, Db } from "@/db/client";

export interface JobDeps {
  db: Db;
  handle: DatabaseHandle;
  boss: PgBoss;
  now: Date;
}

/**
 * A kind of background job: its queue, the payload it takes, how it retries, and what it does.
 * Each domain declares its own in lib/<domain>/jobs.ts; lib/jobs/registry.ts lists them.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: string;
  /** Checked before `run`: a job sent with another shape fails with the field named, not a TypeError. */
  payload: S;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** How often an idle worker looks for work; a person waiting on the job wants it small. */
  pollingIntervalSeconds?: number;
  /** A cron expression (UTC) when the job also runs on a schedule. */
  cron?: string;
  /**
   * True when a job only says "there is work" (the work itself waits in our tables), so its queue
   * holds nothing worth keeping. Such a queue is a standard one: pg-boss 12 skips a stately queue's
   * jobs while its cached snapshot of active jobs still shows one, which could hold new work back.
   */
  wakeUp?: boolean;
  run(data: z.output<S>, deps: JobDeps): Promise<unknown>;
}

/** The payload of a job whose work waits in our tables, or that runs on a schedule. */
export const noPayload = z.object({}).strict();

/** Types a definition by its payload schema, and lets it join a list of any definitions. */
export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition {
  return job as unknown as JobDefinition;
}

/**
 * Work a process does once, before its job workers start: what a crash left behind, or warming
 * up. `embeddedOnly` hooks run only on PGlite, where one process owns the database.
 */
export interface StartupHook {
  name: string;
  embeddedOnly?: boolean;
  run(deps: JobDeps): Promise<void>;
}
