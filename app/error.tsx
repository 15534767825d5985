"use client";

import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorState
      title="This page could not be loaded"
      message={`Something went wrong on our side${error.digest ? ` (reference ${error.digest})` : ""}. Try again in a moment.`}
      action={<Button onClick={reset}>Try again</Button>}
    />
  );
}
