/**
 * Recommendation session ids are UUIDv7 (RFC 9562): the first 48 bits are the creation time in
 * Unix milliseconds, the rest random. The time in the id names the day partition its session is
 * logged in, so feedback finds its session by id without searching every day.
 */
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

// Random bytes drawn a few kilobytes at a time, as crypto.randomUUID pools them: each draw from the
// system's generator is a call into the kernel, and GET /recommend makes an id per answer.
const pool = { bytes: new Uint8Array(4096), used: 4096 };
function pooledRandom(bytes: Uint8Array) {
  if (pool.used + bytes.length > pool.bytes.length) {
    crypto.getRandomValues(pool.bytes);
    pool.used = 0;
  }
  bytes.set(pool.bytes.subarray(pool.used, pool.used + bytes.length));
  pool.used += bytes.length;
}

export function newSessionId(now: Date, fillRandom: (bytes: Uint8Array) => void = pooledRandom): string {
  const bytes = new Uint8Array(16);
  fillRandom(bytes);
  const ms = now.getTime();
  // 48-bit big-endian milliseconds: the high 16 bits, then the low 32.
  const high = Math.floor(ms / 2 ** 32);
  const low = ms >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** When a session was created, from its id; null for anything that is not a UUIDv7. */
export function sessionCreatedAt(sessionId: string): Date | null {
  if (!UUID_V7.test(sessionId)) return null;
  const hex = sessionId.slice(0, 8) + sessionId.slice(9, 13);
  return new Date(Number.parseInt(hex, 16));
}
