// Safe Markdown for untrusted message text, rendered to static HTML exactly as the server sends it: raw HTML
// only ever as visible text, links followed only for http/https/mailto (new tab, no opener, no referrer),
// images never loaded, GFM tables and code blocks rendered, search terms marked inside the Markdown.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SafeMarkdown, safeHref } from "@/components/conversation/markdown";
import { termsPattern } from "@/components/conversation/highlight-terms";

const render = (text: string, terms: string[] = []) => renderToStaticMarkup(createElement(SafeMarkdown, { text, pattern: termsPattern(terms) }));

/** Text content of the rendered HTML (tags removed, entities decoded): what a reader sees. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("SafeMarkdown", () => {
  it("shows raw HTML as literal text and never as elements", () => {
    const xss = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    for (const text of [xss, `Hello ${xss} world`, `<div onclick="x()">block</div>\n\n<iframe src="https://evil.example"></iframe>`]) {
      const html = render(text);
      expect(html).not.toMatch(/<(script|img|iframe|div onclick)[\s>]/i);
      // No tag carries an event handler attribute (the literal text may, escaped).
      expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    }
    expect(visibleText(render(xss))).toContain(xss);
    expect(render(xss)).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
  });

  it("follows http(s) and mailto links in a new tab without opener or referrer", () => {
    const html = render("See [the policy](https://example.com/policy), <https://auto.example/x> and [mail](mailto:a@example.com).");
    expect(html).toContain('<a href="https://example.com/policy" target="_blank" rel="noopener noreferrer"');
    expect(html).toContain('href="https://auto.example/x" target="_blank" rel="noopener noreferrer"');
    expect(html).toContain('href="mailto:a@example.com"');
    expect(html.match(/<a /g)).toHaveLength(3);
  });

  it("renders javascript:, data:, vbscript: and relative links as inert text showing the URL", () => {
    for (const url of ["javascript:alert(3)", "JaVaScRiPt:alert(3)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox", "/admin/users"]) {
      const html = render(`[a script link](${url})`);
      expect(html, url).not.toContain("<a ");
      expect(html, url).not.toContain("href=");
      expect(visibleText(html)).toContain("a script link");
      expect(visibleText(html)).toContain(url);
    }
    expect(safeHref("java\tscript:alert(1)")).toBeNull();
    expect(safeHref(" https://ok.example ")).toBe("https://ok.example");
  });

  it("never loads images: alt text and URL instead", () => {
    const html = render("![a chart](https://tracker.example/pixel.png) ![x](javascript:alert(1))");
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain("src=");
    expect(visibleText(html)).toContain("[image: a chart — https://tracker.example/pixel.png]");
    expect(html).toContain('<a href="https://tracker.example/pixel.png" target="_blank" rel="noopener noreferrer"');
    expect(html).not.toContain('href="javascript:');
  });

  it("renders GFM tables and fenced code blocks (code shown literally)", () => {
    const html = render(["| Region | Revenue |", "| --- | ---: |", "| North | 1,200 |", "", "```python", "print('<b>not bold</b>')", "```"].join("\n"));
    expect(html).toMatch(/<table[^>]*>.*<th[^>]*>Region<\/th>.*<td[^>]*>North<\/td>/s);
    expect(html).toMatch(/<pre[^>]*><code[^>]*language-python[^>]*>print\(&#x27;&lt;b&gt;not bold&lt;\/b&gt;&#x27;\)/);
    expect(html).not.toContain("<b>");
  });

  it("renders headings as paragraphs so messages cannot add to the page outline", () => {
    const html = render("# Big\n\n## Smaller");
    expect(html).not.toMatch(/<h[1-6]/);
    expect(visibleText(html)).toContain("Big");
  });

  it("marks search terms inside Markdown text, tables, code and literal HTML", () => {
    const html = render("**Quarterly** revenue\n\n| quarterly |\n| --- |\n| x |\n\n`quarterly` <b>quarterly</b>", ["quarterly"]);
    expect(html.match(/<mark[^>]*>quarterly<\/mark>/gi)).toHaveLength(4);
    expect(html).toMatch(/<strong><mark[^>]*>Quarterly<\/mark><\/strong>/);
    expect(html).toContain("&lt;b&gt;<mark");
    // Word starts only, like plain-text highlighting.
    expect(render("biquarterly", ["quarterly"])).not.toContain("<mark");
    // No terms: no marks.
    expect(render("quarterly")).not.toContain("<mark");
  });
});

describe("plain-text fast path", () => {
  it("takes only text without Markdown syntax", async () => {
    const { isPlainText } = await import("@/components/conversation/markdown");
    expect(isPlainText("What were the quarterly numbers?\n\nAnd the costs, please.")).toBe(true);
    for (const text of ["a *b*", "a_b_", "`x`", "<b>x</b>", "# h", "a | b", "x &amp; y", "see https://x.example", "www.x.example", "a@b.example", "- item", "1. item", "    code", "> quote", "Title\n===", "[a](b)", "a\\*b", "~~s~~"]) {
      expect(isPlainText(text), text).toBe(false);
    }
  });

  it("renders plain text as the parser would: paragraphs at blank lines, marks, nothing interpreted", () => {
    const html = render("First line\nsecond line\n\nQuarterly review", ["quarterly"]);
    expect(html.match(/<p[^>]*>/g)).toHaveLength(2);
    expect(visibleText(html)).toContain("First line\nsecond line");
    expect(html).toMatch(/<mark[^>]*>Quarterly<\/mark> review/);
  });
});
