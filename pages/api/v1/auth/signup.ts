import { signUpSchema } from "@/lib/auth/contract";
import { clientAddressOf, signUpViewer } from "@/lib/auth/sign-in";
import { apiRoute, json, readJson } from "@/lib/http/api-route";
import { nodeApiRoute } from "@/lib/http/node-api-route";

const MAX_BODY = 16 * 1024;

/**
 * Self sign-up for viewers; the page then signs in through next-auth. Served from pages/api so the
 * sign-up limit counts the socket's peer, not an address the client wrote (lib/http/peer-address.ts).
 */
export const POST = apiRoute("/api/v1/auth/signup", async ({ request, db, now }) => {
  const input = await readJson(request, signUpSchema, MAX_BODY);
  const user = await signUpViewer(db, input, clientAddressOf(request), now);
  return json({ id: user.id, email: user.email, displayName: user.displayName, role: user.role }, 201);
});
export default nodeApiRoute({ POST }, { maxBodyBytes: MAX_BODY });
export const config = { api: { bodyParser: false } };
