import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { AppError } from "@/lib/http/errors";
import { listReviewQueue, reviewQueueQuerySchema, type ReviewQueuePage } from "@/lib/review/status";
import { itemHref, itemTypeLabels } from "@/lib/review/links";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/shell/empty-state";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { STATUS_LABELS, STATUS_TONES } from "@/components/review/status-labels";

export const metadata: Metadata = { title: "My queue" };

const PAGE = 50;

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("review:write");
  const parsed = reviewQueueQuerySchema.safeParse({ ...(await searchParams), limit: PAGE });
  let page: ReviewQueuePage | null = null;
  let error: string | null = parsed.success ? null : "The page link is not valid.";
  if (parsed.success) {
    try {
      page = await listReviewQueue(user, parsed.data);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      error = "This page link has expired or is not valid. Start from the first page.";
    }
  }
  return (
    <>
      <PageHeader title="My queue" description="Items assigned to you that are not reviewed yet, most recently changed first. Set an item to Reviewed to take it off the queue." />
      {error && (
        <Alert tone="error" className="mb-4">
          {error} <Link href="/queue" className="font-medium underline">First page</Link>
        </Alert>
      )}
      {page && page.items.length === 0 ? (
        <EmptyState title={parsed.success && parsed.data.cursor ? "No more items" : "Nothing assigned to you"}>
          Items appear here when someone assigns them to you from an item&apos;s review panel or from search results (Status / assign…).
        </EmptyState>
      ) : page ? (
        <>
          <Table caption="Items assigned to me">
            <THead>
              <Tr>
                <Th>Item</Th>
                <Th>Type</Th>
                <Th>Status</Th>
                <Th>Last changed</Th>
              </Tr>
            </THead>
            <TBody>
              {page.items.map((item) => {
                const href = itemHref(item);
                const label = item.label || "(untitled)";
                return (
                  <Tr key={`${item.itemType}:${item.itemId}`}>
                    <Td className="max-w-xl">
                      {href ? (
                        <Link href={href} className="font-medium break-words text-indigo-700 hover:underline">
                          {label}
                        </Link>
                      ) : (
                        <span className="text-slate-600">{label} (no longer in the archive)</span>
                      )}
                    </Td>
                    <Td>{itemTypeLabels[item.itemType]}</Td>
                    <Td>
                      <Badge tone={STATUS_TONES[item.status]}>{STATUS_LABELS[item.status]}</Badge>
                    </Td>
                    <Td>
                      <time dateTime={item.updatedAt}>{item.updatedAt.slice(0, 16).replace("T", " ")} UTC</time>
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
          {page.nextCursor && (
            <p className="mt-4">
              <Link className="text-sm font-medium text-indigo-700 hover:underline" href={`/queue?${new URLSearchParams({ cursor: page.nextCursor })}`}>
                Next page →
              </Link>
            </p>
          )}
        </>
      ) : null}
    </>
  );
}
