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

/**
 * A Response whose body is held as text: text(), json() and arrayBuffer() answer from it, and its
 * web stream (`body`, what Next.js's App Router pipes out) is made only when something asks for it.
 * The pages/api adapter sends the text as it is, so on the hottest routes no stream is ever made.
 */
class HeldBodyResponse extends Response {
  readonly held: string;
  #full: Response | undefined;

  constructor(held: string, init: ResponseInit) {
    super(null, init);
    this.held = held;
  }

  private full(): Response {
    return (this.#full ??= new Response(this.held, { status: this.status, statusText: this.statusText, headers: this.headers }));
  }

  override get body() {
    return this.full().body;
  }
  override get bodyUsed() {
    return this.#full?.bodyUsed ?? false;
  }
  override text() {
    return Promise.resolve(this.held);
  }
  override json() {
    return Promise.resolve().then(() => JSON.parse(this.held) as unknown);
  }
  override arrayBuffer() {
    const bytes = Buffer.from(this.held);
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
  override blob() {
    return this.full().blob();
  }
  override formData() {
    return this.full().formData();
  }
  override clone(): Response {
    return new HeldBodyResponse(this.held, { status: this.status, statusText: this.statusText, headers: new Headers(this.headers) });
  }
}

/** A JSON response (as Response.json makes) whose text stays readable without its stream. */
export function jsonHolding(value: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return new HeldBodyResponse(JSON.stringify(value), { ...init, headers });
}

/** The body held for this request or response, if it was made here. */
export function heldBodyOf(message: Request | Response): Buffer | string | undefined {
  return message instanceof HeldBodyRequest ? message.held : message instanceof HeldBodyResponse ? message.held : undefined;
}
