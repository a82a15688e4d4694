// Native <select> with a label, description and error, wired like Input.
import { useId, type ReactNode, type Ref, type SelectHTMLAttributes } from "react";
import { cn } from "./cn";
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
  const autoId = useId();
  const selectId = id ?? autoId;
  const descriptionId = description ? `${selectId}-description` : undefined;
  const errorId = error ? `${selectId}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ") || undefined;

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
    </div>
  );
}
