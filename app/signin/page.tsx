import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { sameOriginPath } from "@/lib/auth/callback-url";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={sameOriginPath(callbackUrl)} initialError={error} />
    </div>
  );
}
