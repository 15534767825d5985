import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { PG_UNIQUE_VIOLATION, pgErrorCode } from "@/db/errors";
import { hitRateLimit, readRateLimit } from "@/db/queries/rate-limits";
import { createUser, findUserByEmail } from "@/db/queries/users";
import { AppError } from "@/lib/errors/app-error";
import { credentialsSchema, type SignUpInput } from "./contract";
import { hashPassword, verifyPassword } from "./passwords";

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_ATTEMPTS_PER_EMAIL = 10;
export const MAX_ATTEMPTS_PER_CLIENT = 50;


/**
 * Checks an email and password. Unknown emails and wrong passwords answer the same (null) after
 * the same argon2 work. Failed attempts are counted per email and per client address in the
 * database (so the limit holds across app instances); once either is over its limit, even the
 * right password is refused until the window ends. Successful sign-ins cost nothing.
 */
export async function checkCredentials(
  db: Db,
  input: { email: string; password: string; clientAddress: string },
  now: Date,
): Promise<{ id: string; email: string | null; role: "admin" | "viewer"; displayName: string } | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = { email: `sign-in-failures:email:${email}`, client: `sign-in-failures:client:${input.clientAddress}` };
  const [byEmail, byClient] = await Promise.all([readRateLimit(db, keys.email, SIGN_IN_WINDOW_MS, now), readRateLimit(db, keys.client, SIGN_IN_WINDOW_MS, now)]);
  if (byEmail.count >= MAX_ATTEMPTS_PER_EMAIL || byClient.count >= MAX_ATTEMPTS_PER_CLIENT) {
    const retryAt = new Date(Math.max(byEmail.windowStart.getTime(), byClient.windowStart.getTime()) + SIGN_IN_WINDOW_MS);
    throw new AppError("rate_limited:sign_in", `Too many failed sign-in attempts. Try again after ${retryAt.toISOString().slice(11, 16)} UTC.`);
  }
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) {
    await Promise.all([hitRateLimit(db, keys.email, SIGN_IN_WINDOW_MS, now), hitRateLimit(db, keys.client, SIGN_IN_WINDOW_MS, now)]);
    return null;
  }
  return { id: user.id, email: user.email, role: user.role, displayName: user.displayName };
}

export const MAX_SIGN_UPS_PER_CLIENT = 20;

/** Self sign-up: always a viewer. */
export async function signUpViewer(db: Db, input: SignUpInput, clientAddress: string, now: Date) {
  const limit = await hitRateLimit(db, `sign-up:client:${clientAddress}`, 60 * 60_000, now);
  if (limit.count > MAX_SIGN_UPS_PER_CLIENT) throw new AppError("rate_limited:sign_up", "Too many accounts created from here. Try again later.");
  if (await findUserByEmail(db, input.email)) {
    throw new AppError("conflict:email", "An account with this email already exists. Sign in instead.", { fields: { email: "Already registered" } });
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await createUser(db, { id: randomUUID(), email: input.email, passwordHash, role: "viewer", displayName: input.displayName });
  } catch (cause) {
    // Two sign-ups with the same email at once: the unique index decides.
    if (pgErrorCode(cause) === PG_UNIQUE_VIOLATION) {
      throw new AppError("conflict:email", "An account with this email already exists. Sign in instead.", { fields: { email: "Already registered" } });
    }
    throw cause;
  }
}

export function clientAddressOf(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "local";
}
