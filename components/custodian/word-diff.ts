// Word-level diff between two versions of a memory's text: a longest-common-subsequence over words (and
// the whitespace between them), enough to show a reviewer what changed. Pure; no HTML is produced.

export type DiffPart = { op: "same" | "added" | "removed"; text: string };

/** Past this many LCS cells (about 2,000 × 2,000 words) the diff gives up and shows old → new whole. */
const MAX_CELLS = 4_000_000;

function tokenize(s: string): string[] {
  // Whitespace runs, words, and each punctuation mark on its own ("office." → "office", ".").
  return s.match(/\s+|[\p{L}\p{N}\p{M}_'’-]+|[^\s\p{L}\p{N}\p{M}_'’-]/gu) ?? [];
}

function push(out: DiffPart[], op: DiffPart["op"], text: string) {
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ op: "same", text: before }] : [];
  const a = tokenize(before);
  const b = tokenize(after);
  // Trim the common prefix and suffix first: typical edits touch a few words.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffPart[] = [];
  if (start > 0) push(out, "same", a.slice(0, start).join(""));
  const ma = a.slice(start, endA);
  const mb = b.slice(start, endB);
  if ((ma.length + 1) * (mb.length + 1) > MAX_CELLS) {
    if (ma.length) push(out, "removed", ma.join(""));
    if (mb.length) push(out, "added", mb.join(""));
  } else {
    // lcs[i][j] = LCS length of ma[i..] and mb[j..], in one flat array.
    const cols = mb.length + 1;
    const lcs = new Uint32Array((ma.length + 1) * cols);
    for (let i = ma.length - 1; i >= 0; i--) {
      for (let j = mb.length - 1; j >= 0; j--) {
        lcs[i * cols + j] = ma[i] === mb[j] ? lcs[(i + 1) * cols + j + 1] + 1 : Math.max(lcs[(i + 1) * cols + j], lcs[i * cols + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < ma.length && j < mb.length) {
      if (ma[i] === mb[j]) {
        push(out, "same", ma[i]);
        i++;
        j++;
      } else if (lcs[(i + 1) * cols + j] >= lcs[i * cols + j + 1]) {
        push(out, "removed", ma[i++]);
      } else {
        push(out, "added", mb[j++]);
      }
    }
    while (i < ma.length) push(out, "removed", ma[i++]);
    while (j < mb.length) push(out, "added", mb[j++]);
  }
  if (endA < a.length) push(out, "same", a.slice(endA).join(""));
  return out;
}
