import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { isAppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { sameOriginPath } from "./callback-url";
import { getAuthSecret } from "./secret";
import { checkCredentials } from "./sign-in";

/**
 * next-auth's configuration; async because the signing secret may live in the database.
 * `clientAddress` is the signing-in client's (pages/api/auth/[...nextauth].ts works it out from
 * the socket); sign-in is throttled by it.
 */
export async function getAuthOptions(request: { clientAddress?: string } = {}): Promise<NextAuthOptions> {
  const db = await getDb();
  return {
    secret: await getAuthSecret(db),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    logger: {
      error: (code, metadata) => logger.error({ code, metadata }, "next-auth error"),
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: () => {},
    },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          try {
            const user = await checkCredentials(
              db,
              { email: credentials?.email ?? "", password: credentials?.password ?? "", clientAddress: request.clientAddress ?? "unknown" },
              new Date(),
            );
            return user ? { id: user.id, email: user.email, name: user.displayName, role: user.role } : null;
          } catch (error) {
            // next-auth hands the message to the sign-in page as an error code; the page says it in
            // its own words (lib/auth/sign-in-messages.ts).
            if (isAppError(error) && error.code === "rate_limited:sign_in") throw new Error("RateLimited");
            if (isAppError(error)) throw new Error("CredentialsSignin");
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      // next-auth's own redirects (its sign-in and sign-out endpoints) stay on our site too.
      redirect({ url, baseUrl }) {
        return new URL(sameOriginPath(url, baseUrl), baseUrl).toString();
      },
      jwt({ token, user }) {
        if (user) token.role = (user as { role?: string }).role;
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          (session.user as { id?: string }).id = token.sub;
          (session.user as { role?: string }).role = token.role as string;
        }
        return session;
      },
    },
  };
}
