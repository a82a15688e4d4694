"use client";
// A hold's items, paged (keyset), with links to each item; filter by type. Write mode offers removing
// explicit items (a scope item leaves only when the scope changes).
import Link from "next/link";
import { useState } from "react";
import { itemHref } from "@/lib/review/links";
import type { HeldUnitType } from "@/lib/governance/hold-schemas";
import { getErrorMessage } from "@/lib/hooks/fetch-json";
import { useChangeHoldItems, useHeldItems } from "@/lib/hooks/use-holds-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { LoadError, LoadMore, Loading } from "@/components/shell/query-states";
import { UNIT_LABELS, UNIT_ORDER, formatDateTime } from "./hold-labels";

export function HeldItemsList({ holdId, canRemove, heldBy, title }: { holdId: string; canRemove: boolean; heldBy?: "EXPLICIT"; title: string }) {
  const [itemType, setItemType] = useState<HeldUnitType | "">("");
  const query = useHeldItems(holdId, { itemType: itemType || undefined, heldBy });
  const change = useChangeHoldItems();
  const { toast } = useToast();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  function remove(itemType: HeldUnitType, itemId: string) {
    change.mutate(
      { holdId, action: "remove", items: [{ itemType, itemId }] },
      {
        onSuccess: ({ result }) =>
          toast({ tone: "success", title: "Explicit item removed", description: result.keptByScope ? "It still matches the scope, so it stays held." : undefined }),
        onError: (err) => toast({ tone: "error", title: "Could not remove the item", description: getErrorMessage(err) }),
      },
    );
  }

  return (
    <section aria-label={title} className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        <Select
          label="Type"
          hideLabel
          className="w-48"
          value={itemType}
          onChange={(e) => setItemType(e.target.value as HeldUnitType | "")}
          options={[{ value: "", label: "All types" }, ...UNIT_ORDER.map((t) => ({ value: t, label: UNIT_LABELS[t].many[0].toUpperCase() + UNIT_LABELS[t].many.slice(1) }))]}
        />
      </div>
      {query.isPending ? (
        <Loading>Loading items…</Loading>
      ) : query.isError && !items.length ? (
        <LoadError title="Items could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-500">{heldBy ? "No items were added explicitly." : "No items."}</p>
      ) : (
        <>
          <Table caption={title}>
            <THead>
              <Tr>
                <Th>Item</Th>
                <Th>Type</Th>
                <Th>Held by</Th>
                <Th>Since</Th>
                {canRemove && <Th className="sr-only">Actions</Th>}
              </Tr>
            </THead>
            <TBody>
              {items.map((item) => {
                const href = itemHref(item);
                const label = item.label || item.itemId;
                return (
                  <Tr key={`${item.itemType}:${item.itemId}`}>
                    <Td className="max-w-md break-words">
                      {href ? (
                        <Link href={href} className="font-medium text-accent-700 hover:underline">
                          {label}
                        </Link>
                      ) : (
                        <span className="text-slate-600">{label}</span>
                      )}
                    </Td>
                    <Td>{UNIT_LABELS[item.itemType as HeldUnitType]?.one ?? item.itemType}</Td>
                    <Td>
                      <Badge tone={item.heldBy === "EXPLICIT" ? "accent" : "neutral"}>{item.heldBy === "EXPLICIT" ? "Explicit" : "Scope"}</Badge>
                    </Td>
                    <Td>
                      <time dateTime={item.addedAt}>{formatDateTime(item.addedAt)}</time>
                    </Td>
                    {canRemove && (
                      <Td>
                        {item.heldBy === "EXPLICIT" && (
                          <Button size="sm" variant="ghost" onClick={() => remove(item.itemType as HeldUnitType, item.itemId)} disabled={change.isPending}>
                            Remove
                          </Button>
                        )}
                      </Td>
                    )}
                  </Tr>
                );
              })}
            </TBody>
          </Table>
          <LoadMore query={query} summary={`${items.length.toLocaleString("en-US")} shown`} />
        </>
      )}
    </section>
  );
}
