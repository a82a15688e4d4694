// Review on a conversation page: an admin makes sure the tag exists, a reviewer tags, flags, escalates and
// comments (then edits the comment) and reloads to see it all persisted. (That review state reaches search
// is checked in tests/integration/review-api.test.ts; here the worker's once-a-minute drain would make the
// spec slow.) An auditor then sees the same tag with no controls. The conversation comes from the search workspace the e2e server indexes at start.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { accounts } from "./accounts";
import { signInAs } from "./helpers";
import type { SearchResponse } from "@/lib/search/schemas";

test.describe.configure({ mode: "serial" });

const TAG = { name: "E2E-Privileged", color: "#aa3355" };

async function apiSearch(request: APIRequestContext, q: string, limit = 25): Promise<SearchResponse> {
  const res = await request.get(`/api/v1/search?${new URLSearchParams({ q, limit: String(limit) })}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as SearchResponse;
}

let conversationId = "";

test("an admin creates the review tag", async ({ page }) => {
  await signInAs(page, accounts.admin.email);
  const res = await page.request.post("/api/v1/tags", { data: TAG });
  // 409: an earlier run already created it.
  expect([200, 201, 409], await res.text()).toContain(res.status());
});

test("a reviewer tags, flags, escalates and comments on a conversation", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, accounts.reviewer.email);

  // A conversation from the indexed search workspace (indexing may still be finishing at start).
  await expect
    .poll(async () => (await apiSearch(page.request, "type:message role:assistant", 1)).total, { timeout: 120_000, message: "demo data indexed" })
    .toBeGreaterThan(0);
  const recent = await apiSearch(page.request, "type:message role:assistant", 50);
  const hit = recent.hits.find((h) => h.document.conversationId && h.document.onActiveBranch && !h.document.deletedAtSource);
  expect(hit, "an indexed conversation").toBeTruthy();
  conversationId = hit!.document.conversationId!;
  const item = { itemType: "CONVERSATION", itemId: conversationId };

  // Start from a known state on reruns: no tag, unreviewed, no open flags.
  const tags = (await (await page.request.get("/api/v1/tags")).json()) as { tags: { id: string; name: string }[] };
  const tag = tags.tags.find((t) => t.name === TAG.name);
  expect(tag, "the E2E tag exists").toBeTruthy();
  expect((await page.request.post("/api/v1/review/tags", { data: { items: [item], tagIds: [tag!.id], action: "remove" } })).ok()).toBe(true);
  expect((await page.request.post("/api/v1/review/status", { data: { items: [item], status: "UNREVIEWED" } })).ok()).toBe(true);
  const before = (await (await page.request.get(`/api/v1/review/items?${new URLSearchParams(item)}`)).json()) as {
    review: { flags: { open: { id: string }[] } };
  };
  for (const f of before.review.flags.open) expect((await page.request.post(`/api/v1/flags/${f.id}/resolve`, { data: {} })).ok()).toBe(true);

  const stamp = Date.now();
  const reason = `Possible privileged advice ${stamp}`;
  const comment = `Needs counsel review ${stamp}`;
  const edited = `${comment} <b>not bold</b> (edited)`;

  await page.goto(`/conversations/${encodeURIComponent(conversationId)}`);
  const review = page.getByRole("region", { name: "Review", exact: true });
  await expect(review).toBeVisible();

  // Tag
  await review.getByLabel("Add tag").selectOption({ label: TAG.name });
  await expect(review.getByRole("list", { name: "Tags" }).getByText(TAG.name, { exact: true })).toBeVisible();
  await expect(review.getByRole("button", { name: `Remove tag ${TAG.name}` })).toBeVisible();

  // Flag
  await review.getByRole("button", { name: "Flag", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Flag this item" });
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Flag item" }).click();
  await expect(dialog).toBeHidden();
  const flags = review.getByRole("list", { name: "Open flags" });
  await expect(flags.getByText(reason)).toBeVisible();
  await expect(flags.getByText(`Flagged by ${accounts.reviewer.name}`)).toBeVisible();

  // Status
  await review.getByLabel("Review status").selectOption({ label: "Escalated" });
  await expect(review.getByLabel("Review status")).toBeEnabled();
  await expect(review.getByLabel("Review status")).toHaveValue("ESCALATED");

  // Comment, then edit it
  await review.getByLabel("Add a comment").fill(comment);
  await review.getByRole("button", { name: "Add comment" }).click();
  const mine = review.getByRole("article").filter({ hasText: comment });
  await expect(mine).toBeVisible();
  await mine.getByRole("button", { name: "Edit comment" }).click();
  await mine.getByLabel("Edit comment").fill(edited);
  await mine.getByRole("button", { name: "Save" }).click();
  // The body is plain text: the markup shows as typed and makes no element.
  const editedComment = review.getByRole("article").filter({ hasText: edited });
  await expect(editedComment.getByText("(edited)", { exact: true })).toBeVisible();
  await expect(editedComment.locator("b")).toHaveCount(0);

  // Everything persisted.
  await page.reload();
  await expect(review.getByRole("list", { name: "Tags" }).getByText(TAG.name, { exact: true })).toBeVisible();
  await expect(review.getByRole("list", { name: "Open flags" }).getByText(reason)).toBeVisible();
  await expect(review.getByLabel("Review status")).toHaveValue("ESCALATED");
  const reloaded = review.getByRole("article").filter({ hasText: edited });
  await expect(reloaded).toBeVisible();
  await expect(reloaded.getByText("(edited)", { exact: true })).toBeVisible();

  // Not asserted: `tag:e2e-privileged flagged:yes status:escalated` did not return this conversation's messages within 60 s in this
  // environment (the worker's outbox drain did not reach them in time); see the review panel report.
});

test("an auditor sees the review state with no controls", async ({ page }) => {
  test.skip(!conversationId, "needs the reviewer test's conversation");
  await signInAs(page, accounts.auditor.email);
  await page.goto(`/conversations/${encodeURIComponent(conversationId)}`);
  const review = page.getByRole("region", { name: "Review", exact: true });
  await expect(review.getByRole("list", { name: "Tags" }).getByText(TAG.name, { exact: true })).toBeVisible();
  await expect(review.getByText("Escalated", { exact: true })).toBeVisible();
  await expect(review.getByRole("list", { name: "Comments" })).toBeVisible();
  await expect(review.getByRole("button")).toHaveCount(0);
  await expect(review.getByRole("combobox")).toHaveCount(0);
  await expect(review.getByRole("textbox")).toHaveCount(0);
});
