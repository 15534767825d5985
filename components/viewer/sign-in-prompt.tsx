import { ButtonLink } from "@/components/ui/button";

/** What a visitor who is not signed in sees instead of the player, the stars and the heart. */
export function SignInPrompt({ next, what }: { next: string; what: string }) {
  return (
    <section className="rounded-lg border border-dashed border-stone-300 bg-white px-5 py-6 text-center">
      <p className="font-medium text-stone-900">Sign in to {what}</p>
      <p className="mt-1 text-sm text-stone-600">Your ratings, favorites and what you watch shape your recommendations.</p>
      <p className="mt-4 flex justify-center gap-2">
        <ButtonLink href={`/signin?callbackUrl=${encodeURIComponent(next)}`}>Sign in</ButtonLink>
        <ButtonLink href="/signup" variant="secondary">
          Create an account
        </ButtonLink>
      </p>
    </section>
  );
}
