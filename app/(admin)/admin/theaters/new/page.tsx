import type { Metadata } from "next";
import { TheaterForm } from "@/components/admin/theater-form";
import { theaterTimeZones } from "@/components/admin/time-zones";

export const metadata: Metadata = { title: "New theater · Admin" };

export default function NewTheaterPage() {
  return <TheaterForm timeZones={theaterTimeZones()} />;
}
