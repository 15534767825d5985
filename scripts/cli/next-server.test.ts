import { describe, expect, it } from "vitest";
import { serverNodeOptions } from "./next-server";

describe("the production server's NODE_OPTIONS", () => {
  it("gives V8 a pool of half the cores, between 1 and V8's default of 4", () => {
    expect(serverNodeOptions(undefined, 1)).toBe("--v8-pool-size=1");
    expect(serverNodeOptions(undefined, 2)).toBe("--v8-pool-size=1");
    expect(serverNodeOptions("", 4)).toBe("--v8-pool-size=2");
    expect(serverNodeOptions(undefined, 16)).toBe("--v8-pool-size=4");
  });

  it("keeps what the caller set, and a pool size they chose", () => {
    expect(serverNodeOptions("--max-old-space-size=512", 2)).toBe("--max-old-space-size=512 --v8-pool-size=1");
    expect(serverNodeOptions("--v8-pool-size=3 --enable-source-maps", 2)).toBe("--v8-pool-size=3 --enable-source-maps");
    expect(serverNodeOptions("--enable-source-maps --v8-pool-size 2", 8)).toBe("--enable-source-maps --v8-pool-size 2");
  });
});
