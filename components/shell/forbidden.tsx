// Shown instead of a page when the signed-in role lacks the permission it needs (see requirePermission).
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export function Forbidden({ message }: { message?: string }) {
  return (
    <section className="mx-auto max-w-lg py-16 text-center" aria-labelledby="forbidden-title">
      <p className="text-sm font-semibold text-red-700">403</p>
      <h1 id="forbidden-title" className="mt-2 text-2xl font-semibold text-slate-900">
        You don&apos;t have access to this page
      </h1>
      <p className="mt-2 text-sm text-slate-600">
        {message ?? "Your role doesn't include this area. Ask an administrator if you need access."}
      </p>
      <Link href="/" className={buttonClasses("secondary", "md", "mt-6")}>
        Go to the dashboard
      </Link>
    </section>
  );
}
