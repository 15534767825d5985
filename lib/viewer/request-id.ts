/**
 * A requestId for an event sent from the browser: a retry of the same send is then stored once.
 * Uses getRandomValues, which (unlike randomUUID) also exists on pages served over plain http.
 */
export function newRequestId(prefix: string, fill: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = fill(new Uint8Array(12));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
