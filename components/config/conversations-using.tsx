// Conversations in which a GPT or project was used, most recently active first, paged by cursor.
import Link from "next/link";
import type { ConversationUse } from "@/lib/archive/gpts";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { conversationHref, custodianHref, formatDateTime } from "./format";

export function ConversationsUsing({ noun, total, conversations, nextHref, firstHref }: { noun: string; total: number; conversations: ConversationUse[]; nextHref: string | null; firstHref: string | null }) {
  return (
    <section aria-labelledby="conversations-using" className="mb-6">
      <h2 id="conversations-using" className="mb-2 text-base font-semibold text-slate-900">
        Conversations that used this {noun} ({total.toLocaleString("en-US")})
      </h2>
      {conversations.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
          {total === 0 ? `No captured conversation used this ${noun}.` : "No more conversations."}
        </p>
      ) : (
        <Table caption={`Conversations that used this ${noun}`}>
          <THead>
            <Tr>
              <Th>Title</Th>
              <Th>Custodian</Th>
              <Th className="text-right">Messages with this {noun}</Th>
              <Th>Last active</Th>
            </Tr>
          </THead>
          <TBody>
            {conversations.map((c) => (
              <Tr key={c.id}>
                <Td>
                  <Link href={conversationHref(c.id)} className="font-medium text-accent-700 hover:underline">
                    {c.title || "(untitled)"}
                  </Link>
                  {c.deletedAtSource && (
                    <Badge tone="danger" className="ml-2">
                      Deleted at source
                    </Badge>
                  )}
                </Td>
                <Td>
                  <Link href={custodianHref(c.userId)} className="text-accent-700 hover:underline">
                    {c.userEmail ?? c.userId}
                  </Link>
                </Td>
                <Td className="text-right tabular-nums">{c.messages.toLocaleString("en-US")}</Td>
                <Td>{formatDateTime(c.lastActiveAt)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {(nextHref || firstHref) && (
        <nav aria-label="Conversation pages" className="mt-3 flex gap-4 text-sm">
          {firstHref && (
            <Link href={firstHref} className="font-medium text-accent-700 hover:underline">
              ← First page
            </Link>
          )}
          {nextHref && (
            <Link href={nextHref} className="font-medium text-accent-700 hover:underline">
              Next page →
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
