import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";

export default function NotFound() {
  return (
    <EmptyState title="Page not found">
      <p>The page you asked for does not exist or was removed.</p>
      <ButtonLink href="/" className="mt-4">Back to movies</ButtonLink>
    </EmptyState>
  );
}
