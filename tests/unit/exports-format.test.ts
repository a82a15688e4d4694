// Pure pieces of the export: CSV cells (RFC 4180 quoting, spreadsheet formula injection), safe ZIP entry
// names for captured file names, and the conversation HTML's escaping and branch layout.
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/exports/csv";
import { safeFileName, safeIdSegment } from "@/lib/exports/file-names";
import { escapeHtml, renderConversationHtml, type HtmlMessage } from "@/lib/exports/html";
import { buildMessageTree } from "@/lib/ingest/tree";

describe("csvCell / csvRow", () => {
  it("quotes only what RFC 4180 requires and doubles quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(false)).toBe("false");
    expect(csvCell(new Date("2025-01-02T03:04:05.000Z"))).toBe("2025-01-02T03:04:05.000Z");
    expect(csvRow(["a", "b,c", null])).toBe('a,"b,c",\r\n');
  });

  it("neutralises cells a spreadsheet would evaluate", () => {
    expect(csvCell("=SUM(A1:A2)")).toBe("'=SUM(A1:A2)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell("a=b")).toBe("a=b");
    // Numbers are data, not text a user typed: a negative number stays a number.
    expect(csvCell(-3)).toBe("-3");
  });
});

describe("safeFileName", () => {
  it("keeps ordinary names", () => {
    expect(safeFileName("Q1 report.pdf", "file-1")).toBe("Q1 report.pdf");
    expect(safeFileName("résumé.docx", "file-1")).toBe("résumé.docx");
  });

  it("drops directories and traversal, control and reserved characters", () => {
    expect(safeFileName("../../etc/passwd", "f")).toBe("passwd");
    expect(safeFileName("..\\..\\boot.ini", "f")).toBe("boot.ini");
    expect(safeFileName('a<b>c:d"e|f?g*h.txt', "f")).toBe("a_b_c_d_e_f_g_h.txt");
    expect(safeFileName("tab\there\u0000.txt", "f")).toBe("tab_here_.txt");
    expect(safeFileName("evil\u202Etxt.exe", "f")).toBe("evil_txt.exe");
    expect(safeFileName("   .hidden  ", "f")).toBe("hidden");
    expect(safeFileName("name. . .", "f")).toBe("name");
  });

  it("falls back to the id when nothing is left, and avoids device names", () => {
    expect(safeFileName(null, "file-abc")).toBe("file-abc");
    expect(safeFileName("", "file-abc")).toBe("file-abc");
    expect(safeFileName("..", "file-abc")).toBe("file-abc");
    expect(safeFileName("/", "file/abc")).toBe("file_abc");
    expect(safeFileName("CON", "f")).toBe("_CON");
    expect(safeFileName("nul.txt", "f")).toBe("_nul.txt");
  });

  it("bounds the length in bytes, keeping the extension", () => {
    const long = `${"é".repeat(200)}.pdf`;
    const safe = safeFileName(long, "f");
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(120);
    expect(safe.endsWith(".pdf")).toBe(true);
    expect(safe.startsWith("éé")).toBe(true);
  });

  it("makes ids path-safe without collisions", () => {
    expect(safeIdSegment("conv-123_abc.x")).toBe("conv-123_abc.x");
    const a = safeIdSegment("a/b");
    const b = safeIdSegment("a_b");
    expect(a).toMatch(/^a_b-[0-9a-f]{10}$/);
    expect(a).not.toBe(b);
    expect(safeIdSegment("..")).toMatch(/^_-[0-9a-f]{10}$/);
  });
});

describe("renderConversationHtml", () => {
  const msg = (id: string, parentId: string | null, minute: number, text: string): HtmlMessage => ({
    id,
    parentId,
    role: minute % 2 ? "user" : "assistant",
    toolName: null,
    contentType: "text",
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, minute)),
    text,
    annotations: null,
    files: [],
    deletedAtSource: null,
  });

  it("escapes everything and lists alternate roots and branches under their branch point", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const messages = [msg("r1", null, 1, "old root"), msg("r2", null, 3, "root <img src=x onerror=alert(1)>"), msg("b1", "r2", 4, "reply one"), msg("b2", "r2", 5, "reply two")];
    const tree = buildMessageTree(messages.map((m) => ({ id: m.id, parentId: m.parentId, createdAt: m.createdAt!.getTime() })));
    const html = renderConversationHtml(
      { id: "c", title: "<i>t</i>", userId: "u", userEmail: null, createdAt: null, lastActiveAt: null, sha256: "0".repeat(64), deletedAtSource: null },
      messages,
      tree,
      { exportId: "e", exportName: "n", generatedAt: new Date(0), matchedIds: new Set(["b1"]) },
    );
    expect(html).not.toMatch(/<img|<i>|<script/i);
    expect(html).toContain("root &lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("1 alternate branch at the start of the conversation");
    expect(html).toContain("1 alternate branch from message r2");
    const pos = (id: string) => html.indexOf(`id="m-${id}"`);
    // Active thread r2 → b2; r1 listed before it (alternate root), b1 right after its branch point r2.
    expect(pos("r1")).toBeLessThan(pos("r2"));
    expect(pos("r2")).toBeLessThan(pos("b1"));
    expect(pos("b1")).toBeLessThan(pos("b2"));
    expect(html).toMatch(/class="msg role-assistant matched" id="m-b1"/);
  });
});
