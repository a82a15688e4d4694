// Highlighted search text. Segments come from the engine; the content is untrusted archive text, so it
// is rendered as React text nodes inside <mark>, never as HTML.
import type { HighlightSegment } from "@/lib/search/types";

export function HighlightedText({ segments, fallback }: { segments: readonly HighlightSegment[]; fallback?: string }) {
  if (segments.length === 0) return fallback ? <>{fallback}</> : null;
  return (
    <>
      {segments.map((s, i) =>
        s.match ? (
          <mark key={i} className="rounded-sm bg-amber-200/80 px-0.5 text-inherit">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
