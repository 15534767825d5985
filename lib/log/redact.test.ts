import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/passwords";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createLogger } from "./logger";

/** Issue 13, item 14: what the app's logger writes, read back as the JSON lines an operator sees. */
function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { log: createLogger({ level: "info", destination }), lines, last: () => JSON.parse(lines.at(-1)!) };
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

describe("log lines", () => {
  it("keep what explains a failed insert and lose the values it carried", async () => {
    const passwordHash = await hashPassword("correct horse battery");
    await createUser(t.db, { id: "ada-1", email: "ada.lovelace@example.com", passwordHash, role: "viewer", displayName: "Ada" });
    const error = await createUser(t.db, { id: "ada-2", email: "ada.lovelace@example.com", passwordHash, role: "viewer", displayName: "Ada" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);

    const { log, lines, last } = capturingLogger();
    log.error({ err: error, route: "/api/v1/auth/signup", method: "POST" }, "unexpected error");
    const text = lines.join("\n");
    expect(text).not.toContain("ada.lovelace@example.com");
    expect(text).not.toContain(passwordHash);
    expect(text).not.toContain("$argon2id$");
    expect(text).not.toContain("ada-2");

    const { err } = last();
    expect(err.message).toContain('insert into "users"');
    expect(err.statement ?? err.cause.statement ?? err.message).toContain("$2");
    const cause = err.cause;
    expect(cause).toMatchObject({ code: "23505", constraint: "users_email_unique", table: "users" });
    expect(cause.detail).toContain("[redacted]");
    expect(last()).toMatchObject({ msg: "unexpected error", route: "/api/v1/auth/signup", level: 50 });
  });

  it("blank secret keys at any depth", () => {
    const { log, lines, last } = capturingLogger();
    log.info({ request: { headers: { Authorization: "Bearer abc", cookie: "next-auth.session-token=xyz" }, body: { users: [{ password: "hunter2", apiKey: "k-123", TMDB_API_KEY: "tmdb-9", tokenHash: "f00" }] } } }, "request");
    const text = lines.join("\n");
    for (const secret of ["Bearer abc", "xyz", "hunter2", "k-123", "tmdb-9", "f00"]) expect(text).not.toContain(secret);
    expect(last().request.body.users[0].password).toBe("[redacted]");
  });

  it("take emails, hashes, API tokens, JWTs and URL passwords out of any string", () => {
    const { log, lines } = capturingLogger();
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJlLWhlcmU";
    const token = "mq_Zk3v9Qp2Lx8Rt5Wn1Ys7Hd4Jb6Gc0Fa2Em9Ku3Ti8Ro";
    log.warn(`sign-in for bob@example.org with ${token} and ${jwt} via postgres://marquee:s3cret-pw@db:5432/marquee`);
    log.info({ note: "hash $argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g" }, "stored");
    const text = lines.join("\n");
    for (const secret of ["bob@example.org", token, jwt, "s3cret-pw", "aGFzaGhhc2g"]) expect(text).not.toContain(secret);
    expect(text).toContain("postgres://marquee:[redacted]@db:5432/marquee");
  });
});
