// Labelled text input; renders on server or client (useId works in both). Description and error are wired
// through aria-describedby; an error also sets aria-invalid so assistive tech announces the field as invalid.
import { type InputHTMLAttributes, type ReactNode, type Ref } from "react";
import { cn } from "./cn";
import { FieldHints, useFieldIds } from "./field";

export type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  label: ReactNode;
  /** Keeps the label for screen readers only (e.g. compact filter bars). */
  hideLabel?: boolean;
  description?: ReactNode;
  error?: string | null;
  id?: string;
  ref?: Ref<HTMLInputElement>;
};

export const fieldClasses =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 " +
  "placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-accent-600 focus-visible:outline-none " +
  "disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500";

export function Input({ label, hideLabel, description, error, id, className, required, ...rest }: InputProps) {
  const { fieldId: inputId, descriptionId, errorId, describedBy } = useFieldIds(id, description, error);

  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={inputId} className={cn("block text-sm font-medium text-slate-800", hideLabel && "sr-only")}>
        {label}
        {required && <span className="text-red-600" aria-hidden="true"> *</span>}
      </label>
      <input
        id={inputId}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(fieldClasses, error && "ring-red-500 focus:ring-red-600")}
        {...rest}
      />
      <FieldHints description={description} descriptionId={descriptionId} error={error} errorId={errorId} />
    </div>
  );
}
