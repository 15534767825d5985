"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import type { ReactNode } from "react";
import { DateText } from "@/components/admin/date-text";
import { errorMessage } from "@/components/admin/field-errors";
import { algorithmLabels } from "@/components/recs/models-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { ErrorState, Notice } from "@/components/ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { ExperimentResults } from "@/lib/experiments/contract";
import { experimentKeys, experimentPhase, fetchExperimentResults, splitText } from "./experiments-api";
import { estimateText, numberText, percentText, pValueText, wholeText } from "./figures";

// The charts draw in the browser (they measure their box); the server sends the figures only.
const ScoreChart = dynamic(() => import("./score-chart").then((m) => m.ScoreChart), { ssr: false, loading: () => <p className="text-sm text-stone-600">Drawing the chart…</p> });

// Sessions keep arriving while an experiment runs; its totals are a few rows, so reading them often is cheap.
const REFRESH_MS = 10_000;

type Variant = ExperimentResults["variants"][number];

/** The rows of the figures table: each a metric, with one cell per variant. */
function figureRows(k: number): { label: ReactNode; cell(v: Variant): string; hint?: string }[] {
  return [
    { label: "Users", cell: (v) => wholeText(v.users) },
    { label: "Sessions", cell: (v) => wholeText(v.sessions) },
    { label: "Impressions", cell: (v) => wholeText(v.impressions) },
    { label: "Clicks", cell: (v) => wholeText(v.clicks) },
    { label: "Likes", cell: (v) => wholeText(v.likes) },
    { label: "Dislikes", cell: (v) => wholeText(v.dislikes) },
    { label: "Click-through rate", cell: (v) => estimateText(v.clickThroughRate, "rate"), hint: "sessions with a movie opened" },
    { label: "Like rate", cell: (v) => estimateText(v.likeRate, "rate"), hint: "likes among likes and dislikes" },
    { label: "Mean position score", cell: (v) => estimateText(v.meanPositionScore, "score"), hint: "0–10, over sessions with a selection" },
    { label: `Precision@${k}`, cell: (v) => estimateText(v.precisionAtK, "rate") },
    { label: `Recall@${k}`, cell: (v) => estimateText(v.recallAtK, "rate") },
  ];
}

/** /admin/experiments/{id}: each variant's figures with 95% intervals, the tests, the verdict, the split check and the score over time. */
export function ExperimentResultsView({ initial }: { initial: ExperimentResults }) {
  const id = initial.experiment.id;
  const results = useQuery({
    queryKey: experimentKeys.results(id),
    queryFn: ({ signal }) => fetchExperimentResults(id, signal),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.experiment.status === "running" ? REFRESH_MS : false),
  });
  const r = results.data;
  const e = r.experiment;
  const phase = experimentPhase(e, new Date(r.computedAt));

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/experiments" className="text-brand-800 underline-offset-2 hover:underline">
          ← All experiments
        </Link>
      </p>
      <PageHeader
        title={e.name}
        description={
          <>
            {e.mode === "aa" ? "A/A check" : "A/B experiment"}, {phase}
            {e.context ? ` on the “${e.context}” lists` : " on every list"}; split {splitText(e.variants)}%; <DateText value={e.startedAt} empty="not started" /> to <DateText value={e.stoppedAt ?? e.endsAt} empty="now" />.
          </>
        }
      />
      {results.isError && <ErrorState title="Could not refresh the figures" message={errorMessage(results.error)} />}

      <section aria-labelledby="verdict-heading" className="space-y-2">
        <h2 id="verdict-heading" className="text-base font-semibold text-stone-900">
          Verdict
        </h2>
        <p className="rounded-lg border border-stone-200 bg-white px-4 py-3 text-base font-medium text-stone-900" data-testid="verdict">
          {r.verdict}
        </p>
        {r.comparisons.map((c) => c.scoreVerdict && <p key={`${c.control}-${c.treatment}`} className="text-sm text-stone-700">{c.scoreVerdict}</p>)}
        {r.sampleRatioWarning ? (
          <Notice tone="warning">
            <strong className="font-semibold">Check the split. </strong>
            {r.sampleRatioWarning}
          </Notice>
        ) : (
          <p className="text-sm text-stone-600">
            The split of {r.sampleRatio.basis} matches the configured one ({pValueText(r.sampleRatio.pValue)}, χ² test).
          </p>
        )}
      </section>

      <section aria-labelledby="figures-heading" className="space-y-2">
        <h2 id="figures-heading" className="text-base font-semibold text-stone-900">
          Figures by variant
        </h2>
        <p className="text-sm text-stone-600">Each rate and mean with its 95% confidence interval in brackets. Updated <DateText value={r.computedAt} />{e.status === "running" && ", and every 10 seconds while it runs"}.</p>
        <Table caption="Each variant's figures with 95% confidence intervals">
          <THead>
            <Th>Metric</Th>
            {r.variants.map((v) => (
              <Th key={v.name} className="text-right">
                {v.name}: {algorithmLabels[v.algorithm].split(" (")[0]}
                {v.version === null ? "" : ` v${v.version}`}
              </Th>
            ))}
          </THead>
          <TBody>
            {figureRows(r.k).map((row, i) => (
              <Tr key={i}>
                <th scope="row" className="px-3 py-2.5 text-left font-medium text-stone-800">
                  {row.label}
                  {row.hint && <span className="block text-xs font-normal text-stone-600">{row.hint}</span>}
                </th>
                {r.variants.map((v) => (
                  <Td key={v.name} className="text-right tabular-nums">
                    {row.cell(v)}
                  </Td>
                ))}
              </Tr>
            ))}
          </TBody>
        </Table>
      </section>

      {r.comparisons.length > 0 && (
        <section aria-labelledby="tests-heading" className="space-y-2">
          <h2 id="tests-heading" className="text-base font-semibold text-stone-900">
            Significance tests
          </h2>
          <Table caption="Each variant against the control: difference, test statistic and p-value">
            <THead>
              <Th>Comparison</Th>
              <Th className="text-right">CTR difference</Th>
              <Th className="text-right">CTR test</Th>
              <Th className="text-right">Score difference</Th>
              <Th className="text-right">Score test</Th>
              <Th className="text-right">Sessions per variant needed</Th>
            </THead>
            <TBody>
              {r.comparisons.map((c) => (
                <Tr key={`${c.control}-${c.treatment}`}>
                  <Td className="whitespace-nowrap font-medium">
                    {c.treatment} vs {c.control}
                  </Td>
                  <Td className="text-right tabular-nums">{c.clickThroughRate ? `${c.clickThroughRate.difference >= 0 ? "+" : ""}${percentText(c.clickThroughRate.difference, 2)}` : "—"}</Td>
                  <Td className="whitespace-nowrap text-right tabular-nums">{c.clickThroughRate ? `${numberText(c.clickThroughRate.statistic)}, ${pValueText(c.clickThroughRate.pValue)}` : "—"}</Td>
                  <Td className="text-right tabular-nums">{c.meanPositionScore ? `${c.meanPositionScore.difference >= 0 ? "+" : ""}${numberText(c.meanPositionScore.difference)}` : "—"}</Td>
                  <Td className="whitespace-nowrap text-right tabular-nums">{c.meanPositionScore ? `${numberText(c.meanPositionScore.statistic)}, ${pValueText(c.meanPositionScore.pValue)}` : "—"}</Td>
                  <Td className="text-right tabular-nums">{c.sessionsPerVariantNeeded === null ? "—" : wholeText(c.sessionsPerVariantNeeded)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <p className="text-sm text-stone-600">Significant below p = {r.comparisons[0]!.significanceThreshold.toFixed(3)}{r.comparisons.length > 1 ? ` (0.05 shared among ${r.comparisons.length} comparisons)` : ""}; sessions needed for 80% power at the difference seen so far.{" "}
            {r.comparisons[0]!.unit === "user" ? "Each user counts once: a user's sessions are summed, since one viewer's choices are not independent of each other." : ""}
          </p>
        </section>
      )}

      <section aria-labelledby="series-heading" className="space-y-2">
        <h2 id="series-heading" className="text-base font-semibold text-stone-900">
          Score over time by group
        </h2>
        <ScoreChart series={r.series} />
      </section>
    </div>
  );
}
