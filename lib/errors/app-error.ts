import { z } from "zod";

/**
 * The one error type of the application. The code's first part decides the HTTP status;
 * the second part says what in particular went wrong ("not_found:movie", "forbidden:admin").
 */
const statusByKind = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  unprocessable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorKind = keyof typeof statusByKind;
export type ErrorCode = ErrorKind | `${ErrorKind}:${string}`;
/** Field path (dotted, e.g. "metadata.rating") → what is wrong with it. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly headers?: Record<string, string>;
  /** When to try again (a 503 or 429): sent as the Retry-After header and in the body. */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options: { fields?: FieldErrors; cause?: unknown; headers?: Record<string, string>; retryAfterSeconds?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.headers = options.retryAfterSeconds === undefined ? options.headers : { ...options.headers, "retry-after": String(options.retryAfterSeconds) };
  }

  get status(): number {
    return statusByKind[this.code.split(":")[0] as ErrorKind];
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
        ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
      },
    };
  }

  toResponse(): Response {
    return Response.json(this.toJSON(), { status: this.status, headers: this.headers });
  }

  static fromZod(error: z.ZodError, prefix?: string): AppError {
    const fields = zodFieldErrors(error, prefix);
    const names = Object.keys(fields);
    const message = names.length === 1 ? `Invalid ${names[0]}: ${fields[names[0]!]}` : `Invalid fields: ${names.join(", ")}`;
    return new AppError("bad_request:validation", message, { fields });
  }
}

export function zodFieldErrors(error: z.ZodError, prefix?: string): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    const key = path || "body";
    // Unknown keys come as one issue on the parent object; name each key instead.
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) fields[[path, k].filter(Boolean).join(".")] ??= "Unknown field";
      continue;
    }
    fields[key] ??= issue.message;
  }
  return fields;
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
