// Who can use a GPT or project: its visibility and link-level permissions, its recipients (shared users,
// including those no longer listed at the source), and how sharing changed between captured versions.
import Link from "next/link";
import { describePermissions, diffSharing, type SharingSnapshot } from "@/lib/archive/config-diff";
import type { SharedUserView, SharingVersionView } from "@/lib/archive/gpts";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { custodianHref, formatDateTime, visibilityLabel } from "./format";

export function SharingSection({ sharing, visibility, recipients, history }: { sharing: SharingSnapshot | null; visibility: string | null; recipients: SharedUserView[]; history: SharingVersionView[] }) {
  const changes = history.slice(1).map((v, i) => ({ version: v, diff: diffSharing(history[i].sharing, v.sharing) }));
  return (
    <section aria-labelledby="sharing" className="mb-6 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="sharing" className="text-base font-semibold text-slate-900">
        Sharing
      </h2>
      <dl className="mt-3 grid grid-cols-1 gap-y-2 text-sm sm:grid-cols-[11rem_1fr]">
        <dt className="text-slate-500">Visibility</dt>
        <dd>{visibilityLabel(sharing?.visibility ?? visibility)}</dd>
        <dt className="text-slate-500">Link permissions</dt>
        <dd>{describePermissions(sharing?.permissions ?? null)}</dd>
      </dl>
      <h3 className="mt-4 mb-2 text-sm font-semibold text-slate-900">Recipients ({recipients.filter((r) => !r.deletedAtSource).length})</h3>
      {recipients.length === 0 ? (
        <p className="text-sm text-slate-500">Not shared with anyone individually.</p>
      ) : (
        <Table caption="Recipients">
          <THead>
            <Tr>
              <Th>Person</Th>
              <Th>Permissions</Th>
              <Th>Status</Th>
            </Tr>
          </THead>
          <TBody>
            {recipients.map((r) => (
              <Tr key={r.userId}>
                <Td>
                  <Link href={custodianHref(r.userId)} className="text-accent-700 hover:underline">
                    {r.name ?? r.email ?? r.userId}
                  </Link>
                  {r.name && r.email && <div className="text-xs text-slate-500">{r.email}</div>}
                </Td>
                <Td>{describePermissions(r.permissions)}</Td>
                <Td>{r.deletedAtSource ? <Badge tone="danger">Removed {formatDateTime(r.deletedAtSource)}</Badge> : <Badge tone="success">Current</Badge>}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {changes.length > 0 && (
        <>
          <h3 className="mt-4 mb-2 text-sm font-semibold text-slate-900">Sharing history</h3>
          <ol className="space-y-2 text-sm" aria-label="Sharing history">
            <li className="text-slate-600">
              Version 1, captured {formatDateTime(history[0].capturedAt)}: {visibilityLabel(history[0].sharing.visibility)}, {history[0].sharing.recipients.length} recipient
              {history[0].sharing.recipients.length === 1 ? "" : "s"}.
            </li>
            {changes.map(({ version, diff }) => (
              <li key={version.version}>
                <span className="font-medium">Version {version.version}</span>, captured {formatDateTime(version.capturedAt)}:{" "}
                {diff.identical ? (
                  <span className="text-slate-500">owner or other details changed; sharing unchanged.</span>
                ) : (
                  <ul className="mt-1 list-disc pl-5">
                    {diff.fields.map((f) => (
                      <li key={f.field}>
                        {f.label}: <del className="text-red-900">{f.field === "visibility" ? visibilityLabel(f.before) : f.before}</del> →{" "}
                        <ins className="text-emerald-900 no-underline">{f.field === "visibility" ? visibilityLabel(f.after) : f.after}</ins>
                      </li>
                    ))}
                    {diff.recipientsAdded.map((r) => (
                      <li key={`a${r.id}`}>
                        Shared with <ins className="text-emerald-900 no-underline">{r.email ?? r.id}</ins> ({describePermissions(r.permissions)})
                      </li>
                    ))}
                    {diff.recipientsRemoved.map((r) => (
                      <li key={`r${r.id}`}>
                        No longer shared with <del className="text-red-900">{r.email ?? r.id}</del>
                      </li>
                    ))}
                    {diff.recipientsChanged.map((c) => (
                      <li key={`c${c.after.id}`}>
                        {c.after.email ?? c.after.id}: {describePermissions(c.before.permissions)} → {describePermissions(c.after.permissions)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
