"use client";
// A folded run of unchanged lines in a side-by-side diff; expands in place.
import { useState } from "react";
import type { SideBySideRow } from "@/lib/archive/config-diff";
import { DiffRow } from "./diff-rows";

export function CollapsedRows({ rows }: { rows: SideBySideRow[] }) {
  const [open, setOpen] = useState(false);
  if (open) return rows.map((r, i) => <DiffRow key={i} row={r} />);
  const from = rows[0]?.left?.line;
  const to = rows[rows.length - 1]?.left?.line;
  return (
    <tr>
      <td colSpan={4} className="bg-slate-50 px-2 py-1 text-center text-xs text-slate-600">
        <button type="button" onClick={() => setOpen(true)} className="rounded px-2 py-0.5 font-medium text-accent-700 hover:bg-slate-100 hover:underline">
          Show {rows.length.toLocaleString("en-US")} unchanged line{rows.length === 1 ? "" : "s"}
          {from && to ? ` (${from}–${to})` : ""}
        </button>
      </td>
    </tr>
  );
}
