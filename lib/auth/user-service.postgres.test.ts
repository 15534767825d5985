import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countAdmins, createUser, listUsers, setUserRole } from "@/db/queries/users";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { changeUserRole } from "./user-service";

/** Issue 13, item 15: two admins demoting each other at once must leave one admin (needs two connections). */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

async function onlyTheseAdmins(ids: string[]) {
  const { items } = await listUsers(t.db, { role: "admin", limit: 200, offset: 0 });
  for (const user of items) await setUserRole(t.db, user.id, "viewer");
  for (const id of ids) await createUser(t.db, { id, email: `${id}@example.com`, role: "admin", displayName: id });
}

describe("demoting admins concurrently", () => {
  it("never leaves the app without an admin", async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = [`admin-a-${round}`, `admin-b-${round}`];
      await onlyTheseAdmins([a, b]);
      const results = await Promise.allSettled([changeUserRole(t.db, a, "viewer"), changeUserRole(t.db, b, "viewer")]);
      expect(await countAdmins(t.db), `admins after round ${round}`).toBe(1);
      expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["conflict:last_admin"]);
    }
  });
});
