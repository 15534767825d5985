import { describe, expect, it } from "vitest";
import { newSessionId, sessionCreatedAt } from "./session-id";

describe("recommendation session ids", () => {
  it("are UUIDv7 whose time is the moment they were made, to the millisecond", () => {
    const now = new Date("2031-01-05T20:40:00.123Z");
    const id = newSessionId(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sessionCreatedAt(id)?.toISOString()).toBe("2031-01-05T20:40:00.123Z");
  });

  it("write the time big-endian, as RFC 9562's example does", () => {
    // RFC 9562 appendix A.6: 2022-02-22 14:22:22.00 UTC-05:00 is 0x017F22E279B0 milliseconds.
    const id = newSessionId(new Date(0x017f22e279b0), (bytes) => bytes.fill(0));
    expect(id).toBe("017f22e2-79b0-7000-8000-000000000000");
  });

  it("differ when made in the same millisecond", () => {
    const now = new Date();
    expect(newSessionId(now)).not.toBe(newSessionId(now));
  });

  it("give no time for ids that are not UUIDv7", () => {
    expect(sessionCreatedAt("0b9e2f4c-7d1a-4e55-9c3b-5a8f1e2d6c70")).toBeNull();
    expect(sessionCreatedAt("not-a-uuid")).toBeNull();
  });
});
