import type { Metadata } from "next";
import { ModelsDashboard } from "@/components/recs/models-dashboard";

export const metadata: Metadata = { title: "Models · Admin" };

export default function ModelsPage() {
  return <ModelsDashboard />;
}
