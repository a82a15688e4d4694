import { describe, expect, it } from "vitest";
import {
  changedSpan,
  collapseUnchanged,
  diffConfigs,
  diffFiles,
  diffLineOps,
  diffList,
  diffSharing,
  diffText,
  diffTools,
  openapiTitle,
  parseSharing,
  parseTools,
  type ConfigSnapshot,
  type DiffOp,
  type ToolSnapshot,
} from "@/lib/archive/config-diff";

const base: ConfigSnapshot = {
  name: "Contract Clause Checker",
  description: "Flags risky clauses.",
  instructions: "You review contracts.\nUse the playbook.\nAnswer briefly.",
  categories: ["productivity"],
  conversationStarters: ["Review this NDA", "What is an indemnity cap?"],
  tools: parseTools({ object: "list", data: [{ type: "browser", created_at: 1 }] }),
  files: [{ id: "file-a", name: "playbook.pdf" }],
  versionAuthor: "ana@example.com",
};

/** Applies an edit script to `before` and checks it yields `after`, using only `same`/`add` lines in order. */
function apply(ops: DiffOp[]): { before: string[]; after: string[] } {
  return { before: ops.filter((o) => o.kind !== "add").map((o) => o.text), after: ops.filter((o) => o.kind !== "del").map((o) => o.text) };
}

describe("line diff", () => {
  it("finds added, removed and changed lines and pairs them side by side", () => {
    const d = diffText("a\nb\nc\nd", "a\nB\nc\nd\ne");
    expect(d.identical).toBe(false);
    expect(d.added).toBe(2);
    expect(d.removed).toBe(1);
    expect(d.rows.map((r) => r.kind)).toEqual(["same", "changed", "same", "same", "added"]);
    expect(d.rows[1]).toEqual({ kind: "changed", left: { line: 2, text: "b" }, right: { line: 2, text: "B" } });
    expect(d.rows[4]).toEqual({ kind: "added", left: null, right: { line: 5, text: "e" } });
  });

  it("numbers each side independently around removals", () => {
    const d = diffText("x\ny\nz", "x\nz");
    expect(d.rows).toEqual([
      { kind: "same", left: { line: 1, text: "x" }, right: { line: 1, text: "x" } },
      { kind: "removed", left: { line: 2, text: "y" }, right: null },
      { kind: "same", left: { line: 3, text: "z" }, right: { line: 2, text: "z" } },
    ]);
  });

  it("treats empty and missing text alike, and text from nothing as all added", () => {
    expect(diffText(null, "").identical).toBe(true);
    const d = diffText(null, "one\ntwo");
    expect(d.rows.map((r) => r.kind)).toEqual(["added", "added"]);
    expect(diffText("one\r\ntwo", "one\ntwo").identical).toBe(false); // raw texts differ…
    expect(diffText("one\r\ntwo", "one\ntwo").rows.every((r) => r.kind === "same")).toBe(true); // …but no line does
  });

  it("reports identical texts with all rows unchanged", () => {
    const d = diffText("a\nb", "a\nb");
    expect(d).toMatchObject({ identical: true, added: 0, removed: 0, approximate: false });
    expect(d.rows.every((r) => r.kind === "same")).toBe(true);
  });

  it("produces a minimal, valid edit script on shuffled input", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 50; round++) {
      const a = Array.from({ length: 30 }, () => String(Math.floor(rand() * 6)));
      const b = a.filter(() => rand() > 0.2).map((x) => (rand() > 0.85 ? `${x}'` : x));
      if (rand() > 0.5) b.splice(Math.floor(rand() * b.length), 0, "new");
      const { ops, approximate } = diffLineOps(a, b);
      expect(approximate).toBe(false);
      expect(apply(ops)).toEqual({ before: a, after: b });
    }
    // Minimal: one changed line in the middle costs exactly one removal and one addition.
    const { ops } = diffLineOps(["a", "b", "c", "b", "a"], ["a", "b", "X", "b", "a"]);
    expect(ops.filter((o) => o.kind !== "same")).toHaveLength(2);
  });

  it("diffs 10,000-line instructions quickly, exactly for scattered edits", () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `Rule ${i}: answer about topic ${i % 97} politely.`);
    const edited = lines.slice();
    for (let i = 100; i < 10_000; i += 500) edited[i] = `${edited[i]} (revised)`;
    edited.splice(5_000, 0, "A brand new rule.");
    const started = performance.now();
    const d = diffText(lines.join("\n"), edited.join("\n"));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(d.approximate).toBe(false);
    expect(d.removed).toBe(20);
    expect(d.added).toBe(21);
    expect(d.rows.filter((r) => r.kind === "changed")).toHaveLength(20);
  });

  it("bounds the work on completely different large texts and falls back to one replaced block", () => {
    const a = Array.from({ length: 10_000 }, (_, i) => `old ${i}`).join("\n");
    const b = Array.from({ length: 12_000 }, (_, i) => `new ${i}`).join("\n");
    const started = performance.now();
    const d = diffText(a, b);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(d.approximate).toBe(true);
    expect(d).toMatchObject({ removed: 10_000, added: 12_000 });
    expect(d.rows).toHaveLength(12_000);
    // A small bound is honoured too.
    const small = diffText("a\nb\nc\nd", "w\nx\ny\nz", { maxEditDistance: 2 });
    expect(small.approximate).toBe(true);
    expect(small.rows.map((r) => r.kind)).toEqual(["changed", "changed", "changed", "changed"]);
  });

  it("collapses long unchanged runs but keeps context around changes", () => {
    const a = Array.from({ length: 40 }, (_, i) => `l${i}`);
    const b = a.slice();
    b[20] = "changed";
    const segments = collapseUnchanged(diffText(a.join("\n"), b.join("\n")).rows, 3);
    expect(segments.map((s) => [s.kind, s.rows.length])).toEqual([
      ["collapsed", 17],
      ["rows", 7],
      ["collapsed", 16],
    ]);
    // Short runs stay expanded.
    expect(collapseUnchanged(diffText("a\nb\nc", "a\nB\nc").rows).map((s) => s.kind)).toEqual(["rows"]);
  });

  it("locates the changed span inside a line", () => {
    expect(changedSpan("Answer briefly.", "Answer at length.")).toEqual({ prefix: 7, suffixBefore: 14, suffixAfter: 16 });
    expect(changedSpan("same", "same")).toEqual({ prefix: 4, suffixBefore: 4, suffixAfter: 4 });
  });
});

describe("lists, tools and files", () => {
  it("lists added and removed starters and notices reordering", () => {
    expect(diffList(["a", "b", "c"], ["b", "c", "d"])).toEqual({ identical: false, added: ["d"], removed: ["a"], kept: ["b", "c"], reordered: false });
    expect(diffList(["a", "b"], ["b", "a"])).toMatchObject({ identical: false, added: [], removed: [], reordered: true });
    expect(diffList(["a"], ["a"]).identical).toBe(true);
  });

  it("parses tools in both list shapes, normalises spellings and keeps only documented fields", () => {
    const tools = parseTools([
      { type: "custom-action", action_domain: "api.example.com", auth_type: "oauth", action_openapi_raw: "openapi: 3.1.0\ninfo:\n  title: Clauses API\n  version: '1'\n", client_secret: "s3cr3t" },
      { type: "browser" },
    ]);
    expect(tools[0]).toEqual({
      type: "custom_action",
      createdAt: null,
      domain: "api.example.com",
      authType: "oauth",
      privacyPolicyUrl: null,
      openapi: "openapi: 3.1.0\ninfo:\n  title: Clauses API\n  version: '1'\n",
      title: "Clauses API",
    });
    expect(JSON.stringify(tools)).not.toContain("s3cr3t");
    expect(parseTools({ object: "list", data: [{ type: "action" }] })[0].type).toBe("custom_action");
    expect(parseTools(null)).toEqual([]);
  });

  it("reads an OpenAPI title from YAML block, YAML flow and JSON", () => {
    expect(openapiTitle("openapi: 3.1.0\ninfo:\n  version: '1'\n  title: \"Ledger API\"\npaths: {}")).toBe("Ledger API");
    expect(openapiTitle("openapi: 3.1.0\ninfo: {title: Clauses, version: '1'}\npaths: {}\n")).toBe("Clauses");
    expect(openapiTitle('{"openapi":"3.1.0","info":{"version":"1","title":"Json API"}}')).toBe("Json API");
    expect(openapiTitle("paths: {}")).toBeNull();
  });

  it("reports tools added, removed and custom actions whose schema or auth changed", () => {
    const action = (auth: string, schema: string): ToolSnapshot => ({
      type: "custom_action",
      createdAt: 1,
      domain: "api.example.com",
      authType: auth,
      privacyPolicyUrl: "https://example.com/privacy",
      openapi: schema,
      title: "Clauses",
    });
    const browser = parseTools([{ type: "browser" }]);
    const dalle = parseTools([{ type: "dall-e" }]);
    const changes = diffTools([...browser, action("none", "paths:\n  /a: {}\n")], [action("api_key", "paths:\n  /a: {}\n  /b: {}\n"), ...dalle]);
    expect(changes.map((c) => [c.type, c.status])).toEqual([
      ["custom_action", "changed"],
      ["dall-e", "added"],
      ["browser", "removed"],
    ]);
    expect(changes[0].fields).toEqual([{ field: "authType", label: "Authentication", before: "none", after: "api_key" }]);
    expect(changes[0].schema?.added).toBe(1);
    expect(changes[0].label).toBe("Custom action: Clauses");
    // An action moved to another domain is a removal plus an addition.
    const moved = diffTools([action("none", "x")], [{ ...action("none", "x"), domain: "api.other.com" }]);
    expect(moved.map((c) => c.status)).toEqual(["added", "removed"]);
    expect(diffTools(browser, browser)[0].status).toBe("unchanged");
  });

  it("reports files added, removed and renamed by id", () => {
    expect(
      diffFiles(
        [
          { id: "f1", name: "a.pdf" },
          { id: "f2", name: "b.pdf" },
        ],
        [
          { id: "f2", name: "b-v2.pdf" },
          { id: "f3", name: "c.pdf" },
        ],
      ).map((c) => [c.status, (c.after ?? c.before)!.id]),
    ).toEqual([
      ["renamed", "f2"],
      ["added", "f3"],
      ["removed", "f1"],
    ]);
  });
});

describe("whole configurations and sharing", () => {
  it("finds nothing in identical versions", () => {
    const d = diffConfigs(base, { ...base, tools: [...base.tools], files: [...base.files] });
    expect(d.identical).toBe(true);
    expect(d.changed).toEqual([]);
    expect(d.tools.every((t) => t.status === "unchanged")).toBe(true);
  });

  it("summarises every changed field in display order", () => {
    const d = diffConfigs(base, {
      ...base,
      name: "Clause Checker",
      instructions: "You review contracts.\nUse the 2026 playbook.\nAnswer briefly.",
      categories: [],
      conversationStarters: ["Review this NDA", "Compare two MSAs"],
      tools: [],
      files: [...base.files, { id: "file-b", name: "msa.docx" }],
      versionAuthor: "li@example.com",
    });
    expect(d.changed).toEqual(["Name", "Version author", "Instructions", "Conversation starters", "Categories", "Tools", "Files"]);
    expect(d.scalars[0]).toEqual({ field: "name", label: "Name", before: "Contract Clause Checker", after: "Clause Checker" });
    expect(d.instructions.rows.map((r) => r.kind)).toEqual(["same", "changed", "same"]);
    expect(d.starters).toMatchObject({ added: ["Compare two MSAs"], removed: ["What is an indemnity cap?"] });
    expect(d.categories.removed).toEqual(["productivity"]);
    expect(d.description.identical).toBe(true);
  });

  it("parses sharing in both recipient shapes and diffs visibility, permissions and recipients", () => {
    const perms = (r: boolean, v: boolean, w: boolean) => ({ can_read: r, can_view_config: v, can_write: w });
    const before = parseSharing({
      visibility: "invite-only",
      permissions: perms(true, false, false),
      recipients: [
        { id: "u1", email: "a@x.com", permissions: perms(true, false, false) },
        { id: "u2", email: "b@x.com", permissions: perms(true, true, false) },
      ],
    });
    const after = parseSharing({
      visibility: "workspace",
      permissions: perms(true, false, false),
      recipients: { object: "list", data: [{ id: "u2", email: "b@x.com", permissions: perms(true, true, true) }, { id: "u3", email: "c@x.com", permissions: null }], has_more: false },
    });
    expect(after.recipients.map((r) => r.id)).toEqual(["u2", "u3"]);
    const d = diffSharing(before, after);
    expect(d.identical).toBe(false);
    expect(d.fields).toEqual([{ field: "visibility", label: "Visibility", before: "invite-only", after: "workspace" }]);
    expect(d.recipientsAdded.map((r) => r.id)).toEqual(["u3"]);
    expect(d.recipientsRemoved.map((r) => r.id)).toEqual(["u1"]);
    expect(d.recipientsChanged.map((c) => c.after.id)).toEqual(["u2"]);
    expect(diffSharing(before, before).identical).toBe(true);
    expect(parseSharing(null, "workspace")).toEqual({ visibility: "workspace", permissions: null, recipients: [] });
  });
});
