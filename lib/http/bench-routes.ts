import { AppError } from "@/lib/errors/app-error";

/**
 * The benchmark baselines (/api/v1/bench/*) are not part of the API: they answer only in a server
 * the benches started, with MARQUEE_BENCH=1, and are 404 everywhere else. Read at each request,
 * so a test can switch them on and off.
 */
export function benchRoutesEnabled(): boolean {
  return process.env.MARQUEE_BENCH === "1";
}

export function benchRouteNotFound(): Response {
  return new AppError("not_found:route", "No such route").toResponse();
}
