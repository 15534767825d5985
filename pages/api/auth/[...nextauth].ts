import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { clientAddress } from "@/lib/auth/client-address";
import { trustedProxies } from "@/lib/config/env";

/**
 * next-auth's endpoints (sign-in, sign-out, session, CSRF token). Served from pages/api rather than
 * app/ because sign-in is throttled by the client's address, and only here does the handler see
 * the socket's peer (lib/http/peer-address.ts says why).
 */
export default async function auth(req: NextApiRequest, res: NextApiResponse) {
  const forwardedFor = req.headers["x-forwarded-for"];
  const address = clientAddress(req.socket.remoteAddress, Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor, trustedProxies());
  return NextAuth(req, res, await getAuthOptions({ clientAddress: address }));
}
