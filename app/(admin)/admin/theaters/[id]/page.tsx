import type { Metadata } from "next";
import { TheaterEditor } from "@/components/admin/theater-form";
import { theaterTimeZones } from "@/components/admin/time-zones";

export const metadata: Metadata = { title: "Edit theater · Admin" };

export default async function EditTheaterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TheaterEditor id={decodeURIComponent(id)} timeZones={theaterTimeZones()} />;
}
