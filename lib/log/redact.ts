/**
 * What may go into a log line. Logs are read by more people and kept longer than the database, so
 * nothing a caller trusted us with goes there (OWASP's logging guidance: no passwords, session
 * ids, tokens, personal data):
 * - database errors keep what explains them (SQLSTATE, constraint, table, column, the statement
 *   with its $n placeholders) and lose their bound parameters and the values in `detail`;
 * - a key that names a secret (password, token, secret, cookie, authorization, API key…) is
 *   blanked at any depth;
 * - in every string, emails, argon2 hashes, our `mq_` API tokens, JWTs (and next-auth's JWE
 *   cookies) and passwords in URLs are replaced.
 * The logger runs every log call through `redactForLog` (lib/log/logger.ts).
 */

export const REDACTED = "[redacted]";

const SECRET_KEY = /pass(word|wd|phrase)?|secret|authorization|cookie|api[-_]?key|credential|private[-_]?key|^token$|token[-_]?hash|access[-_]?token|refresh[-_]?token|session[-_]?token|^jwt$|^hash$/i;

const STRING_SCRUBBERS: [RegExp, string][] = [
  [/\$argon2(id|i|d)\$[A-Za-z0-9$=,.+/-]*/g, "[argon2 hash]"],
  [/\bmq_[A-Za-z0-9_-]{16,}/g, "[api token]"],
  // JWS (three parts) and JWE (five) compact forms all start with a base64url JSON header.
  [/\beyJ[A-Za-z0-9_-]{4,}(\.[A-Za-z0-9_-]*){2,4}/g, "[jwt]"],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s/@]*@/gi, `$1:${REDACTED}@`],
  [/[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/g, "[email]"],
];

export function scrubString(text: string): string {
  let out = text;
  for (const [pattern, replacement] of STRING_SCRUBBERS) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DEPTH = 8;

export function redactForLog(value: unknown): unknown {
  return redact(value, 0, new WeakSet());
}

function redact(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return scrubString(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  if (value instanceof Error || isDatabaseError(value)) return redactError(value as Error & Record<string, unknown>, depth, seen);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  if (value instanceof Date || value instanceof URL) return scrubString(String(value instanceof Date ? value.toISOString() : value));
  if (value instanceof Map) return redact(Object.fromEntries(value), depth, seen);
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) && v !== undefined && v !== null ? REDACTED : redact(v, depth + 1, seen);
  return out;
}

function isDatabaseError(value: object): boolean {
  return typeof (value as { code?: unknown }).code === "string" && typeof (value as { message?: unknown }).message === "string";
}

/**
 * An error as a plain object of the fields that explain it. Drizzle's DrizzleQueryError puts the
 * parameters in its message ("Failed query: … \nparams: …") and in `params`; PGlite's and
 * postgres.js's errors carry `params`/`parameters` and a `detail` that quotes the values
 * ("Key (email)=(ada@example.com) already exists.").
 */
function redactError(error: Error & Record<string, unknown>, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.constructor?.name ?? error.name ?? "Error", message: scrubString(String(error.message ?? "").replace(/\nparams: [\s\S]*$/, "")) };
  const pick = (name: string, ...keys: string[]) => {
    for (const key of keys) {
      const v = error[key];
      if (typeof v === "string" || typeof v === "number") {
        out[name] = typeof v === "string" ? scrubString(v) : v;
        return;
      }
    }
  };
  pick("code", "code");
  pick("severity", "severity");
  pick("schema", "schema", "schema_name");
  pick("table", "table", "table_name");
  pick("column", "column", "column_name");
  pick("constraint", "constraint", "constraint_name");
  pick("routine", "routine");
  pick("statement", "query");
  if (typeof error.detail === "string") out.detail = scrubString(error.detail.replace(/\)=\((.*?)\)( already| is not| conflicts)/g, `)=(${REDACTED})$2`).replace(/\)=\(.*\)/g, `)=(${REDACTED})`));
  if (typeof error.hint === "string") out.hint = scrubString(error.hint);
  // Our own AppError: its code and fields are words we wrote, not the caller's values.
  if (error.fields && typeof error.fields === "object") out.fields = redact(error.fields, depth + 1, seen);
  // The frames only: the stack's first lines repeat the message, parameters included.
  if (typeof error.stack === "string") out.stack = error.stack.split("\n").filter((line) => /^\s+at /.test(line)).join("\n");
  if (error.cause !== undefined) out.cause = redact(error.cause, depth + 1, seen);
  return out;
}
