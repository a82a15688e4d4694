// Per-stream counts of one sync run (the capture-completeness ledger): what the API listed and what the
// archive did with it. Streams that have not started yet are shown as waiting, in sync order.
import type { StreamSummary } from "@/lib/hooks/use-sources-query";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatCount, getOrderedStreams, getStreamLabel } from "./labels";
import { RunStatusBadge } from "./status-badges";

const columns: { key: Exclude<keyof StreamSummary, "stream" | "status">; label: string }[] = [
  { key: "listed", label: "Listed" },
  { key: "created", label: "New" },
  { key: "changed", label: "Changed" },
  { key: "unchanged", label: "Unchanged" },
  { key: "deleted", label: "Deleted" },
  { key: "quarantined", label: "Quarantined" },
  { key: "files", label: "Files" },
  { key: "errors", label: "Errors" },
];

export function StreamTable({ streams, isRunActive, caption }: { streams: readonly StreamSummary[]; isRunActive: boolean; caption: string }) {
  const rows = getOrderedStreams(streams);
  return (
    <Table caption={caption}>
      <THead>
        <tr>
          <Th>Stream</Th>
          <Th>Status</Th>
          {columns.map((c) => (
            <Th key={c.key} className="text-right">
              {c.label}
            </Th>
          ))}
        </tr>
      </THead>
      <TBody>
        {rows.map(({ stream, summary }) => (
          <Tr key={stream}>
            <Th scope="row" className="text-sm font-medium tracking-normal whitespace-nowrap text-slate-800 normal-case">
              {getStreamLabel(stream)}
            </Th>
            <Td>{summary ? <RunStatusBadge status={summary.status} /> : <span className="text-slate-500">{isRunActive ? "Waiting" : "Not run"}</span>}</Td>
            {columns.map((c) => (
              <Td
                key={c.key}
                className={
                  summary && (c.key === "quarantined" || c.key === "errors") && summary[c.key] > 0
                    ? "text-right font-medium text-red-700 tabular-nums"
                    : "text-right tabular-nums"
                }
              >
                {summary ? formatCount(summary[c.key]) : "—"}
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
