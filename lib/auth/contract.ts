import { z } from "zod";
import { listOf, pageOf, timestamp } from "@/lib/http/contract";
import { paginationSchema } from "@/lib/http/pagination";
import { idSchema } from "@/lib/ids/ids";
import { describeField, named } from "@/lib/openapi/schema-registry";

/** Accounts, roles and API tokens: sign-up and sign-in, the admin's user and token lists. */

export const roles = ["admin", "viewer"] as const;
export type Role = (typeof roles)[number];

export const tokenScopes = ["events:write", "recs:read", "feedback:write", "catalog:write", "admin"] as const;
export type TokenScope = (typeof tokenScopes)[number];

export const MIN_PASSWORD_LENGTH = 8;

/** Tokens look like `mq_<43 url-safe characters>`; the prefix makes a leaked one easy to grep for. */
export const TOKEN_PREFIX = "mq_";

const email = z.string().trim().toLowerCase().email("Enter a valid email address").max(254);

/** What the sign-in form posts (to next-auth, not to the JSON API). */
export const credentialsSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password").max(200),
});

export const signUpSchema = named(
  "SignUp",
  z
    .object({
      email,
      password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
      displayName: z.string().trim().min(1, "Tell us what to call you").max(80),
    })
    .strict(),
  { examples: [{ email: "ada@example.com", password: "correct horse battery", displayName: "Ada" }] },
);
describeField(signUpSchema.shape.email, "Used to sign in; stored lower-case");
describeField(signUpSchema.shape.displayName, "What to call you");
export type SignUpInput = z.infer<typeof signUpSchema>;

export const changeRoleSchema = named("ChangeRole", z.object({ role: z.enum(roles) }).strict(), { examples: [{ role: "admin" }] });
describeField(changeRoleSchema.shape.role, "admin or viewer. The last admin cannot be made a viewer.");

export const userListQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    role: z.enum(roles).optional(),
    ...paginationSchema,
  })
  .strict();

export const createTokenSchema = named(
  "CreateToken",
  z
    .object({
      name: z.string().trim().min(1, "Name the token after who uses it").max(80),
      scopes: z.array(z.enum(tokenScopes)).min(1, "Choose at least one scope").max(tokenScopes.length),
    })
    .strict(),
  { examples: [{ name: "recommender", scopes: ["recs:read", "events:write"] }] },
);
describeField(createTokenSchema.shape.name, "Who or what uses the token, e.g. \"recommender\"");
describeField(createTokenSchema.shape.scopes, "What the token may do. An admin token may do everything an admin may.");
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const tokenParams = z.object({ id: z.uuid("Not a token id") });

const role = changeRoleSchema.shape.role;
const tokenScope = createTokenSchema.shape.scopes.element;

export const User = named(
  "User",
  z.object({
    id: idSchema,
    email: z.email().nullable().describe("Null for audience members imported without an account"),
    role,
    displayName: z.string(),
    createdAt: timestamp,
  }),
  {
    description: "A person: someone with an account, or an audience member from imported ratings. Never includes the password hash.",
    examples: [{ id: "c0a8012e-7a1d-4f7e-a6f3-3f1b2e9d8c41", email: "ada@example.com", role: "viewer", displayName: "Ada", createdAt: "2024-05-01T09:00:00.000Z" }],
  },
);

export const SignedUpUser = named(
  "SignedUpUser",
  z.object({ id: idSchema, email: z.email(), displayName: z.string(), role }),
  {
    description: "The account just created. Sign in through the web page to get a session.",
    examples: [{ id: "c0a8012e-7a1d-4f7e-a6f3-3f1b2e9d8c41", email: "ada@example.com", displayName: "Ada", role: "viewer" }],
  },
);

const exampleToken = {
  id: "6f1c2b7e-3a52-4c1e-9d0e-2b8f6a1d4c35",
  name: "recommender",
  prefix: "mq_Xk3v9Qa",
  scopes: ["recs:read", "events:write"],
  createdAt: "2024-05-01T09:00:00.000Z",
  lastUsedAt: null,
  revokedAt: null,
};

const tokenFields = {
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("The first characters of the token, to tell tokens apart without the secret"),
  scopes: z.array(tokenScope),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable().describe("Updated at most once a minute"),
  revokedAt: timestamp.nullable(),
};

export const ApiToken = named("ApiToken", z.object(tokenFields), {
  description: "An API token, without its secret.",
  examples: [exampleToken],
});

export const ApiTokenListItem = named("ApiTokenListItem", z.object({ ...tokenFields, createdByEmail: z.email().nullable() }), {
  description: "An API token with the email of the admin who created it.",
  examples: [{ ...exampleToken, createdByEmail: "admin@example.com" }],
});

export const CreatedApiToken = named(
  "CreatedApiToken",
  z.object({ ...tokenFields, token: z.string().startsWith(TOKEN_PREFIX).describe("The secret. Shown in this response only; store it now.") }),
  {
    description: "A new API token with its secret, which is never shown again.",
    examples: [{ ...exampleToken, token: "mq_Xk3v9QaLr2T8wYp1Zs6Nf4Bd7Hj0Kc5Mv3Eg9Uq2Ra" }],
  },
);

export const UserPage = pageOf("UserPage", User);
export const ApiTokenList = listOf("ApiTokenList", ApiTokenListItem);

export type User = z.infer<typeof User>;
export type SignedUpUser = z.infer<typeof SignedUpUser>;
export type ApiToken = z.infer<typeof ApiToken>;
export type ApiTokenListItem = z.infer<typeof ApiTokenListItem>;
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
export type ApiTokenList = z.infer<typeof ApiTokenList>;
