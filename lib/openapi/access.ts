import { tokenScopes, type TokenScope } from "@/lib/auth/contract";
import type { OperationSpec } from "./operation-spec";

/**
 * Who may call an operation, worked out from its entry in lib/<domain>/operations.ts: the one
 * place the reference page's access table and the authorization matrix test
 * (app/api/v1/__tests__/authorization.test.ts) both read.
 */

/** "yes": allowed; "own": a viewer for their own data only; "no": refused (401 or 403). */
export type AccessCell = "yes" | "own" | "no";

export interface AccessRow {
  anyone: AccessCell;
  viewer: AccessCell;
  /** A token with only this scope (its owner an admin). */
  scopes: Record<TokenScope, AccessCell>;
  /** An admin signed in (an `admin` token is the scope column of that name). */
  admin: AccessCell;
}

export function accessRowOf(op: Pick<OperationSpec, "auth" | "tokenScopes" | "self">): AccessRow {
  const scopes = Object.fromEntries(tokenScopes.map((scope) => [scope, scopeCell(op, scope)])) as Record<TokenScope, AccessCell>;
  if (op.auth === "public") return { anyone: "yes", viewer: "yes", scopes, admin: "yes" };
  const viewer: AccessCell = op.auth === "signed-in" ? (op.self ? "own" : "yes") : "no";
  return { anyone: "no", viewer, scopes, admin: "yes" };
}

function scopeCell(op: Pick<OperationSpec, "auth" | "tokenScopes">, scope: TokenScope): AccessCell {
  if (op.auth === "public" || scope === "admin") return "yes";
  if (op.auth === "admin") return "no";
  if (op.auth === "signed-in") return op.tokenScopes?.includes(scope) ? "yes" : "no";
  return op.auth === scope ? "yes" : "no";
}
