// What a dry run found: exact counts per type (and held-and-skipped), per policy, samples with links,
// and the 30-day forecast chart.
import Link from "next/link";
import type { DryRunResult } from "@/lib/governance/retention-types";
import { countLabels } from "@/lib/governance/retention-types";
import { retentionItemTypeLabels } from "@/lib/governance/retention-schemas";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { ForecastChart } from "./forecast-chart";
import { countKeys, countsSummary, formatCount, formatDate } from "./format";

export function DryRunResultView({ result }: { result: DryRunResult }) {
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        As of {formatDate(result.asOf)}, a disposition run would dispose of <strong>{countsSummary(result.counts)}</strong>. Due but kept under a legal hold:{" "}
        {countsSummary(result.heldSkipped)}.
      </p>
      <Table caption="Would be disposed now">
        <THead>
          <Tr>
            <Th>Type</Th>
            <Th className="text-right">Disposed now</Th>
            <Th className="text-right">Held and skipped</Th>
          </Tr>
        </THead>
        <TBody>
          {countKeys.map((k) => (
            <Tr key={k}>
              <Td>{countLabels[k]}</Td>
              <Td className="text-right tabular-nums">{formatCount(result.counts[k])}</Td>
              <Td className="text-right tabular-nums">{k in result.heldSkipped ? formatCount(result.heldSkipped[k as keyof typeof result.heldSkipped]) : "—"}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {result.perPolicy.length > 0 && (
        <Table caption="By governing policy (the longest applicable period)">
          <THead>
            <Tr>
              <Th>Policy</Th>
              <Th>Would dispose</Th>
            </Tr>
          </THead>
          <TBody>
            {result.perPolicy.map((p) => (
              <Tr key={p.policyId}>
                <Td>
                  {p.name} <span className="text-xs text-slate-500">v{p.version}</span> {p.draft && <Badge tone="warning">draft / not enabled</Badge>}
                </Td>
                <Td>{countsSummary(p.counts)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <ForecastChart days={result.forecast} />
      {result.samples.length > 0 && (
        <Table caption="Sample items that would be disposed now">
          <THead>
            <Tr>
              <Th>Item</Th>
              <Th>Type</Th>
              <Th>Due since</Th>
            </Tr>
          </THead>
          <TBody>
            {result.samples.map((s) => (
              <Tr key={`${s.itemType}:${s.itemId}`}>
                <Td>
                  {s.href ? (
                    <Link href={s.href} className="text-accent-700 hover:underline">
                      {s.label || s.itemId}
                    </Link>
                  ) : (
                    (s.label ?? s.itemId)
                  )}
                  {s.messages > 0 && <span className="ml-1 text-xs text-slate-500">({formatCount(s.messages)} messages)</span>}
                </Td>
                <Td>{retentionItemTypeLabels[s.itemType]}</Td>
                <Td>{formatDate(s.dueAt)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
