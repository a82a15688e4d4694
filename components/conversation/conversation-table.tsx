// The conversations list. Titles come from ChatGPT (untrusted): rendered as text only.
import Link from "next/link";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";

export type ConversationRow = { id: string; title: string | null; userEmail: string | null; userId: string; messageCount: number; lastActiveAt: string | null; deleted: boolean; currentVersion: number };

export function ConversationTable({ conversations }: { conversations: ConversationRow[] }) {
  return (
    <Table caption="Conversations">
      <THead>
        <Tr>
          <Th>Title</Th>
          <Th>Custodian</Th>
          <Th className="text-right">Messages</Th>
          <Th>Last active</Th>
        </Tr>
      </THead>
      <TBody>
        {conversations.map((c) => (
          <Tr key={c.id}>
            <Td>
              <Link href={`/conversations/${encodeURIComponent(c.id)}`} className="font-medium text-indigo-700 hover:underline">
                {c.title || "(untitled)"}
              </Link>
              {c.deleted && <Badge tone="danger" className="ml-2">Deleted at source</Badge>}
              {c.currentVersion > 1 && <Badge tone="neutral" className="ml-2">{c.currentVersion} versions</Badge>}
            </Td>
            <Td>{c.userEmail ?? c.userId}</Td>
            <Td className="text-right tabular-nums">{c.messageCount.toLocaleString("en-US")}</Td>
            <Td>{c.lastActiveAt ? <time dateTime={c.lastActiveAt}>{c.lastActiveAt.slice(0, 16).replace("T", " ")} UTC</time> : "—"}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
