import { z } from "zod";
import { idParams } from "@/lib/catalog/contract";
import { paginationSchema } from "@/lib/http/pagination";
import type { ApiSection } from "@/lib/openapi/operation-spec";
import { ApiToken, ApiTokenList, changeRoleSchema, CreatedApiToken, createTokenSchema, SignedUpUser, signUpSchema, User, UserPage } from "./contract";

// The route's query also takes q and role; the part every list shares is documented from its
// schema, the rest in the description.
const adminUsersQuery = z.object(paginationSchema);

export const authApi: ApiSection = {
  tags: [
    { name: "Accounts", description: "Self sign-up for viewers. Signing in happens on the web page (/signin), which sets the session cookie." },
    { name: "Admin: users", description: "People and their roles. Admins only." },
    { name: "Admin: API tokens", description: "Tokens for services and scripts. Admins only." },
  ],
  operations: [
    {
      operationId: "signUp",
      method: "POST",
      path: "/api/v1/auth/signup",
      tag: "Accounts",
      summary: "Create a viewer account",
      description: "Self sign-up; the account is always a viewer. Then sign in on /signin. At most 20 accounts an hour from one client address; the body may be at most 16 KiB.",
      auth: "public",
      body: signUpSchema,
      responses: { 201: { description: "The account", schema: SignedUpUser } },
      errors: [409, 429],
    },
    {
      operationId: "listUsers",
      method: "GET",
      path: "/api/v1/admin/users",
      tag: "Admin: users",
      summary: "List users",
      description:
        "People with accounts first, then audience members by id. Also takes `q` (part of the email or name, or an exact id, at most 200 characters) and `role` (admin or viewer).",
      auth: "admin",
      query: adminUsersQuery,
      responses: { 200: { description: "A page of users", schema: UserPage } },
    },
    {
      operationId: "changeUserRole",
      method: "PATCH",
      path: "/api/v1/admin/users/{id}",
      tag: "Admin: users",
      summary: "Change a user's role",
      description: "Makes a viewer an admin or an admin a viewer. The last admin cannot be made a viewer (409).",
      auth: "admin",
      params: idParams,
      body: changeRoleSchema,
      responses: { 200: { description: "The user with the new role", schema: User } },
      errors: [409],
      example: { params: { id: "c0a8012e-7a1d-4f7e-a6f3-3f1b2e9d8c41" } },
    },
    {
      operationId: "listApiTokens",
      method: "GET",
      path: "/api/v1/admin/tokens",
      tag: "Admin: API tokens",
      summary: "List API tokens",
      description: "Every token, newest first, revoked ones included. Secrets are never listed.",
      auth: "admin",
      responses: { 200: { description: "All tokens", schema: ApiTokenList } },
    },
    {
      operationId: "createApiToken",
      method: "POST",
      path: "/api/v1/admin/tokens",
      tag: "Admin: API tokens",
      summary: "Create an API token",
      description: "The answer holds the secret once; only its hash is kept. The token belongs to the calling admin.",
      auth: "admin",
      body: createTokenSchema,
      responses: { 201: { description: "The token with its secret", schema: CreatedApiToken } },
    },
    {
      operationId: "revokeApiToken",
      method: "DELETE",
      path: "/api/v1/admin/tokens/{id}",
      tag: "Admin: API tokens",
      summary: "Revoke an API token",
      description: "The token stops working at once. Revoking it again answers 404. The id is the token's UUID.",
      auth: "admin",
      responses: { 200: { description: "The revoked token", schema: ApiToken } },
      example: { params: { id: "6f1c2b7e-3a52-4c1e-9d0e-2b8f6a1d4c35" } },
    },
  ],
};
