import type { ApiSection } from "@/lib/openapi/operation-spec";
import { createExperimentBody, Experiment, experimentListQuery, ExperimentPage, experimentParams, ExperimentResults, updateExperimentBody } from "./contract";

export const experimentApi: ApiSection = {
  tags: [
    {
      name: "Experiments",
      description:
        "A/B (and A/A) experiments between recommendation models. Each user is assigned a variant once, by a hash of the user and experiment ids; every list served under an experiment is logged with its variant, and its totals are kept current as sessions and feedback arrive. Admins only.",
    },
  ],
  operations: [
    {
      operationId: "listExperiments",
      method: "GET",
      path: "/api/v1/experiments",
      tag: "Experiments",
      summary: "List experiments",
      description: "Newest first.",
      auth: "admin",
      query: experimentListQuery,
      responses: { 200: { description: "A page of experiments", schema: ExperimentPage } },
      example: { query: { status: "running" } },
    },
    {
      operationId: "createExperiment",
      method: "POST",
      path: "/api/v1/experiments",
      tag: "Experiments",
      summary: "Create an experiment",
      description: "Variants name a model (and optionally pin a version) and a traffic share. An A/A experiment serves the same model in every variant, to check the pipeline. While one runs, GET /recommend serves lists of its context by the user's variant unless the caller names a model.",
      auth: "admin",
      body: createExperimentBody,
      responses: { 201: { description: "Created", schema: Experiment } },
      errors: [422],
    },
    {
      operationId: "getExperiment",
      method: "GET",
      path: "/api/v1/experiments/{id}",
      tag: "Experiments",
      summary: "Get an experiment",
      auth: "admin",
      params: experimentParams,
      responses: { 200: { description: "The experiment", schema: Experiment } },
      example: { params: { id: "7b0e4c1a-2f6d-4e8b-9a3c-5d1f7e2a9b40" } },
    },
    {
      operationId: "updateExperiment",
      method: "PATCH",
      path: "/api/v1/experiments/{id}",
      tag: "Experiments",
      summary: "Start, stop or rename an experiment",
      description: "Draft → running → stopped. A stopped experiment stays stopped (409): its figures would mix two periods.",
      auth: "admin",
      params: experimentParams,
      body: updateExperimentBody,
      responses: { 200: { description: "The experiment after the change", schema: Experiment } },
      errors: [409],
      example: { params: { id: "7b0e4c1a-2f6d-4e8b-9a3c-5d1f7e2a9b40" } },
    },
    {
      operationId: "getExperimentResults",
      method: "GET",
      path: "/api/v1/experiments/{id}/results",
      tag: "Experiments",
      summary: "An experiment's figures and verdict",
      description:
        "Per variant: users, sessions, impressions, click-through rate, like rate, mean position score, Precision@K and Recall@K, each with a 95% confidence interval; a z-test on CTR and a Welch test on the score against the first variant; the verdict in words (or how many more sessions it needs); a warning when the split drifts from the configured one (sample ratio mismatch, χ² p < 0.001); and the score per time bucket by variant, A/A and A/B periods marked. Read from totals kept as sessions and feedback arrive, not by scanning the log.",
      auth: "admin",
      params: experimentParams,
      responses: { 200: { description: "The results", schema: ExperimentResults } },
      example: { params: { id: "7b0e4c1a-2f6d-4e8b-9a3c-5d1f7e2a9b40" } },
    },
  ],
};
