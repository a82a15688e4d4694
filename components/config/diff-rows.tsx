// Rows of a side-by-side text diff: left = older version, right = newer. Removed and changed text on the
// left is <del>, added and changed text on the right is <ins>; inside a changed line the part that differs
// is marked more strongly. Text is untrusted (copied from ChatGPT) and only ever rendered as text.
import { changedSpan, type SideBySideRow } from "@/lib/archive/config-diff";
import { cn } from "@/components/ui/cn";

const LEFT_BG: Record<SideBySideRow["kind"], string> = { same: "", changed: "bg-red-50", removed: "bg-red-50", added: "bg-slate-50" };
const RIGHT_BG: Record<SideBySideRow["kind"], string> = { same: "", changed: "bg-emerald-50", removed: "bg-slate-50", added: "bg-emerald-50" };

function Marked({ text, from, to, strong }: { text: string; from: number; to: number; strong: string }) {
  if (from >= to) return text;
  return (
    <>
      {text.slice(0, from)}
      <span className={strong}>{text.slice(from, to)}</span>
      {text.slice(to)}
    </>
  );
}

export function DiffRow({ row }: { row: SideBySideRow }) {
  const span = row.kind === "changed" && row.left && row.right ? changedSpan(row.left.text, row.right.text) : null;
  const num = "w-12 select-none px-2 text-right align-top text-slate-400 tabular-nums";
  const code = "px-2 align-top font-mono text-xs whitespace-pre-wrap break-words";
  return (
    <tr data-kind={row.kind}>
      <td className={cn(num, LEFT_BG[row.kind])}>{row.left?.line ?? ""}</td>
      <td className={cn(code, LEFT_BG[row.kind])}>
        {row.left &&
          (row.kind === "same" ? (
            row.left.text
          ) : (
            <del className="text-red-900 no-underline" aria-label={row.kind === "changed" ? "changed from" : "removed"}>
              {span ? <Marked text={row.left.text} from={span.prefix} to={span.suffixBefore} strong="rounded-sm bg-red-200" /> : row.left.text}
            </del>
          ))}
      </td>
      <td className={cn(num, "border-l border-slate-200", RIGHT_BG[row.kind])}>{row.right?.line ?? ""}</td>
      <td className={cn(code, RIGHT_BG[row.kind])}>
        {row.right &&
          (row.kind === "same" ? (
            row.right.text
          ) : (
            <ins className="text-emerald-900 no-underline" aria-label={row.kind === "changed" ? "changed to" : "added"}>
              {span ? <Marked text={row.right.text} from={span.prefix} to={span.suffixAfter} strong="rounded-sm bg-emerald-200" /> : row.right.text}
            </ins>
          ))}
      </td>
    </tr>
  );
}
