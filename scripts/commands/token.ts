import { findUserByEmail } from "@/db/queries/users";
import { createTokenSchema, tokenScopes, type TokenScope } from "@/lib/auth/contract";
import { createApiToken } from "@/lib/auth/token-service";
import { UsageError, type Command } from "../cli/command";
import { withCliDatabase } from "../cli/database";

export const tokenCreateCommand: Command = {
  name: "token create",
  summary: "Create an API token for a service or script. The token is printed once; only its hash is kept.",
  usage: "token create --email <admin email> --scopes <scope,scope> [--name <name>]",
  options: { email: { type: "string" }, scopes: { type: "string" }, name: { type: "string" } },
  optionHelp: [
    "--email   The admin who owns the token (required)",
    `--scopes  Comma-separated, from: ${tokenScopes.join(", ")} (required)`,
    "--name    What the token is for (default: \"cli\")",
  ],
  async run({ values }) {
    const email = values.email as string | undefined;
    if (!email) throw new UsageError("--email is required");
    const scopes = String(values.scopes ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const parsed = createTokenSchema.safeParse({ name: (values.name as string | undefined) ?? "cli", scopes });
    if (!parsed.success) throw new UsageError(`--scopes: choose from ${tokenScopes.join(", ")}`);
    await withCliDatabase("token create", async ({ db }) => {
      const owner = await findUserByEmail(db, email);
      if (!owner || owner.role !== "admin") throw new UsageError(`No admin with email ${email}`);
      const created = await createApiToken(db, owner.id, { name: parsed.data.name, scopes: parsed.data.scopes as TokenScope[] });
      console.error(`Created token "${created.name}" (${created.prefix}…) with scopes ${created.scopes.join(", ")}. Copy it now: it is not shown again.`);
      console.log(created.token);
    });
  },
};
