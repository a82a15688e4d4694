"use client";
// "Export" for other pages: the search page passes the current query (and sort), the holds page a hold
// id, a selection bar its selected items. Opens the New export dialog with those contents fixed; the
// build then runs in the background and appears on the Exports page. Render it only for roles that may
// create exports (`can(role, "export:create")`); the API refuses others anyway.
import { useState } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { NewExportDialog, type ExportTarget } from "./new-export-dialog";

export type ExportButtonProps = ExportTarget & {
  label?: string;
  defaultName?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  disabled?: boolean;
};

export function ExportButton({ label = "Export", defaultName, variant = "secondary", size = "md", disabled, ...target }: ExportButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} size={size} disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <NewExportDialog open={open} onClose={() => setOpen(false)} target={target as ExportTarget} defaultName={defaultName} />
    </>
  );
}
