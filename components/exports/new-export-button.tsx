"use client";
// The exports page's "New export" action: an export of a search query typed in the dialog.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { NewExportDialog } from "./new-export-dialog";

export function NewExportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>New export</Button>
      <NewExportDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
