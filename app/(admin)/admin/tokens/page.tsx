import type { Metadata } from "next";
import { TokensManager } from "@/components/admin/tokens-manager";
import { tokenScopes } from "@/lib/auth/contract";

export const metadata: Metadata = { title: "API tokens · Admin" };

export default function AdminTokensPage() {
  return <TokensManager scopes={tokenScopes} />;
}
