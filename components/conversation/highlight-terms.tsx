// Marks search terms in untrusted text as React nodes (never HTML): words match at a word start, case- and
// accent-insensitively as far as a regular expression can (the engines' stemming is not reproduced here),
// phrases match with any whitespace between their words.
import type { ReactNode } from "react";

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function termsPattern(terms: readonly string[]): RegExp | null {
  const parts = terms
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .sort((a, b) => b.length - a.length)
    .map((t) => t.split(/\s+/).map(escape).join("\\s+"));
  return parts.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join("|")})`, "giu") : null;
}

export function HighlightedText({ text, pattern }: { text: string; pattern: RegExp | null }): ReactNode {
  if (!pattern) return text;
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index ?? 0;
    if (start > last) out.push(text.slice(last, start));
    out.push(
      <mark key={start} className="rounded-sm bg-yellow-200 px-0.5 text-inherit">
        {m[0]}
      </mark>,
    );
    last = start + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
