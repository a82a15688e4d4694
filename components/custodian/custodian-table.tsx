// The custodians list: each workspace user with their volumes. Names and e-mails come from the source
// (untrusted): text only. One link per row, to the custodian page.
import Link from "next/link";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { SortHeader, UtcTime, type SortState } from "@/components/custodian/list-controls";

export type CustodianSortKey = "name" | "conversations" | "messages" | "lastActive";

export type CustodianTableRow = {
  id: string;
  name: string | null;
  email: string;
  status: string | null;
  removed: boolean;
  conversations: number;
  messages: number;
  gpts: number;
  memories: number;
  lastActiveAt: string | null;
};

const n = (v: number) => v.toLocaleString("en-US");

export function CustodianTable({ custodians, sort }: { custodians: CustodianTableRow[]; sort: SortState<CustodianSortKey> }) {
  return (
    <Table caption="Custodians">
      <THead>
        <Tr>
          <SortHeader sortKey="name" state={sort}>
            Name
          </SortHeader>
          <Th>Status</Th>
          <SortHeader sortKey="conversations" state={sort} className="text-right">
            Conversations
          </SortHeader>
          <SortHeader sortKey="messages" state={sort} className="text-right">
            Messages
          </SortHeader>
          <Th className="text-right">GPTs owned</Th>
          <Th className="text-right">Memories</Th>
          <SortHeader sortKey="lastActive" state={sort}>
            Last active
          </SortHeader>
        </Tr>
      </THead>
      <TBody>
        {custodians.map((c) => (
          <Tr key={c.id}>
            <Td>
              <Link href={`/custodians/${encodeURIComponent(c.id)}`} className="font-medium text-indigo-700 hover:underline">
                {c.name || c.email}
              </Link>
              {c.name && <span className="block text-xs text-slate-500">{c.email}</span>}
            </Td>
            <Td>
              {c.status ?? "—"}
              {c.removed && (
                <Badge tone="danger" className="ml-2">
                  Removed
                </Badge>
              )}
            </Td>
            <Td className="text-right tabular-nums">{n(c.conversations)}</Td>
            <Td className="text-right tabular-nums">{n(c.messages)}</Td>
            <Td className="text-right tabular-nums">{n(c.gpts)}</Td>
            <Td className="text-right tabular-nums">{n(c.memories)}</Td>
            <Td className="whitespace-nowrap">
              <UtcTime value={c.lastActiveAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
