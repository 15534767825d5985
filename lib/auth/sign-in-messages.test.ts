import { describe, expect, it } from "vitest";
import { SIGN_IN_FAILED, signInErrorMessage } from "./sign-in-messages";

describe("the sign-in page's error line", () => {
  it("says our own sentence for the codes next-auth and our sign-in send", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("That email and password do not match an account.");
    expect(signInErrorMessage("RateLimited")).toContain("Too many failed sign-in attempts");
  });

  it("never echoes text from the URL", () => {
    for (const code of ["Your account is suspended. Call +1 555 0100 to restore it.", "<b>hi</b>", "constructor", "__proto__", "toString"]) {
      expect(signInErrorMessage(code)).toBe(SIGN_IN_FAILED);
    }
    expect(signInErrorMessage(undefined)).toBeNull();
  });
});
