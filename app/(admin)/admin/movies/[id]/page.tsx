import type { Metadata } from "next";
import { MovieEditor } from "@/components/admin/movie-form";

export const metadata: Metadata = { title: "Edit movie · Admin" };

export default async function EditMoviePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <MovieEditor id={decodeURIComponent(id)} />;
}
