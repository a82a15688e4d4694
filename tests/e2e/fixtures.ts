// Items the e2e server plants in the search workspace before the app starts (scripts/e2e-server.ts) and
// the review specs open: untrusted HTML in a message, a Markdown answer, and one custodian whose memories
// changed and were deleted between two syncs. Written to a file the specs read.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type E2EFixtures = {
  /** A conversation whose newest user message is `xssText` and whose newest reply is `markdownText`. */
  conversationId: string;
  xssMessageId: string;
  xssText: string;
  markdownMessageId: string;
  markdownText: string;
  /** A custodian with one memory changed and one deleted at source after the first sync. */
  memoryUserId: string;
  changedMemoryEntryIds: string[];
  deletedMemoryEntryIds: string[];
  /** The governance workspace's source and a custodian of it with memories and conversations. */
  governance: { sourceId: string; userId: string; userEmail: string; userName: string; otherUserEmails: string[] };
};

export const XSS_TEXT = "<img src=x onerror=alert(1)><script>alert(2)</script>";

export const MARKDOWN_TEXT = [
  "## Summary of the **quarterly** review",
  "",
  "| Region | Revenue |",
  "| --- | ---: |",
  "| North | 1,200 |",
  "| South | 950 |",
  "",
  "```python",
  "print('<b>not bold</b>')",
  "```",
  "",
  "See [the policy](https://example.com/policy) and [a script link](javascript:alert(3)).",
].join("\n");

export function fixturesPath(): string {
  return path.join(os.tmpdir(), `custodian-e2e-fixtures-${process.getuid?.() ?? 0}.json`);
}

export function readFixtures(): E2EFixtures {
  return JSON.parse(fs.readFileSync(fixturesPath(), "utf8")) as E2EFixtures;
}
