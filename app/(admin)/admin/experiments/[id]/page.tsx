import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { ExperimentResultsView } from "@/components/experiments/experiment-results";
import { requireAdminPage } from "@/lib/auth/current-user";
import { experimentParams } from "@/lib/experiments/contract";
import { experimentResults } from "@/lib/experiments/experiment-service";
import { isAppError } from "@/lib/errors/app-error";

export const metadata: Metadata = { title: "Experiment · Admin" };

/** The figures are rendered on the server from the experiment's totals, then refreshed in the browser. */
export default async function ExperimentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireAdminPage(`/admin/experiments/${encodeURIComponent(id)}`);
  const parsed = experimentParams.safeParse({ id });
  if (!parsed.success) notFound();
  const results = await experimentResults(await getDb(), parsed.data.id, new Date()).catch((error: unknown) => {
    if (isAppError(error) && error.status === 404) notFound();
    throw error;
  });
  return <ExperimentResultsView initial={results} />;
}
