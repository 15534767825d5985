import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/** The layering rules, run through the project's own ESLint configuration on small fixtures. */
const root = path.resolve(import.meta.dirname, "..");
const eslint = new ESLint({ cwd: root });

async function problemsOf(relativePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, relativePath) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "marquee/no-server-module-in-client").map((m) => m.message);
}

const queryOutsideDb = 'import { sql } from "drizzle-orm";\n\nexport const one = sql`select 1`;\n';
const clientImportingServer = '"use client";\n\nimport { getDb } from "@/db";\n\nexport function Widget() {\n  void getDb;\n  return null;\n}\n';

describe("the layering lint rules", () => {
  it("refuse drizzle-orm outside db/, naming the folder where queries belong", async () => {
    expect(await problemsOf("lib/catalog/fixture-query.ts", queryOutsideDb)).toEqual([expect.stringContaining("Build queries in db/queries/<domain>.ts")]);
    expect(await problemsOf("app/api/v1/fixture/route.ts", 'import { eq } from "drizzle-orm/sql";\n\nexport const e = eq;\n')).toHaveLength(1);
  });

  it("allow drizzle-orm under db/", async () => {
    expect(await problemsOf("db/queries/fixture-query.ts", queryOutsideDb)).toEqual([]);
  });

  it("refuse a client component importing a server-only module, and say what it may import", async () => {
    expect(await problemsOf("components/fixture-widget.tsx", clientImportingServer)).toEqual([expect.stringMatching(/'@\/db' is server-only.*lib\/<domain>\/contract\.ts/)]);
    const relative = '"use client";\n\nimport { listMovies } from "../db/queries/movies";\n\nexport const x = listMovies;\n';
    expect(await problemsOf("components/fixture-widget.tsx", relative)).toHaveLength(1);
  });

  it("allow a client component to import contracts, pure modules and types from the server", async () => {
    const fine = '"use client";\n\nimport type { Db } from "@/db";\nimport { Movie } from "@/lib/catalog/contract";\nimport { dayLabel } from "@/lib/showtimes/zoned-time";\n\nexport const parts = [Movie, dayLabel] as const;\nexport type Handle = Db;\n';
    expect(await problemsOf("components/fixture-widget.tsx", fine)).toEqual([]);
  });

  it("leave server components free to import server modules", async () => {
    expect(await problemsOf("app/fixture/page.tsx", clientImportingServer.replace('"use client";\n\n', ""))).toEqual([]);
  });
});
