"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorFor, errorMessage, saveErrorSummary, unplacedErrors } from "@/components/admin/field-errors";
import { algorithmLabels } from "@/components/recs/models-dashboard";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { ApiClientError } from "@/lib/client/api-client";
import { createExperimentBody, MAX_VARIANTS, type Experiment } from "@/lib/experiments/contract";
import { recommenderAlgorithms, type RecommenderAlgorithm } from "@/lib/recs/contract";
import { createExperiment, experimentKeys, fetchReadyModelVersions, type NewExperimentBody } from "./experiments-api";
import { splitProblem } from "./split";

interface VariantDraft {
  algorithm: RecommenderAlgorithm;
  version: string;
  percent: string;
}

type StartChoice = "now" | "at" | "draft";
const VARIANT_NAMES = ["A", "B", "C", "D"] as const;

/** A datetime-local value (the admin's own clock) as an ISO instant, or null when empty. */
function instant(local: string): string | null {
  if (!local) return null;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Zod issues of the contract as the API names them ("variants.1.algorithm"), for inline errors before sending. */
function issuesByField(error: { issues: { path: PropertyKey[]; message: string }[] }): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.map(String).join(".") || "body"] ??= issue.message;
  return fields;
}

/** The create form of /admin/experiments: checked as it is typed and again by the API (the same contract). */
export function ExperimentForm({ onCreated }: { onCreated(experiment: Experiment): void }) {
  const ids = { name: useId(), context: useId(), starts: useId(), ends: useId(), split: useId() };
  const [name, setName] = useState("");
  const [mode, setMode] = useState<"ab" | "aa">("ab");
  const [context, setContext] = useState("home");
  const [variants, setVariants] = useState<VariantDraft[]>([
    { algorithm: "als", version: "", percent: "50" },
    { algorithm: "ease", version: "", percent: "50" },
  ]);
  const [start, setStart] = useState<StartChoice>("now");
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [clientFields, setClientFields] = useState<Record<string, string>>({});

  const versions = useQuery({ queryKey: experimentKeys.readyModels, queryFn: ({ signal }) => fetchReadyModelVersions(signal), staleTime: 60_000 });
  const create = useMutation({
    mutationFn: createExperiment,
    onSuccess: (experiment) => {
      setName("");
      setClientFields({});
      onCreated(experiment);
    },
  });

  // In A/A mode every arm serves the first arm's model: the others follow it.
  const effective = mode === "aa" ? variants.map((v) => ({ ...v, algorithm: variants[0]!.algorithm, version: variants[0]!.version })) : variants;
  const split = splitProblem(effective.map((v) => v.percent));
  const serverFields = create.error instanceof ApiClientError ? create.error.fields : {};
  const fields = { ...serverFields, ...clientFields };
  // The split is checked live; the API's word on it stands until the next submit.
  const splitError = split ?? errorFor(serverFields, "split");

  function body(): NewExperimentBody {
    return {
      name,
      mode,
      context: context.trim() === "" ? null : context.trim(),
      variants: effective.map((v, i) => ({ name: VARIANT_NAMES[i]!, algorithm: v.algorithm, version: v.version ? Number(v.version) : null, weight: Number(v.percent) || 1 })),
      split: effective.map((v) => Number(v.percent)),
      start: start === "now",
      startsAt: start === "at" ? instant(startsAt) : null,
      endsAt: instant(endsAt),
    };
  }

  function update(index: number, patch: Partial<VariantDraft>) {
    setVariants((list) => list.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  }

  function setCount(count: number) {
    setVariants((list) => {
      const next = list.slice(0, count);
      while (next.length < count) next.push({ algorithm: "popular", version: "", percent: "0" });
      // An even split is the usual start; the admin adjusts it from there.
      const even = Math.floor(100 / count);
      return next.map((v, i) => ({ ...v, percent: String(i === 0 ? 100 - even * (count - 1) : even) }));
    });
  }

  const placed = ["name", "context", "variants", "split", "startsAt", "endsAt", "mode"];
  const others = unplacedErrors(fields, placed);
  return (
    <form
      aria-labelledby="new-experiment-heading"
      noValidate
      className="space-y-4 rounded-lg border border-stone-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const candidate = body();
        if (start === "at" && !candidate.startsAt) {
          setClientFields({ startsAt: "Pick the start time, or start now" });
          return;
        }
        const parsed = createExperimentBody.safeParse(candidate);
        if (!parsed.success || split) {
          setClientFields(parsed.success ? {} : issuesByField(parsed.error));
          return;
        }
        setClientFields({});
        create.mutate(candidate);
      }}
    >
      <h2 id="new-experiment-heading" className="text-base font-semibold text-stone-900">
        New experiment
      </h2>
      <Field id={ids.name} label="Name" error={errorFor(fields, "name")}>
        <Input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} aria-invalid={Boolean(errorFor(fields, "name"))} aria-describedby={describedBy(ids.name, errorFor(fields, "name"))} />
      </Field>

      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-stone-800">Kind</legend>
        <div className="flex flex-wrap gap-4 text-sm text-stone-800">
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" value="ab" checked={mode === "ab"} onChange={() => setMode("ab")} className="h-4 w-4 accent-brand-600" />
            A/B: compare models
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" value="aa" checked={mode === "aa"} onChange={() => setMode("aa")} className="h-4 w-4 accent-brand-600" />
            A/A: the same model in every arm
          </label>
        </div>
      </fieldset>

      <fieldset className="space-y-3" aria-describedby={`${ids.split}-total`}>
        <legend className="text-sm font-medium text-stone-800">Variants and traffic split</legend>
        {variants.map((v, i) => {
          const follows = mode === "aa" && i > 0;
          const shown = effective[i]!;
          const algorithmId = `${ids.split}-algorithm-${i}`;
          const versionId = `${ids.split}-version-${i}`;
          const percentId = `${ids.split}-percent-${i}`;
          const options = (versions.data ?? []).filter((m) => m.algorithm === shown.algorithm);
          const algorithmError = errorFor(fields, `variants.${i}.algorithm`);
          const versionError = errorFor(fields, `variants.${i}.version`);
          return (
            <fieldset key={i} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_5.5rem] gap-2 rounded-md bg-stone-50 p-2">
              <legend className="float-left col-span-3 text-sm font-semibold text-stone-900">Variant {VARIANT_NAMES[i]}</legend>
              <Field id={algorithmId} label="Model" error={algorithmError}>
                <Select id={algorithmId} value={shown.algorithm} disabled={follows} onChange={(e) => update(i, { algorithm: e.target.value as RecommenderAlgorithm, version: "" })} aria-invalid={Boolean(algorithmError)} aria-describedby={describedBy(algorithmId, algorithmError)}>
                  {recommenderAlgorithms.map((a) => (
                    <option key={a} value={a}>
                      {algorithmLabels[a].split(" (")[0]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field id={versionId} label="Version" error={versionError}>
                <Select id={versionId} value={shown.version} disabled={follows} onChange={(e) => update(i, { version: e.target.value })} aria-invalid={Boolean(versionError)} aria-describedby={describedBy(versionId, versionError)}>
                  <option value="">Active</option>
                  {options.map((m) => (
                    <option key={m.version} value={String(m.version)}>
                      v{m.version}
                      {m.active ? " (active)" : ""}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field id={percentId} label="Share %">
                <Input
                  id={percentId}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={99}
                  step={1}
                  value={v.percent}
                  onChange={(e) => update(i, { percent: e.target.value })}
                  aria-invalid={Boolean(splitError)}
                  aria-describedby={`${ids.split}-total`}
                  className="tabular-nums"
                />
              </Field>
            </fieldset>
          );
        })}
        <p id={`${ids.split}-total`} aria-live="polite" className={`text-sm ${splitError ? "text-red-700" : "text-stone-600"}`}>
          {splitError ?? "The split adds up to 100%."}
          {mode === "aa" && " In A/A mode every variant serves variant A's model."}
        </p>
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" disabled={variants.length >= MAX_VARIANTS} onClick={() => setCount(variants.length + 1)}>
            Add a variant
          </Button>
          <Button size="sm" variant="ghost" disabled={variants.length <= 2} onClick={() => setCount(variants.length - 1)}>
            Remove the last
          </Button>
        </div>
      </fieldset>

      <Field id={ids.context} label="Lists it applies to" hint="The recommendation context, such as home; leave it empty for every list" error={errorFor(fields, "context")}>
        <Input id={ids.context} value={context} onChange={(e) => setContext(e.target.value)} aria-invalid={Boolean(errorFor(fields, "context"))} aria-describedby={describedBy(ids.context, errorFor(fields, "context"), "hint")} />
      </Field>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800">Start</legend>
        <div className="flex flex-wrap gap-4 text-sm text-stone-800">
          {(
            [
              ["now", "Now"],
              ["at", "At a time"],
              ["draft", "Save as a draft"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="start" value={value} checked={start === value} onChange={() => setStart(value)} className="h-4 w-4 accent-brand-600" />
              {label}
            </label>
          ))}
        </div>
        {start === "at" && (
          <Field id={ids.starts} label="Start time" error={errorFor(fields, "startsAt")}>
            <Input id={ids.starts} type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} aria-invalid={Boolean(errorFor(fields, "startsAt"))} aria-describedby={describedBy(ids.starts, errorFor(fields, "startsAt"))} />
          </Field>
        )}
      </fieldset>
      <Field id={ids.ends} label="Stop time (optional)" hint="It stops by itself then; otherwise stop it from the list" error={errorFor(fields, "endsAt")}>
        <Input id={ids.ends} type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} aria-invalid={Boolean(errorFor(fields, "endsAt"))} aria-describedby={describedBy(ids.ends, errorFor(fields, "endsAt"), "hint")} />
      </Field>

      {others.length > 0 && (
        <ul role="alert" className="list-inside list-disc text-sm text-red-800">
          {others.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {create.error && (
        <p role="alert" className="text-sm text-red-800">
          {saveErrorSummary(create.error, serverFields, "above")}
        </p>
      )}
      {versions.isError && <p className="text-sm text-stone-600">Could not list model versions ({errorMessage(versions.error)}); each variant serves its model&apos;s active version.</p>}
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create experiment"}
      </Button>
    </form>
  );
}
