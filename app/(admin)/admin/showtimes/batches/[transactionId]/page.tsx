import type { Metadata } from "next";
import { BatchDetail } from "@/components/showtimes/batch-detail";

export const metadata: Metadata = { title: "Showtime batch · Admin" };

export default async function ShowtimeBatchPage({ params }: { params: Promise<{ transactionId: string }> }) {
  const { transactionId } = await params;
  return <BatchDetail transactionId={transactionId} />;
}
