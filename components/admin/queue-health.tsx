import Link from "next/link";
import type { Health } from "@/lib/health/contract";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

const statusWords: Record<Health["status"], string> = { ok: "ok", degraded: "degraded", down: "down", not_configured: "not configured" };

/** The health report as an operator reads it: overall status, the event backlog, and every queue with its dead letters. */
export function QueueHealthPanel({ report }: { report: Pick<Health, "status" | "components" | "queues" | "eventBacklog"> }) {
  const backlog = report.components.eventBacklog;
  const openDeadLetters = report.queues.reduce((sum, q) => sum + q.deadLetters, 0);
  return (
    <section aria-labelledby="queues-heading" className="mt-8">
      <h2 id="queues-heading" className="mb-1 text-lg font-semibold">
        Background work
      </h2>
      <p className="mb-3 text-sm text-stone-700">
        Health: <strong>{statusWords[report.status]}</strong>
        {backlog ? <> · Event backlog: {backlog.detail}</> : null}
        {" · "}
        <Link href="/admin/dead-letters" className="underline">
          {openDeadLetters.toLocaleString()} open dead letter{openDeadLetters === 1 ? "" : "s"}
        </Link>
      </p>
      {report.queues.length ? (
        <Table caption="Job queues">
          <THead>
            <Th>Queue</Th>
            <Th className="text-right">Waiting</Th>
            <Th className="text-right">Active</Th>
            <Th className="text-right">Failed</Th>
            <Th className="text-right">Dead letters</Th>
            <Th>Counted at</Th>
          </THead>
          <TBody>
            {report.queues.map((q) => (
              <Tr key={q.queue}>
                <Td className="font-mono text-xs">{q.queue}</Td>
                <Td className="text-right tabular-nums">{q.waiting.toLocaleString()}</Td>
                <Td className="text-right tabular-nums">{q.active.toLocaleString()}</Td>
                <Td className="text-right tabular-nums">{q.failed.toLocaleString()}</Td>
                <Td className="text-right tabular-nums">{q.deadLetters ? <Link href="/admin/dead-letters" className="underline">{q.deadLetters.toLocaleString()}</Link> : 0}</Td>
                <Td className="whitespace-nowrap text-stone-600">{q.countedAt ? new Date(q.countedAt).toISOString().slice(11, 19) + " UTC" : "not yet"}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : (
        <p className="text-sm text-stone-700">The job queue is not running in this process: {report.components.jobQueue?.detail ?? "no detail"}.</p>
      )}
    </section>
  );
}
