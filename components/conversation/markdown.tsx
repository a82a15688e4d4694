// Safe Markdown for untrusted ChatGPT content (server-renderable, no client JS). What a reviewer must be
// able to rely on:
// - Raw HTML in the text is shown as literal text (someone pasting `<script>` is evidence, so it must be
//   visible) and never becomes an element: raw nodes are turned into text here, before react-markdown's own
//   (identical) default, so safety does not hang on one library default.
// - Links are followed only for http, https and mailto, in a new tab with rel="noopener noreferrer"; any
//   other scheme (javascript:, data:, vbscript:, relative paths into this app) is inert text showing the URL.
// - Images are never loaded (no tracking pixels, no requests to attacker hosts): alt text plus the URL.
// - Headings are rendered as styled paragraphs so a message cannot add headings to the page outline.
// - Search terms are marked (<mark>) inside text nodes, code included, with the same pattern as plain text.
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import type { ReactNode } from "react";
import { HighlightedText } from "./highlight-terms";

const SAFE_SCHEMES = /^(https?:|mailto:)/i;

/** The URL when it may be followed (http, https, mailto), else null. Control characters are never allowed. */
export function safeHref(url: string | undefined | null): string | null {
  if (!url) return null;
  const trimmed = url.trim();
  // Browsers strip tabs/newlines inside schemes ("java\tscript:"); refuse anything with control characters.
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return null;
  return SAFE_SCHEMES.test(trimmed) ? trimmed : null;
}

type Parent = Root | Element;

function markText(node: Text, pattern: RegExp): ElementContent[] {
  const out: ElementContent[] = [];
  let last = 0;
  for (const m of node.value.matchAll(pattern)) {
    const start = m.index ?? 0;
    if (m[0].length === 0) continue;
    if (start > last) out.push({ type: "text", value: node.value.slice(last, start) });
    out.push({
      type: "element",
      tagName: "mark",
      properties: {},
      children: [{ type: "text", value: m[0] }],
    });
    last = start + m[0].length;
  }
  if (!out.length) return [node];
  if (last < node.value.length) out.push({ type: "text", value: node.value.slice(last) });
  return out;
}

/** Rehype plugin: raw HTML → text; then search terms → <mark>. Iterative (deeply nested lists are fine). */
function rehypeUntrusted(options: { pattern: RegExp | null }) {
  const { pattern } = options;
  return (tree: Root) => {
    const stack: Parent[] = [tree];
    while (stack.length) {
      const parent = stack.pop()!;
      const next: RootContent[] = [];
      for (const child of parent.children as RootContent[]) {
        if (child.type === "raw") {
          const text: Text = { type: "text", value: child.value };
          next.push(...(pattern ? markText(text, pattern) : [text]));
        } else if (child.type === "text" && pattern && !(parent.type === "element" && parent.tagName === "mark")) {
          next.push(...markText(child, pattern));
        } else {
          if (child.type === "element") stack.push(child);
          next.push(child);
        }
      }
      (parent as { children: RootContent[] }).children = next;
    }
  };
}

const components: Components = {
  a: ({ href, children }) => {
    const safe = safeHref(href);
    if (!safe) {
      return (
        <span className="text-slate-700" data-blocked-link="">
          {children}{" "}
          <span className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-600" title="Link not followed: only http, https and mailto links are">
            [link not followed: {href || "(empty)"}]
          </span>
        </span>
      );
    }
    return (
      <a href={safe} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    );
  },
  img: ({ src, alt }) => {
    const url = typeof src === "string" ? src : "";
    const safe = safeHref(url);
    return (
      <span className="rounded bg-slate-100 px-1 text-xs text-slate-700" data-image-placeholder="">
        [image{alt ? `: ${alt}` : ""}
        {url ? " — " : ""}
        {safe ? (
          <a href={safe} target="_blank" rel="noopener noreferrer" className="break-all text-indigo-700 underline">
            {url}
          </a>
        ) : (
          <span className="break-all font-mono">{url}</span>
        )}
        ]
      </span>
    );
  },
  // Headings become paragraphs (styled through data-h by the wrapper below).
  h1: ({ children }) => <p data-h="1">{children}</p>,
  h2: ({ children }) => <p data-h="2">{children}</p>,
  h3: ({ children }) => <p data-h="3">{children}</p>,
  h4: ({ children }) => <p data-h="4">{children}</p>,
  h5: ({ children }) => <p data-h="5">{children}</p>,
  h6: ({ children }) => <p data-h="6">{children}</p>,
  table: ({ children }) => (
    <div className="overflow-x-auto">
      <table>{children}</table>
    </div>
  ),
};

/** Keeps every URL as written: the a/img components above decide what may be followed and show the rest. */
const keepUrl = (url: string) => url;

// Element styles are set once on a container (MARKDOWN_STYLES, scoped to `.md`), not per element or per
// message: a thread window of 100 long messages stays small HTML.
export const MARKDOWN_STYLES = [
  "[&_.md_p]:my-2 [&_.md_p]:whitespace-pre-wrap [&_.md>p:first-child]:mt-0 [&_.md>p:last-child]:mb-0 [&_.md_[data-h]]:mt-3 [&_.md_[data-h]]:font-semibold",
  "[&_.md_ul]:my-2 [&_.md_ul]:list-disc [&_.md_ul]:pl-6 [&_.md_ol]:my-2 [&_.md_ol]:list-decimal [&_.md_ol]:pl-6 [&_.md_li]:my-0.5",
  "[&_.md_blockquote]:my-2 [&_.md_blockquote]:border-l-4 [&_.md_blockquote]:border-slate-300 [&_.md_blockquote]:pl-3",
  "[&_.md_pre]:my-2 [&_.md_pre]:overflow-x-auto [&_.md_pre]:rounded-md [&_.md_pre]:bg-slate-900 [&_.md_pre]:p-3 [&_.md_pre]:text-xs [&_.md_pre]:text-slate-100",
  "[&_.md_code]:font-mono [&_.md_:not(pre)>code]:rounded [&_.md_:not(pre)>code]:bg-slate-100 [&_.md_:not(pre)>code]:px-1",
  "[&_.md_table]:my-2 [&_.md_table]:min-w-full [&_.md_table]:text-xs [&_.md_th]:border [&_.md_th]:border-slate-300 [&_.md_th]:bg-slate-50 [&_.md_th]:px-2 [&_.md_th]:py-1 [&_.md_th]:text-left [&_.md_td]:border [&_.md_td]:border-slate-300 [&_.md_td]:px-2 [&_.md_td]:py-1",
  "[&_.md_hr]:my-3 [&_.md_a]:text-indigo-700 [&_.md_a]:underline [&_.md_mark]:rounded-sm [&_.md_mark]:bg-yellow-200 [&_.md_mark]:px-0.5",
].join(" ");
const WRAPPER = "md text-sm leading-relaxed break-words text-slate-900";

/**
 * Text without any character Markdown (with GFM) gives meaning to renders the same as paragraphs split at
 * blank lines: those messages (most prompts) skip the parser, which dominates the thread's render time.
 */
const MARKDOWN_SYNTAX = /[\\`*_[\]<>#|~&=]|https?:|www\.|@|^ {0,3}(?:[-+>]|\d{1,9}[.)])(?:[ \t]|$)|^(?: {4}|\t)/m;

export function isPlainText(text: string): boolean {
  return !MARKDOWN_SYNTAX.test(text);
}

export function SafeMarkdown({ text, pattern = null }: { text: string; pattern?: RegExp | null }): ReactNode {
  if (isPlainText(text)) {
    const paragraphs = text.split(/\n[ \t]*\n/).map((p) => p.trim()).filter(Boolean);
    return (
      <div className={WRAPPER} data-markdown="">
        {paragraphs.map((p, i) => (
          <p key={i}>
            <HighlightedText text={p} pattern={pattern} />
          </p>
        ))}
      </div>
    );
  }
  return (
    <div className={WRAPPER} data-markdown="">
      <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={[[rehypeUntrusted, { pattern }]]} components={components} urlTransform={keepUrl}>
        {text}
      </Markdown>
    </div>
  );
}
