"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { apiFetch, ApiClientError } from "@/lib/client/api-client";

export function SignUpForm() {
  const router = useRouter();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { displayName: String(form.get("displayName")), email: String(form.get("email")), password: String(form.get("password")) };
    setPending(true);
    setError(null);
    setFields({});
    try {
      await apiFetch("/api/v1/auth/signup", { method: "POST", body });
      const result = await signIn("credentials", { email: body.email, password: body.password, redirect: false });
      if (result?.error) throw new Error("Your account was created, but signing in failed. Try signing in.");
      // The next step picks favorite genres, so the first recommendations have something to go on.
      router.push("/onboarding");
      router.refresh();
    } catch (e) {
      if (e instanceof ApiClientError) {
        setFields(e.fields);
        setError(e.message);
      } else setError((e as Error).message);
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <ErrorState title="Could not create the account" message={error} />}
      <Field id="displayName" label="Your name" error={fields.displayName}>
        <Input id="displayName" name="displayName" autoComplete="name" required aria-invalid={Boolean(fields.displayName)} aria-describedby={describedBy("displayName", fields.displayName)} />
      </Field>
      <Field id="email" label="Email" error={fields.email}>
        <Input id="email" name="email" type="email" autoComplete="email" required aria-invalid={Boolean(fields.email)} aria-describedby={describedBy("email", fields.email)} />
      </Field>
      <Field id="password" label="Password" hint="At least 8 characters" error={fields.password}>
        <Input id="password" name="password" type="password" autoComplete="new-password" minLength={8} required aria-invalid={Boolean(fields.password)} aria-describedby={describedBy("password", fields.password, "At least 8 characters")} />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-stone-600">
        Already have an account?{" "}
        <Link href="/signin" className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
