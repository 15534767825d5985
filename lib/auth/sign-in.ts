import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { PG_UNIQUE_VIOLATION, pgErrorCode } from "@/db/errors";
import { hitRateLimit, hitRateLimits, unhitRateLimits } from "@/db/queries/rate-limits";
import { createUser, findUserByEmail } from "@/db/queries/users";
import { trustedProxies } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { peerAddressOf } from "@/lib/http/peer-address";
import { clientAddress, throttleKeyOf } from "./client-address";
import { credentialsSchema, type SignUpInput } from "./contract";
import { hashPassword, verifyPassword } from "./passwords";

/**
 * Sign-in throttling after OWASP's authentication guidance: slow the guesser, not the owner.
 * Within a 15-minute window:
 * - an account and address pair gets 5 failures;
 * - an address gets 50, across accounts (one host trying many accounts);
 * - once an account has 10 failures from anywhere, an address that has already failed twice for it
 *   is refused, while an address that has not been failing still gets in.
 * There is no ceiling per account alone: that would let anyone lock the owner out. Addresses are
 * counted by throttleKeyOf (an IPv6 /64 as one).
 */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT_AND_CLIENT = 5;
export const MAX_FAILURES_PER_CLIENT = 50;
export const ACCOUNT_UNDER_ATTACK_FAILURES = 10;
export const MAX_FAILURES_PER_CLIENT_WHILE_UNDER_ATTACK = 2;

/**
 * Checks an email and password. Unknown emails and wrong passwords answer the same (null) after
 * the same argon2 work. Every attempt is counted before the slow hash, in one statement that
 * returns the new counts, so guesses sent in parallel cannot all pass the check; a successful
 * sign-in takes its count back. The counts live in the database, so they hold across instances.
 */
export async function checkCredentials(
  db: Db,
  input: { email: string; password: string; clientAddress: string },
  now: Date,
): Promise<{ id: string; email: string | null; role: "admin" | "viewer"; displayName: string } | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const client = throttleKeyOf(input.clientAddress);
  const keys = { pair: `sign-in:pair:${client}:${email}`, client: `sign-in:client:${client}`, account: `sign-in:account:${email}` };
  const counts = await hitRateLimits(db, Object.values(keys), SIGN_IN_WINDOW_MS, now);
  // Counts include this attempt: the failures before it are one fewer.
  const pairBefore = counts.get(keys.pair)! - 1;
  const clientBefore = counts.get(keys.client)! - 1;
  const accountBefore = counts.get(keys.account)! - 1;
  if (
    pairBefore >= MAX_FAILURES_PER_ACCOUNT_AND_CLIENT ||
    clientBefore >= MAX_FAILURES_PER_CLIENT ||
    (accountBefore >= ACCOUNT_UNDER_ATTACK_FAILURES && pairBefore >= MAX_FAILURES_PER_CLIENT_WHILE_UNDER_ATTACK)
  ) {
    const retryAt = new Date((Math.floor(now.getTime() / SIGN_IN_WINDOW_MS) + 1) * SIGN_IN_WINDOW_MS);
    throw new AppError("rate_limited:sign_in", `Too many failed sign-in attempts. Try again after ${retryAt.toISOString().slice(11, 16)} UTC.`);
  }
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) return null;
  await unhitRateLimits(db, Object.values(keys), SIGN_IN_WINDOW_MS, now);
  return { id: user.id, email: user.email, role: user.role, displayName: user.displayName };
}

export const MAX_SIGN_UPS_PER_CLIENT = 20;

/** Self sign-up: always a viewer. */
export async function signUpViewer(db: Db, input: SignUpInput, clientAddress: string, now: Date) {
  const limit = await hitRateLimit(db, `sign-up:client:${throttleKeyOf(clientAddress)}`, 60 * 60_000, now);
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

/** The client's address for a request served through the pages/api adapter (lib/http/node-api-route.ts records the peer). */
export function clientAddressOf(request: Request): string {
  return clientAddress(peerAddressOf(request), request.headers.get("x-forwarded-for"), trustedProxies());
}
