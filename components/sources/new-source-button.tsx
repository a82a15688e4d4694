"use client";
// "New source" is announced as a button (the setup flow's wording: Sources → New) and navigates to the form.
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";

export function NewSourceButton() {
  const router = useRouter();
  return <Button onClick={() => router.push("/admin/sources/new")}>New source</Button>;
}
