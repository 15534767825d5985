import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

const globalForLog = globalThis as unknown as { marqueeLogger?: pino.Logger; marqueeRequestContext?: AsyncLocalStorage<{ requestId: string }> };

/**
 * Carries the request id through everything a request calls, so every log line can name it.
 * One per process (on globalThis): Next.js may load this module once per route bundle.
 */
export const requestContext = (globalForLog.marqueeRequestContext ??= new AsyncLocalStorage<{ requestId: string }>());

export const logger: pino.Logger =
  globalForLog.marqueeLogger ??
  (globalForLog.marqueeLogger = pino({
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
    base: { service: "marquee" },
    mixin() {
      const store = requestContext.getStore();
      return store ? { requestId: store.requestId } : {};
    },
    redact: { paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization"], censor: "[redacted]" },
  }));
