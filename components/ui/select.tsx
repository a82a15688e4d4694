// Native <select> with a label, description and error, wired like Input.
import { type ReactNode, type Ref, type SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { FieldHints, useFieldIds } from "./field";
import { fieldClasses } from "./input";

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: ReactNode;
  hideLabel?: boolean;
  description?: ReactNode;
  error?: string | null;
  /** Either pass options or <option> children. */
  options?: readonly SelectOption[];
  id?: string;
  ref?: Ref<HTMLSelectElement>;
};

export function Select({ label, hideLabel, description, error, options, id, className, children, ...rest }: SelectProps) {
  const { fieldId: selectId, descriptionId, errorId, describedBy } = useFieldIds(id, description, error);

  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={selectId} className={cn("block text-sm font-medium text-slate-800", hideLabel && "sr-only")}>
        {label}
      </label>
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(fieldClasses, "pr-8", error && "ring-red-500")}
        {...rest}
      >
        {options?.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
      <FieldHints description={description} descriptionId={descriptionId} error={error} errorId={errorId} />
    </div>
  );
}
