import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** Whether git would leave the path out of a commit, by the repository's .gitignore. */
function ignored(file: string): boolean {
  try {
    execFileSync("git", ["check-ignore", "--no-index", "-q", file], { cwd: root });
    return true;
  } catch {
    return false;
  }
}

describe(".gitignore", () => {
  it("keeps every .env file with secrets out of git, but not the example", () => {
    for (const file of [".env", ".env.local", ".env.production", ".env.development.local"]) expect(ignored(file), file).toBe(true);
    expect(ignored(".env.example")).toBe(false);
  });
});
