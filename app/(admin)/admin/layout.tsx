import Link from "next/link";
import { adminLinks } from "@/components/app-shell";
import { requireAdminPage } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

/** Every admin page checks the role here; the API routes the pages call check it again. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdminPage("/admin");
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <nav aria-label="Admin" className="flex gap-1 overflow-x-auto md:w-44 md:flex-none md:flex-col">
        {adminLinks.map((l) => (
          <Link key={l.href} href={l.href} className="whitespace-nowrap rounded-md px-3 py-1.5 text-sm text-stone-700 hover:bg-stone-200/60">
            {l.label}
          </Link>
        ))}
      </nav>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
