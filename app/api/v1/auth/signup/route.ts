import { signUpSchema } from "@/lib/auth/contract";
import { clientAddressOf, signUpViewer } from "@/lib/auth/sign-in";
import { apiRoute, json, readJson } from "@/lib/http/api-route";

/** Self sign-up for viewers; the page then signs in through next-auth. */
export const POST = apiRoute("/api/v1/auth/signup", async ({ request, db, now }) => {
  const input = await readJson(request, signUpSchema, 16 * 1024);
  const user = await signUpViewer(db, input, clientAddressOf(request.headers), now);
  return json({ id: user.id, email: user.email, displayName: user.displayName, role: user.role }, 201);
});
