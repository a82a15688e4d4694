// What every labelled form control shares: stable ids for the control, its description and its error,
// the aria-describedby that joins them, and the description/error lines under the control.
import { useId, type ReactNode } from "react";

export function useFieldIds(id: string | undefined, description: ReactNode, error: string | null | undefined) {
  const autoId = useId();
  const fieldId = id ?? autoId;
  const descriptionId = description ? `${fieldId}-description` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ") || undefined;
  return { fieldId, descriptionId, errorId, describedBy };
}

export function FieldHints({ description, descriptionId, error, errorId }: { description?: ReactNode; descriptionId?: string; error?: string | null; errorId?: string }) {
  return (
    <>
      {description && (
        <p id={descriptionId} className="text-xs text-slate-500">
          {description}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
