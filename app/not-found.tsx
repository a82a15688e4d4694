import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main id="main-content" className="flex min-h-dvh items-center justify-center p-6">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-accent-700">404</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">The page you asked for doesn&apos;t exist or has moved.</p>
        <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
          Go to the dashboard
        </Link>
      </div>
    </main>
  );
}
