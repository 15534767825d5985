import type { Metadata } from "next";
import { ShowtimeWizard } from "@/components/showtimes/showtime-wizard";

export const metadata: Metadata = { title: "Schedule showtimes · Admin" };

export default function NewShowtimesPage() {
  return <ShowtimeWizard />;
}
