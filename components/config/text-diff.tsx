// Side-by-side line diff of one text field (instructions, description, an action's OpenAPI schema).
// Long unchanged runs are folded around the changes and can be expanded.
import { collapseUnchanged, type TextDiff } from "@/lib/archive/config-diff";
import { CollapsedRows } from "./collapsed-rows";
import { DiffRow } from "./diff-rows";

export function TextDiffView({ diff, caption, leftLabel, rightLabel }: { diff: TextDiff; caption: string; leftLabel: string; rightLabel: string }) {
  const segments = collapseUnchanged(diff.rows);
  return (
    <div className="overflow-x-auto rounded-md ring-1 ring-slate-200">
      <table className="w-full table-fixed border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          <col className="w-12" />
          <col />
          <col className="w-12" />
          <col />
        </colgroup>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" colSpan={2} className="px-2 py-1.5 text-left font-semibold">
              {leftLabel}
            </th>
            <th scope="col" colSpan={2} className="border-l border-slate-200 px-2 py-1.5 text-left font-semibold">
              {rightLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {segments.map((s, i) => (s.kind === "collapsed" ? <CollapsedRows key={i} rows={s.rows} /> : s.rows.map((r, j) => <DiffRow key={`${i}-${j}`} row={r} />)))}
          {diff.rows.length === 0 && (
            <tr>
              <td colSpan={4} className="px-2 py-2 text-slate-500">
                (empty in both versions)
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="border-t border-slate-200 bg-slate-50 px-2 py-1 text-xs text-slate-600">
        {diff.identical ? "No change." : `${diff.removed.toLocaleString("en-US")} line${diff.removed === 1 ? "" : "s"} removed, ${diff.added.toLocaleString("en-US")} added.`}
        {diff.approximate && " The versions differ too much for a line-by-line match: the differing part is shown as replaced as a whole."}
      </p>
    </div>
  );
}
