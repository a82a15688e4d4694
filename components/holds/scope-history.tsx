// Every version of a hold's scope, newest first: criteria after the change, or the explicit items added/removed.
import type { ScopeVersionView } from "@/lib/hooks/use-holds-query";
import { describeScope, formatDateTime } from "./hold-labels";

export function ScopeHistory({ versions }: { versions: ScopeVersionView[] }) {
  return (
    <section aria-label="Scope history" className="space-y-3">
      <h2 className="text-base font-semibold text-slate-900">Scope history</h2>
      <ol className="space-y-2">
        {versions.map((v) => (
          <li key={v.version} className="rounded-md px-3 py-2 text-sm ring-1 ring-slate-200">
            <p className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-medium text-slate-900">Version {v.version}</span>
              <span className="text-slate-500">
                {formatDateTime(v.createdAt)} · {v.createdBy ? (v.createdBy.name || v.createdBy.email) : "system"}
              </span>
            </p>
            <p className="mt-1 text-slate-700">
              {v.change?.action === "create"
                ? `Created: ${describeScope(v.scope)}`
                : v.change?.action === "add"
                  ? `Added ${v.change.items.length} explicit item(s)`
                  : v.change?.action === "remove"
                    ? `Removed ${v.change.items.length} explicit item(s)`
                    : `Criteria: ${describeScope(v.scope)}`}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
