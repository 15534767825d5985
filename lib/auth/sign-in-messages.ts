/**
 * What the sign-in page says for an error code, whether next-auth put it in the URL
 * (/signin?error=…) or answered it to the form. Only our own sentences are shown: the URL is
 * anyone's to write, so echoing it would let a link put any text on our sign-in page.
 */
const messages: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an account.",
  SessionRequired: "Sign in to see that page.",
  RateLimited: "Too many failed sign-in attempts from here. Wait a quarter of an hour, or sign in from another network.",
  AccessDenied: "You do not have access to that.",
  Configuration: "Sign-in is not working on our side right now. Try again in a minute.",
};

export const SIGN_IN_FAILED = "Sign-in failed. Try again.";

/** Null when there is no error; our own sentence for a known code; a generic one for anything else. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return Object.hasOwn(messages, code) ? messages[code]! : SIGN_IN_FAILED;
}
