"use client";
// Deep links to a message (#m-<id>). The hash never reaches the server, so when it names a message that is
// not rendered (another branch, another window of this one), this asks the server for the branch through
// it (?m=<id>). When it is rendered, it is scrolled to and highlighted (also after client-side hash changes,
// where :target alone is unreliable).
import { useEffect } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

const HIGHLIGHT = "message-highlighted";

export function MessageDeepLink() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();

  useEffect(() => {
    const apply = () => {
      const hash = decodeURIComponent(window.location.hash.slice(1));
      if (!hash.startsWith("m-")) return;
      const id = hash.slice(2);
      const el = document.getElementById(hash);
      if (!el) {
        if (searchParams.get("m") === id) return; // unknown message: the server already said so
        const params = new URLSearchParams(searchParams.toString());
        params.set("m", id);
        params.delete("page");
        router.replace(`${pathname}?${params.toString()}#${encodeURIComponent(hash)}`);
        return;
      }
      for (const old of document.querySelectorAll(`.${HIGHLIGHT}`)) if (old !== el) old.classList.remove(HIGHLIGHT);
      el.classList.add(HIGHLIGHT);
      el.scrollIntoView({ block: "start" });
    };
    apply();
    window.addEventListener("hashchange", apply);
    return () => window.removeEventListener("hashchange", apply);
  }, [pathname, router, searchParams]);

  return null;
}
