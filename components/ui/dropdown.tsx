"use client";
// Menu button (WAI-ARIA APG pattern): Enter/Space/ArrowDown open on the first item, ArrowUp on the last;
// arrows wrap, Home/End jump, Escape closes and returns focus to the button, Tab or a click outside closes.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "./cn";
import { buttonClasses, type ButtonSize, type ButtonVariant } from "./button";

export type DropdownItem = {
  key: string;
  label: ReactNode;
  onSelect: () => void;
  tone?: "default" | "danger";
  disabled?: boolean;
};

export type DropdownProps = {
  /** Visible button content. */
  trigger: ReactNode;
  /** Accessible name when the trigger content is not descriptive (e.g. an icon). */
  triggerLabel?: string;
  items: readonly DropdownItem[];
  /** Optional non-interactive content shown above the items (e.g. who is signed in). */
  header?: ReactNode;
  align?: "start" | "end";
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
};

export function Dropdown({ trigger, triggerLabel, items, header, align = "end", variant = "ghost", size = "md", className }: DropdownProps) {
  const [open, setOpen] = useState(false);
  const buttonId = useId();
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const pendingFocus = useRef<"first" | "last" | null>(null);

  const enabledIndexes = items.map((item, i) => (item.disabled ? -1 : i)).filter((i) => i >= 0);

  function focusItem(which: "first" | "last" | "next" | "prev") {
    if (enabledIndexes.length === 0) return;
    const current = itemRefs.current.findIndex((el) => el === document.activeElement);
    const pos = enabledIndexes.indexOf(current);
    let next: number;
    if (which === "first") next = enabledIndexes[0];
    else if (which === "last") next = enabledIndexes[enabledIndexes.length - 1];
    else if (which === "next") next = enabledIndexes[(pos + 1) % enabledIndexes.length];
    else next = enabledIndexes[(pos - 1 + enabledIndexes.length) % enabledIndexes.length];
    itemRefs.current[next]?.focus();
  }

  function openMenu(focus: "first" | "last") {
    pendingFocus.current = focus;
    setOpen(true);
  }

  function closeMenu(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }

  // Items exist only after the open render commits; move focus then.
  useEffect(() => {
    if (open && pendingFocus.current) {
      focusItem(pendingFocus.current);
      pendingFocus.current = null;
    }
  });

  useEffect(() => {
    if (!open) return;
    function onPointerDown(e: PointerEvent) {
      if (!containerRef.current?.contains(e.target as Node)) setOpen(false);
    }
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  function onButtonKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    // Enter and Space arrive as a native click (handled by onClick), which also opens on the first item.
    if (e.key === "ArrowDown") {
      e.preventDefault();
      openMenu("first");
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      openMenu("last");
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      closeMenu(true);
    }
  }

  function onMenuKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, "first" | "last" | "next" | "prev"> = { ArrowDown: "next", ArrowUp: "prev", Home: "first", End: "last" };
    if (moves[e.key]) {
      e.preventDefault();
      focusItem(moves[e.key]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      closeMenu(true);
    } else if (e.key === "Tab") {
      setOpen(false);
    }
  }

  return (
    <div ref={containerRef} className={cn("relative inline-block text-left", className)}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={triggerLabel}
        onClick={() => (open ? closeMenu(false) : openMenu("first"))}
        onKeyDown={onButtonKeyDown}
        className={buttonClasses(variant, size)}
      >
        {trigger}
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          aria-labelledby={buttonId}
          onKeyDown={onMenuKeyDown}
          className={cn(
            "absolute z-40 mt-1 min-w-48 rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-900/10",
            align === "end" ? "right-0" : "left-0",
          )}
        >
          {header && <div className="border-b border-slate-100 px-3 py-2 text-sm">{header}</div>}
          {items.map((item, i) => (
            <button
              key={item.key}
              ref={(el) => {
                itemRefs.current[i] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              disabled={item.disabled}
              aria-disabled={item.disabled || undefined}
              onClick={() => {
                closeMenu(true);
                item.onSelect();
              }}
              className={cn(
                "block w-full px-3 py-2 text-left text-sm focus:outline-none disabled:cursor-not-allowed disabled:opacity-50",
                item.tone === "danger" ? "text-red-700 hover:bg-red-50 focus:bg-red-50" : "text-slate-700 hover:bg-slate-100 focus:bg-slate-100",
              )}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
