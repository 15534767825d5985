import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, type Caller } from "@/test/http";
import { findUserByEmail } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/passwords";
import { checkCredentials, MAX_FAILURES_PER_ACCOUNT_AND_CLIENT, MAX_FAILURES_PER_CLIENT, MAX_SIGN_UPS_PER_CLIENT } from "@/lib/auth/sign-in";
import { serveNode } from "@/test/node-server";
import { ensureAdmin } from "@/lib/auth/bootstrap-admin";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { createUser } from "@/db/queries/users";
import * as signup from "@/pages/api/v1/auth/signup";
import * as tokens from "../admin/tokens/route";
import * as token from "../admin/tokens/[id]/route";
import * as users from "../admin/users/route";
import * as user from "../admin/users/[id]/route";
import * as metricsRoute from "../../metrics/route";

let t: TestDatabase;
let admin: Caller;
beforeAll(async () => {
  t = await createTestDatabase();
  admin = await sessionFor(t.db, "admin");
});
afterAll(() => t.destroy());

const now = new Date("2026-11-21T10:00:00Z");

describe("sign-in", () => {
  beforeAll(async () => {
    await createUser(t.db, { id: "target", email: "target@example.com", passwordHash: await hashPassword("anything"), role: "viewer", displayName: "T" });
    await createUser(t.db, { id: "ana", email: "ana@example.com", passwordHash: await hashPassword("correct horse"), role: "viewer", displayName: "Ana" });
  });

  it("accepts the right password, whatever the email's case", async () => {
    const found = await checkCredentials(t.db, { email: "ANA@example.com", password: "correct horse", clientAddress: "1.1.1.1" }, now);
    expect(found).toMatchObject({ id: "ana", role: "viewer" });
    expect(found).not.toHaveProperty("passwordHash");
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const wrongPassword = await checkCredentials(t.db, { email: "ana@example.com", password: "wrong", clientAddress: "1.1.1.2" }, now);
    const unknownEmail = await checkCredentials(t.db, { email: "nobody@example.com", password: "wrong", clientAddress: "1.1.1.2" }, now);
    expect(wrongPassword).toBeNull();
    expect(unknownEmail).toBeNull();
  });

  it("does not count successful sign-ins against the limit", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_CLIENT + 5; i++) {
      expect(await checkCredentials(t.db, { email: "ana@example.com", password: "correct horse", clientAddress: "1.1.1.9" }, now)).not.toBeNull();
    }
  });

  it("stops an address after five failures for an account, even with the right password, while another address gets in", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_CLIENT; i++) {
      expect(await checkCredentials(t.db, { email: "target@example.com", password: `guess-${i}`, clientAddress: "10.0.0.1" }, now)).toBeNull();
    }
    await expect(checkCredentials(t.db, { email: "target@example.com", password: "anything", clientAddress: "10.0.0.1" }, now)).rejects.toMatchObject({ code: "rate_limited:sign_in" });
    expect(await checkCredentials(t.db, { email: "target@example.com", password: "anything", clientAddress: "10.0.9.9" }, now)).toMatchObject({ id: "target" });
    // A new window starts fresh.
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(await checkCredentials(t.db, { email: "target@example.com", password: "anything", clientAddress: "10.0.0.1" }, later)).toMatchObject({ id: "target" });
  });

  it("lets the owner in from an address that has not been failing after eleven wrong passwords from others", async () => {
    await createUser(t.db, { id: "boss", email: "boss@example.com", passwordHash: await hashPassword("the real one"), role: "admin", displayName: "Boss" });
    for (let i = 0; i < 11; i++) {
      expect(await checkCredentials(t.db, { email: "boss@example.com", password: `guess-${i}`, clientAddress: `198.51.100.${i}` }, now)).toBeNull();
    }
    expect(await checkCredentials(t.db, { email: "boss@example.com", password: "the real one", clientAddress: "203.0.113.50" }, now)).toMatchObject({ id: "boss" });
    // Under attack, an address that has already failed twice for the account is stopped early.
    for (let i = 0; i < 2; i++) await checkCredentials(t.db, { email: "boss@example.com", password: `again-${i}`, clientAddress: "198.51.100.200" }, now);
    await expect(checkCredentials(t.db, { email: "boss@example.com", password: "the real one", clientAddress: "198.51.100.200" }, now)).rejects.toMatchObject({ code: "rate_limited:sign_in" });
  });

  it("counts guesses sent in parallel before the slow hash, so no more than five get through", async () => {
    await createUser(t.db, { id: "para", email: "para@example.com", passwordHash: await hashPassword("secret pass"), role: "viewer", displayName: "P" });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => checkCredentials(t.db, { email: "para@example.com", password: `guess-${i}`, clientAddress: "192.0.2.77" }, now)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(MAX_FAILURES_PER_ACCOUNT_AND_CLIENT);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(12 - MAX_FAILURES_PER_ACCOUNT_AND_CLIENT).fill("rate_limited:sign_in"));
  });

  it("stops an address that fails fifty times across accounts", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i++) {
      await checkCredentials(t.db, { email: `spray-${i}@example.com`, password: "Summer2026!", clientAddress: "192.0.2.200" }, now);
    }
    await expect(checkCredentials(t.db, { email: "ana@example.com", password: "correct horse", clientAddress: "192.0.2.200" }, now)).rejects.toMatchObject({ code: "rate_limited:sign_in" });
  });

  it("counts an IPv6 /64 as one address", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_CLIENT; i++) {
      await checkCredentials(t.db, { email: "ana@example.com", password: `guess-${i}`, clientAddress: `2001:db8:aa:bb::${i + 1}` }, now);
    }
    await expect(checkCredentials(t.db, { email: "ana@example.com", password: "correct horse", clientAddress: "2001:db8:aa:bb:ffff::9" }, now)).rejects.toMatchObject({ code: "rate_limited:sign_in" });
    expect(await checkCredentials(t.db, { email: "ana@example.com", password: "correct horse", clientAddress: "2001:db8:aa:bc::1" }, now)).toMatchObject({ id: "ana" });
  });
});

describe("the address sign-up and sign-in are counted by", () => {
  it("ignores a forged X-Forwarded-For when no proxy is trusted (over real HTTP)", async () => {
    const server = await serveNode(signup.default);
    try {
      const statuses: number[] = [];
      for (let i = 0; i <= MAX_SIGN_UPS_PER_CLIENT; i++) {
        const res = await fetch(`${server.origin}/api/v1/auth/signup`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": `203.0.113.${i}` },
          body: JSON.stringify({ email: `forged-${i}@example.com`, password: "popcorn-2026", displayName: `F${i}` }),
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, MAX_SIGN_UPS_PER_CLIENT)).toEqual(Array(MAX_SIGN_UPS_PER_CLIENT).fill(201));
      expect(statuses.at(-1)).toBe(429);
      expect(await findUserByEmail(t.db, `forged-${MAX_SIGN_UPS_PER_CLIENT}@example.com`)).toBeNull();
    } finally {
      await server.close();
    }
  });
});

describe("next-auth's redirects", () => {
  it("stay on our site (issue 13, item 10)", async () => {
    const redirect = (await getAuthOptions()).callbacks!.redirect!;
    expect(await redirect({ url: "/\\example.com", baseUrl: "http://localhost:3000" })).toBe("http://localhost:3000/");
    expect(await redirect({ url: "https://example.com/x", baseUrl: "http://localhost:3000" })).toBe("http://localhost:3000/");
    expect(await redirect({ url: "http://localhost:3000/admin?x=1", baseUrl: "http://localhost:3000" })).toBe("http://localhost:3000/admin?x=1");
    expect(await redirect({ url: "/movies/296", baseUrl: "http://localhost:3000" })).toBe("http://localhost:3000/movies/296");
  });
});

describe("sign-up", () => {
  it("creates a viewer with an argon2 hash and returns no secret", async () => {
    const res = await call(signup.POST, { method: "POST", body: { email: "New@Example.com", password: "popcorn-2026", displayName: "New" } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), email: "new@example.com", displayName: "New", role: "viewer" });
    expect((await findUserByEmail(t.db, "new@example.com"))?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a taken email (409 naming email), a short password and a self-chosen role", async () => {
    const taken = await call(signup.POST, { method: "POST", body: { email: "new@example.com", password: "popcorn-2026", displayName: "Again" } });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields).toEqual({ email: "Already registered" });
    const short = await call(signup.POST, { method: "POST", body: { email: "s@example.com", password: "short", displayName: "S" } });
    expect(short.status).toBe(400);
    expect(short.body.error.fields).toHaveProperty("password");
    const role = await call(signup.POST, { method: "POST", body: { email: "r@example.com", password: "popcorn-2026", displayName: "R", role: "admin" } });
    expect(role.status).toBe(400);
    expect(role.body.error.fields).toHaveProperty("role");
    expect(await findUserByEmail(t.db, "r@example.com")).toBeNull();
  });
});

describe("API tokens", () => {
  it("shows the secret once, lists without it, works as a bearer token, and stops working when revoked", async () => {
    const created = await call(tokens.POST, { method: "POST", body: { name: "simulator", scopes: ["admin"] }, as: admin });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^mq_[A-Za-z0-9_-]{43}$/);

    const list = await call(tokens.GET, { as: admin });
    const listed = list.body.items.find((x: { id: string }) => x.id === created.body.id);
    expect(listed).toMatchObject({ name: "simulator", scopes: ["admin"], prefix: created.body.token.slice(0, 10) });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(JSON.stringify(list.body)).not.toMatch(/tokenHash|token_hash/);

    const bearer = { headers: { authorization: `Bearer ${created.body.token}` } };
    expect((await call(metricsRoute.GET, bearer)).status).toBe(200);
    expect((await call(token.DELETE, { method: "DELETE", params: { id: created.body.id }, as: admin })).status).toBe(200);
    const afterRevoke = await call(metricsRoute.GET, bearer);
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body.error.code).toBe("unauthorized:token");
  });

  it("rejects unknown scopes naming the field", async () => {
    const res = await call(tokens.POST, { method: "POST", body: { name: "x", scopes: ["root"] }, as: admin });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(["scopes.0"]);
  });
});

describe("roles", () => {
  it("a demoted admin loses admin access on the next request", async () => {
    const other = await sessionFor(t.db, "admin");
    expect((await call(users.GET, { as: other })).status).toBe(200);
    const demoted = await call(user.PATCH, { method: "PATCH", params: { id: other.userId }, body: { role: "viewer" }, as: admin });
    expect(demoted.body.role).toBe("viewer");
    expect((await call(users.GET, { as: other })).status).toBe(403);
  });

  it("never demotes the last admin", async () => {
    const admins = await call(users.GET, { path: "/api/v1/admin/users?role=admin", as: admin });
    for (const a of admins.body.items.filter((x: { id: string }) => x.id !== admin.userId)) {
      await call(user.PATCH, { method: "PATCH", params: { id: a.id }, body: { role: "viewer" }, as: admin });
    }
    const res = await call(user.PATCH, { method: "PATCH", params: { id: admin.userId }, body: { role: "viewer" }, as: admin });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict:last_admin");
  });

  it("the user list never carries password hashes", async () => {
    const res = await call(users.GET, { as: admin });
    expect(res.body.total).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
  });
});

describe("first admin", () => {
  it("is generated once when none is configured, and taken from ADMIN_EMAIL/ADMIN_PASSWORD when it is", async () => {
    const fresh = await createTestDatabase({ serveRoutes: false });
    try {
      const first = await ensureAdmin(fresh.db, {}, () => "generated-password-1");
      expect(first).toEqual({ kind: "generated", email: "admin@marquee.local", password: "generated-password-1" });
      expect(await ensureAdmin(fresh.db, {})).toEqual({ kind: "existing", email: "admin@marquee.local" });
      expect(await checkCredentials(fresh.db, { email: "admin@marquee.local", password: "generated-password-1", clientAddress: "x" }, now)).toMatchObject({ role: "admin" });

      await ensureAdmin(fresh.db, { email: "boss@example.com", password: "configured-pass" });
      expect(await checkCredentials(fresh.db, { email: "boss@example.com", password: "configured-pass", clientAddress: "x" }, now)).toMatchObject({ role: "admin" });
    } finally {
      await fresh.destroy();
    }
  });
});
