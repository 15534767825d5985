import type { Metadata } from "next";
import { MovieForm } from "@/components/admin/movie-form";

export const metadata: Metadata = { title: "New movie · Admin" };

export default function NewMoviePage() {
  return <MovieForm />;
}
