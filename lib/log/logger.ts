import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { redactForLog } from "./redact";

const globalForLog = globalThis as unknown as { marqueeLogger?: pino.Logger; marqueeRequestContext?: AsyncLocalStorage<{ requestId: string }> };

/**
 * Carries the request id through everything a request calls, so every log line can name it.
 * One per process (on globalThis): Next.js may load this module once per route bundle.
 */
export const requestContext = (globalForLog.marqueeRequestContext ??= new AsyncLocalStorage<{ requestId: string }>());

/**
 * The app's logger, writing JSON lines to `destination` (stdout by default). Every log call goes
 * through the redactor (./redact.ts): its object, and its message and format arguments.
 */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): pino.Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
      base: { service: "marquee" },
      mixin() {
        const store = requestContext.getStore();
        return store ? { requestId: store.requestId } : {};
      },
      // The redactor has already made errors plain objects of their safe fields; pino's own error
      // serializer would fold the causes' messages back into one string.
      serializers: { err: (err: unknown) => err },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => redactForLog(arg)) as Parameters<pino.LogFn>);
        },
      },
    },
    options.destination,
  );
}

export const logger: pino.Logger = globalForLog.marqueeLogger ?? (globalForLog.marqueeLogger = createLogger());
