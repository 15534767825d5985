import type { Metadata } from "next";
import { ExperimentsList } from "@/components/experiments/experiments-list";

export const metadata: Metadata = { title: "Experiments · Admin" };

export default function ExperimentsPage() {
  return <ExperimentsList />;
}
