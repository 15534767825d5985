import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, throttleKeyOf } from "./client-address";

describe("the client's address", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.1, 10.1.0.0/16, fd00::/8");

  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", "1.2.3.4", none)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", "1.2.3.4", proxies)).toBe("203.0.113.9"); // the peer is not our proxy
    expect(clientAddress(undefined, "1.2.3.4", none)).toBe("unknown");
  });

  it("behind trusted proxies is the right-most forwarded address that is not one of them", () => {
    expect(clientAddress("10.0.0.1", "198.51.100.7", proxies)).toBe("198.51.100.7");
    // The client wrote "6.6.6.6" itself; our proxies appended the real one and each other.
    expect(clientAddress("10.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3", proxies)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.1", "garbage, 10.1.2.3", proxies)).toBe("10.1.2.3");
    expect(clientAddress("fd00::1", "2001:db8::1", proxies)).toBe("2001:db8::1");
  });

  it("counts IPv6 per /64 and IPv4 per address", () => {
    expect(throttleKeyOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(throttleKeyOf("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe(throttleKeyOf("2001:db8:1:2::7"));
    expect(throttleKeyOf("2001:db8:1:3::7")).not.toBe(throttleKeyOf("2001:db8:1:2::7"));
    expect(throttleKeyOf("198.51.100.7")).toBe("198.51.100.7");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address or a range", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow("10.0.0.0/33");
    expect(() => parseTrustedProxies("proxy.internal")).toThrow("proxy.internal");
    expect(parseTrustedProxies("").has("10.0.0.1")).toBe(false);
  });
});
