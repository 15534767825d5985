import "server-only";
/**
 * Bodies we already hold whole, kept with the Request or Response that carries them, so that our
 * own code on both ends (readJson, and the pages/api adapter in ./node-api-route.ts) takes the
 * bytes as they are instead of through a web ReadableStream.
 *
 * Why: a body read back through its stream costs a stream, a transferable wrapper and an
 * AbortSignal, and their garbage, on every request; a CPU profile of the event routes showed it
 * (docs/performance.md).
 */

/**
 * A Request whose body is held as bytes: text(), json() and arrayBuffer() answer from them, and
 * anything else (body, formData(), clone()...) gets a full Request made on first use.
 */
class HeldBodyRequest extends Request {
  held: Buffer;
  #full: Request | undefined;

  constructor(url: URL, init: { method: string; headers: Headers }, held: Buffer) {
    super(url, init);
    this.held = held;
  }

  private full(): Request {
    return (this.#full ??= new Request(this.url, { method: this.method, headers: this.headers, body: new Uint8Array(this.held) }));
  }

  override get body() {
    return this.full().body;
  }
  override get bodyUsed() {
    return this.#full?.bodyUsed ?? false;
  }
  override text() {
    return Promise.resolve(this.held.toString());
  }
  override json() {
    return Promise.resolve().then(() => JSON.parse(this.held.toString()) as unknown);
  }
  override arrayBuffer() {
    return Promise.resolve(this.held.buffer.slice(this.held.byteOffset, this.held.byteOffset + this.held.byteLength) as ArrayBuffer);
  }
  override blob() {
    return this.full().blob();
  }
  override formData() {
    return this.full().formData();
  }
  override clone() {
    return this.full().clone();
  }
}

/** Gives a Request made by requestHolding its body, read after the request was made (and authenticated). */
export function holdBody(request: Request, body: Buffer) {
  if (request instanceof HeldBodyRequest) request.held = body;
}

export function requestHolding(url: URL, init: { method: string; headers: Headers }, body: Buffer | null): Request {
  return body ? new HeldBodyRequest(url, init, body) : new Request(url, init);
}

const heldResponses = new WeakMap<Response, string>();

/** A JSON response (as Response.json makes) whose text stays readable without its stream. */
export function jsonHolding(value: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(value);
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  const response = new Response(text, { ...init, headers });
  heldResponses.set(response, text);
  return response;
}

/** The body held for this request or response, if it was made here. */
export function heldBodyOf(message: Request | Response): Buffer | string | undefined {
  return message instanceof HeldBodyRequest ? message.held : message instanceof Response ? heldResponses.get(message) : undefined;
}
