"use client";
// "Legal holds" panel for item pages: the ACTIVE holds covering this item — directly, or through its
// conversation (messages, files) or its GPT (configurations). Drop in anywhere with the item's reference:
//   <HoldsCovering item={{ itemType: "CONVERSATION", itemId: id }} />
import Link from "next/link";
import type { HoldItemRef } from "@/lib/governance/hold-schemas";
import { useHoldsCovering } from "@/lib/hooks/use-holds-query";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/button";

const VIA: Record<string, string> = { CONVERSATION: "its conversation", GPT: "its GPT" };

export function HoldsCovering({ item, className }: { item: HoldItemRef; className?: string }) {
  const query = useHoldsCovering(item);
  const holds = query.data ?? [];
  return (
    <section aria-label="Legal holds" className={cn("space-y-2 text-sm", className)}>
      <h2 className="flex items-center gap-2 font-semibold text-slate-900">
        Legal holds {holds.length > 0 && <Badge tone="warning">Held</Badge>}
      </h2>
      {query.isPending ? (
        <p role="status" className="flex items-center gap-2 text-slate-500">
          <Spinner /> Checking holds…
        </p>
      ) : query.isError ? (
        <p className="text-red-700">Holds could not be checked.</p>
      ) : holds.length === 0 ? (
        <p className="text-slate-600">Not under any active legal hold.</p>
      ) : (
        <ul className="space-y-1.5">
          {holds.map((h) => (
            <li key={h.id}>
              <Link href={`/holds/${encodeURIComponent(h.id)}`} className="font-medium text-accent-700 hover:underline">
                {h.name}
              </Link>
              {h.matter && <span className="text-slate-600"> · {h.matter}</span>}
              <span className="block text-xs text-slate-500">
                {h.heldBy === "EXPLICIT" ? "Added explicitly" : "In scope"}
                {h.via.itemType !== item.itemType || h.via.itemId !== item.itemId ? ` (through ${VIA[h.via.itemType] ?? h.via.itemType.toLowerCase()})` : ""}
                {h.activatedAt ? ` · active since ${h.activatedAt.slice(0, 10)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
