import { BlockList, isIP, isIPv4 } from "node:net";

/**
 * Who is on the other end of a request, for throttling sign-in and sign-up.
 *
 * The socket's peer is the only address nobody can forge. `X-Forwarded-For` is anyone's to write,
 * so it is believed only when the peer is one of our own proxies (TRUSTED_PROXIES: addresses and
 * CIDR ranges, none by default), and then read from the right: each trusted proxy appends the
 * address it received from, so the first entry from the right that is not a trusted proxy is the
 * client (the entries left of it are the client's to invent). This is how nginx's real_ip module
 * with `real_ip_recursive on` and Express's `trust proxy` with a list read it.
 */
export interface TrustedProxies {
  has(address: string): boolean;
}

const NONE: TrustedProxies = { has: () => false };

/** Parses TRUSTED_PROXIES ("10.0.0.1, 10.1.0.0/16, fd00::/8"); throws naming a bad entry. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const entries = (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (!entries.length) return NONE;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = family === 4 ? 32 : 128;
    if (!family || extra !== undefined || (bits !== undefined && (!Number.isInteger(bits) || bits < 0 || bits > max || !/^\d+$/.test(prefix!)))) {
      throw new Error(`'${entry}' is not an IP address or a CIDR range`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, bits, type);
  }
  return { has: (candidate) => isIP(candidate) !== 0 && list.check(candidate, isIPv4(candidate) ? "ipv4" : "ipv6") };
}

/** The client's address: the peer, or behind trusted proxies the right-most untrusted forwarded one. */
export function clientAddress(peer: string | undefined, forwardedFor: string | null | undefined, trusted: TrustedProxies): string {
  let client = normalize(peer);
  if (!client) return "unknown";
  if (!forwardedFor || !trusted.has(client)) return client;
  const hops = forwardedFor.split(",").map((s) => normalize(s.trim()));
  for (let i = hops.length - 1; i >= 0 && trusted.has(client); i--) {
    const hop = hops[i];
    if (!hop) break; // garbage in the header: stop at the last address we could vouch for
    client = hop;
  }
  return client;
}

/**
 * The key an address is counted under: an IPv4 address as it is, an IPv6 address by its /64
 * (one subscriber or host is usually given a whole /64, so counting single addresses would let it
 * take 2^64 fresh ones).
 */
export function throttleKeyOf(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

function normalize(address: string | undefined): string | undefined {
  if (!address) return undefined;
  let a = address.trim();
  if (a.startsWith("[") && a.includes("]")) a = a.slice(1, a.indexOf("]")); // "[::1]:443"
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.indexOf(":")); // "1.2.3.4:5678"
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1]!;
  return isIP(a) ? a.toLowerCase() : undefined;
}

function expandIPv6(address: string): string[] {
  let a = address.split("%")[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4) {
    const [p, q, r, s] = v4[1]!.split(".").map(Number);
    a = a.slice(0, -v4[1]!.length) + `${((p! << 8) | q!).toString(16)}:${((r! << 8) | s!).toString(16)}`;
  }
  const [head, tail] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined ? left : [...left, ...Array(missing).fill("0"), ...right];
  return groups.map((g) => parseInt(g || "0", 16).toString(16));
}
