// The conversations list (the /conversations page and a custodian's conversations). Titles and e-mails come
// from ChatGPT (untrusted): rendered as text only. Sortable headers are links built by the page, so the
// URL carries the order; each row has exactly one link, to the conversation.
import Link from "next/link";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { SortHeader, UtcTime, type SortState } from "@/components/custodian/list-controls";

export type ConversationRow = {
  id: string;
  title: string | null;
  userEmail: string | null;
  userId: string;
  messageCount: number;
  lastActiveAt: string | null;
  createdAtSource?: string | null;
  deleted: boolean;
  currentVersion: number;
};

export type ConversationSortKey = "lastActive" | "created" | "messages" | "title";

export function ConversationTable({
  conversations,
  sort,
  showCustodian = true,
  caption = "Conversations",
}: {
  conversations: ConversationRow[];
  sort?: SortState<ConversationSortKey>;
  showCustodian?: boolean;
  caption?: string;
}) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <SortHeader sortKey="title" state={sort}>
            Title
          </SortHeader>
          {showCustodian && <Th>Custodian</Th>}
          <SortHeader sortKey="messages" state={sort} className="text-right">
            Messages
          </SortHeader>
          <SortHeader sortKey="created" state={sort}>
            Created
          </SortHeader>
          <SortHeader sortKey="lastActive" state={sort}>
            Last active
          </SortHeader>
        </Tr>
      </THead>
      <TBody>
        {conversations.map((c) => (
          <Tr key={c.id}>
            <Td>
              <Link href={`/conversations/${encodeURIComponent(c.id)}`} className="font-medium text-indigo-700 hover:underline">
                {c.title || "(untitled)"}
              </Link>
              {c.deleted && (
                <Badge tone="danger" className="ml-2">
                  Deleted at source
                </Badge>
              )}
              {c.currentVersion > 1 && (
                <Badge tone="neutral" className="ml-2">
                  {c.currentVersion} versions
                </Badge>
              )}
            </Td>
            {showCustodian && <Td>{c.userEmail ?? c.userId}</Td>}
            <Td className="text-right tabular-nums">{c.messageCount.toLocaleString("en-US")}</Td>
            <Td className="whitespace-nowrap">
              <UtcTime value={c.createdAtSource} />
            </Td>
            <Td className="whitespace-nowrap">
              <UtcTime value={c.lastActiveAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
