import { describe, expect, it } from "vitest";
import { openDatabase, serverUrlOf, unixSocketOf } from "./client";

describe("a Postgres server on its Unix socket", () => {
  it("reads the socket's folder from libpq's host parameter, with or without a host name in the URL", () => {
    expect(unixSocketOf("postgres://marquee@/app?host=/var/run/postgresql")).toEqual({ url: "postgres://marquee@localhost/app", socketDir: "/var/run/postgresql" });
    expect(unixSocketOf("postgresql://u:p%40ss@localhost:5433/app?host=%2Ftmp&sslmode=disable")).toEqual({ url: "postgresql://u:p%40ss@localhost:5433/app?sslmode=disable", socketDir: "/tmp" });
  });

  it("leaves a TCP address as it is", () => {
    expect(unixSocketOf("postgres://postgres@127.0.0.1:5432/test")).toEqual({ url: "postgres://postgres@127.0.0.1:5432/test", socketDir: null });
    expect(unixSocketOf("postgres://postgres@db.internal/test?host=db.internal")).toMatchObject({ socketDir: null });
  });

  it("hands pg-boss and the worker thread a URL that names the same socket", async () => {
    // postgres.js connects on the first query, so no server is needed to read the options back.
    const handle = await openDatabase({ url: "postgres://marquee:secret@/app?host=/var/run/postgresql" });
    try {
      expect(handle.location).toBe("/var/run/postgresql:5432/app");
      const again = serverUrlOf(handle);
      expect(again).toBe("postgres://marquee:secret@localhost:5432/app?host=%2Fvar%2Frun%2Fpostgresql");
      expect(unixSocketOf(again).socketDir).toBe("/var/run/postgresql");
    } finally {
      await handle.close();
    }
  });
});
