import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/token-service";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, type Caller } from "@/test/http";
import * as users from "../admin/users/route";
import * as user from "../admin/users/[id]/route";
import * as movies from "../movies/route";

/** Issue 13, item 5: a token acts with at most its owner's current rights. */
let t: TestDatabase;
let boss: Caller;
beforeAll(async () => {
  t = await createTestDatabase();
  boss = await sessionFor(t.db, "admin");
});
afterAll(() => t.destroy());

const bearer = (token: string): Caller => ({ userId: "?", headers: { authorization: `Bearer ${token}` } });

describe("a token whose owner is demoted", () => {
  it("stops working at once, whatever its scopes, and works again when the owner is an admin again", async () => {
    const owner = await sessionFor(t.db, "admin");
    const adminToken = bearer((await createApiToken(t.db, owner.userId, { name: "ops", scopes: ["admin"] })).token);
    const catalogToken = bearer((await createApiToken(t.db, owner.userId, { name: "importer", scopes: ["catalog:write"] })).token);
    // Used once before, so the token is in the cache when the role changes.
    expect((await call(users.GET, { as: adminToken })).status).toBe(200);
    expect((await call(movies.POST, { method: "POST", body: {}, as: catalogToken })).status).toBe(400);

    const demoted = await call(user.PATCH, { method: "PATCH", params: { id: owner.userId }, body: { role: "viewer" }, as: boss });
    expect(demoted.status).toBe(200);

    const refused = await call(users.GET, { as: adminToken });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden:token_owner");
    const catalog = await call(movies.POST, { method: "POST", body: { id: "m-1", title: "Heat", year: 1995 }, as: catalogToken });
    expect(catalog.status).toBe(403);
    expect(catalog.body.error.code).toBe("forbidden:token_owner");

    await call(user.PATCH, { method: "PATCH", params: { id: owner.userId }, body: { role: "admin" }, as: boss });
    expect((await call(users.GET, { as: adminToken })).status).toBe(200);
  });
});
