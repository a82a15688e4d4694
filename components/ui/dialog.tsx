"use client";
// Modal dialog on the native <dialog> element: showModal() makes the rest of the page inert (focus stays
// inside), Escape raises "cancel", which we route through onClose so the parent's state stays the source
// of truth. Focus returns to whatever was focused before opening. Content mounts only while open, so
// forms inside start fresh every time.
import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "./cn";

export type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  size?: "sm" | "md" | "lg";
  /** Close when the backdrop is clicked (default true). Turn off while a request is in flight. */
  dismissible?: boolean;
  children: ReactNode;
};

const widths = { sm: "max-w-sm", md: "max-w-lg", lg: "max-w-2xl" } as const;

export function Dialog({ open, onClose, title, description, size = "md", dismissible = true, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const pointerDownOnBackdrop = useRef(false);
  const onCloseRef = useRef(onClose);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    returnFocusRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal() focuses the first focusable descendant; [data-autofocus] lets content pick another.
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      if (dialog.open) dialog.close();
      const target = returnFocusRef.current;
      returnFocusRef.current = null;
      if (target?.isConnected) target.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(e) => {
        // Escape: keep the element open until the parent flips `open`, so state and DOM never disagree.
        e.preventDefault();
        if (dismissible) onCloseRef.current();
      }}
      onPointerDown={(e) => {
        pointerDownOnBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        // The inner panel fills the element, so a click whose target is the <dialog> itself hit the backdrop.
        if (dismissible && pointerDownOnBackdrop.current && e.target === e.currentTarget) onCloseRef.current();
        pointerDownOnBackdrop.current = false;
      }}
      className={cn(
        "m-auto w-[calc(100%-2rem)] rounded-xl bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-900/10",
        "backdrop:bg-slate-900/50",
        widths[size],
      )}
    >
      {open && (
        <div className="relative p-6">
          <div className="mb-4 pr-8">
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="mt-1 text-sm text-slate-600">
                {description}
              </p>
            )}
          </div>
          {children}
          {/* Last in DOM order so showModal() puts initial focus on the first field, not on Close. */}
          <button
            type="button"
            onClick={() => onCloseRef.current()}
            disabled={!dismissible}
            className="absolute top-5 right-5 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-50"
            aria-label="Close"
          >
            <svg viewBox="0 0 20 20" className="size-5" fill="currentColor" aria-hidden="true">
              <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
            </svg>
          </button>
        </div>
      )}
    </dialog>
  );
}

/** Right-aligned action row for the bottom of a dialog (or a form inside one). */
export function DialogFooter({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn("mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)}>{children}</div>;
}
