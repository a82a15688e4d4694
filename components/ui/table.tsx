// Table primitives. Sortable headers render a button inside the <th> and expose the current order with
// aria-sort (set only on the column that is sorted, as the ARIA practices recommend).
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

export type SortDirection = "ascending" | "descending";

export function Table({ caption, className, children, ...rest }: HTMLAttributes<HTMLTableElement> & { caption?: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className={cn("min-w-full divide-y divide-slate-200 text-left text-sm", className)} {...rest}>
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
  );
}

export function THead({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("bg-slate-50", className)} {...rest} />;
}

export function TBody({ className, ...rest }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-slate-100", className)} {...rest} />;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("hover:bg-slate-50/60", className)} {...rest} />;
}

export type ThProps = ThHTMLAttributes<HTMLTableHeaderCellElement> & {
  /** Current order of this column; null/undefined when the table is sorted by another column. */
  sort?: SortDirection | null;
  /** Makes the header sortable. */
  onSort?: () => void;
};

export function Th({ sort, onSort, className, children, scope = "col", ...rest }: ThProps) {
  return (
    <th
      scope={scope}
      aria-sort={onSort && sort ? sort : undefined}
      className={cn("px-3 py-2.5 text-xs font-semibold tracking-wide text-slate-600 uppercase", className)}
      {...rest}
    >
      {onSort ? (
        <button
          type="button"
          onClick={onSort}
          className="group -mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-slate-900"
        >
          {children}
          <SortIcon sort={sort ?? null} />
        </button>
      ) : (
        children
      )}
    </th>
  );
}

function SortIcon({ sort }: { sort: SortDirection | null }) {
  return (
    <svg
      viewBox="0 0 20 20"
      fill="currentColor"
      aria-hidden="true"
      className={cn("size-3.5", sort ? "text-slate-700" : "text-slate-400 opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100")}
    >
      {sort === "descending" ? (
        <path d="M10 14a.75.75 0 0 1-.55-.24l-4-4.25a.75.75 0 1 1 1.1-1.02L10 12.15l3.45-3.66a.75.75 0 1 1 1.1 1.02l-4 4.25A.75.75 0 0 1 10 14Z" />
      ) : (
        <path d="M10 6a.75.75 0 0 1 .55.24l4 4.25a.75.75 0 1 1-1.1 1.02L10 7.85l-3.45 3.66a.75.75 0 0 1-1.1-1.02l4-4.25A.75.75 0 0 1 10 6Z" />
      )}
    </svg>
  );
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-3 py-2.5 align-top text-slate-800", className)} {...rest} />;
}
