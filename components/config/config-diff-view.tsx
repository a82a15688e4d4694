// The comparison of two configuration versions: a summary of what changed, then each changed field side by
// side (older left, newer right). Unchanged fields are listed, not repeated.
import type { ReactNode } from "react";
import type { ConfigDiff, FileChange, ListDiff, ToolChange } from "@/lib/archive/config-diff";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { TextDiffView } from "./text-diff";
import { formatBytes } from "@/components/ui/format";

const STATUS_TONE: Record<string, BadgeTone> = { added: "success", removed: "danger", changed: "warning", renamed: "warning", unchanged: "neutral" };

function Field({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="space-y-2">
      <h4 className="text-sm font-semibold text-slate-900">{title}</h4>
      {children}
    </section>
  );
}

function ListChange({ diff }: { diff: ListDiff }) {
  return (
    <ul className="space-y-1 text-sm">
      {diff.removed.map((x, i) => (
        <li key={`r${i}`} className="flex gap-2">
          <Badge tone="danger">Removed</Badge>
          <del className="text-red-900">{x}</del>
        </li>
      ))}
      {diff.added.map((x, i) => (
        <li key={`a${i}`} className="flex gap-2">
          <Badge tone="success">Added</Badge>
          <ins className="text-emerald-900 no-underline">{x}</ins>
        </li>
      ))}
      {diff.reordered && <li className="text-slate-600">Order changed.</li>}
      {diff.kept.length > 0 && <li className="text-slate-500">Unchanged: {diff.kept.length}</li>}
    </ul>
  );
}

function ToolChanges({ tools, leftLabel, rightLabel }: { tools: ToolChange[]; leftLabel: string; rightLabel: string }) {
  return (
    <ul className="space-y-3 text-sm">
      {tools
        .filter((t) => t.status !== "unchanged")
        .map((t, i) => {
          const tool = t.after ?? t.before!;
          return (
            <li key={i} className="space-y-2">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={STATUS_TONE[t.status]}>{t.status[0].toUpperCase() + t.status.slice(1)}</Badge>
                <span className="font-medium">{t.label}</span>
                {tool.domain && <span className="text-slate-500">{tool.domain}</span>}
              </div>
              {t.fields.length > 0 && (
                <table className="text-sm">
                  <caption className="sr-only">Changed settings of {t.label}</caption>
                  <tbody>
                    {t.fields.map((f) => (
                      <tr key={f.field}>
                        <th scope="row" className="pr-3 text-left font-normal text-slate-500">
                          {f.label}
                        </th>
                        <td className="pr-3">
                          <del className="text-red-900">{f.before ?? "—"}</del>
                        </td>
                        <td>
                          → <ins className="text-emerald-900 no-underline">{f.after ?? "—"}</ins>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {t.schema && <TextDiffView diff={t.schema} caption={`OpenAPI schema of ${t.label}`} leftLabel={leftLabel} rightLabel={rightLabel} />}
            </li>
          );
        })}
    </ul>
  );
}

function FileChanges({ files }: { files: FileChange[] }) {
  return (
    <ul className="space-y-1 text-sm">
      {files
        .filter((f) => f.status !== "unchanged")
        .map((f, i) => {
          const file = f.after ?? f.before!;
          return (
            <li key={i} className="flex flex-wrap items-center gap-2">
              <Badge tone={STATUS_TONE[f.status]}>{f.status[0].toUpperCase() + f.status.slice(1)}</Badge>
              {f.status === "renamed" ? (
                <span>
                  <del className="text-red-900">{f.before!.name ?? f.before!.id}</del> → <ins className="text-emerald-900 no-underline">{f.after!.name ?? f.after!.id}</ins>
                </span>
              ) : (
                <span className="font-medium">{file.name ?? file.id}</span>
              )}
              <span className="font-mono text-xs text-slate-500">{file.id}</span>
              {file.size != null && <span className="text-xs text-slate-500">{formatBytes(file.size)}</span>}
            </li>
          );
        })}
    </ul>
  );
}

export function ConfigDiffView({ diff, leftLabel, rightLabel }: { diff: ConfigDiff; leftLabel: string; rightLabel: string }) {
  if (diff.identical) {
    return <p className="text-sm text-slate-600">The two versions have the same configuration (they differ only in their ids or capture metadata).</p>;
  }
  const unchanged = ["Name", "Description", "Instructions", "Conversation starters", "Categories", "Tools", "Files"].filter((f) => !diff.changed.includes(f));
  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-700">
        <span className="font-medium">Changed:</span> {diff.changed.join(", ")}.
        {unchanged.length > 0 && <span className="text-slate-500"> Unchanged: {unchanged.join(", ")}.</span>}
      </p>
      {diff.scalars.length > 0 && (
        <Field title="Settings">
          <table className="w-full table-fixed text-sm">
            <caption className="sr-only">Changed settings</caption>
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col" className="w-40 text-left font-medium">
                  Field
                </th>
                <th scope="col" className="text-left font-medium">
                  {leftLabel}
                </th>
                <th scope="col" className="text-left font-medium">
                  {rightLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {diff.scalars.map((s) => (
                <tr key={s.field}>
                  <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-500">
                    {s.label}
                  </th>
                  <td className="bg-red-50 px-2 py-1 break-words">
                    <del className="text-red-900 no-underline">{s.before ?? "—"}</del>
                  </td>
                  <td className="bg-emerald-50 px-2 py-1 break-words">
                    <ins className="text-emerald-900 no-underline">{s.after ?? "—"}</ins>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Field>
      )}
      {!diff.description.identical && (
        <Field title="Description">
          <TextDiffView diff={diff.description} caption="Description" leftLabel={leftLabel} rightLabel={rightLabel} />
        </Field>
      )}
      {!diff.instructions.identical && (
        <Field title="Instructions">
          <TextDiffView diff={diff.instructions} caption="Instructions" leftLabel={leftLabel} rightLabel={rightLabel} />
        </Field>
      )}
      {!diff.starters.identical && (
        <Field title="Conversation starters">
          <ListChange diff={diff.starters} />
        </Field>
      )}
      {!diff.categories.identical && (
        <Field title="Categories">
          <ListChange diff={diff.categories} />
        </Field>
      )}
      {diff.tools.some((t) => t.status !== "unchanged") && (
        <Field title="Tools">
          <ToolChanges tools={diff.tools} leftLabel={leftLabel} rightLabel={rightLabel} />
        </Field>
      )}
      {diff.files.some((f) => f.status !== "unchanged") && (
        <Field title="Files">
          <FileChanges files={diff.files} />
        </Field>
      )}
    </div>
  );
}
