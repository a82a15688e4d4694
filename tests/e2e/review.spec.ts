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

test("an admin keeps the tag catalogue on Admin → Tags", async ({ page }) => {
  await signInAs(page, accounts.admin.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tags" }).click();
  await expect(page.getByRole("heading", { name: "Tags", level: 1 })).toBeVisible();
  const table = page.getByRole("table", { name: "Tags" });
  const create = async (name: string, description: string) => {
    await page.getByRole("button", { name: "New tag" }).click();
    const dialog = page.getByRole("dialog", { name: "New tag" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Description").fill(description);
    await dialog.getByRole("button", { name: "Create tag" }).click();
    await expect(dialog).toBeHidden();
  };
  await create(TAG.name, "Legal advice; do not produce without counsel");
  await expect(table.getByRole("row").filter({ hasText: TAG.name })).toContainText("Legal advice");
  // Names are unique ignoring case: the form says so in place.
  await page.getByRole("button", { name: "New tag" }).click();
  const again = page.getByRole("dialog", { name: "New tag" });
  await again.getByLabel("Name").fill(TAG.name.toLowerCase());
  await again.getByRole("button", { name: "Create tag" }).click();
  await expect(again.getByText(/already exists/i)).toBeVisible();
  await again.getByRole("button", { name: "Cancel" }).click();
  // A throwaway tag: renamed, then deleted.
  const stamp = Date.now();
  await create(`Temp ${stamp}`, "to be renamed");
  await page.getByRole("button", { name: `Edit tag Temp ${stamp}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit tag" });
  await edit.getByLabel("Name").fill(`Renamed ${stamp}`);
  await edit.getByRole("button", { name: "Save tag" }).click();
  await expect(table.getByText(`Renamed ${stamp}`)).toBeVisible();
  await page.getByRole("button", { name: `Delete tag Renamed ${stamp}` }).click();
  await page.getByRole("dialog", { name: "Delete tag" }).getByRole("button", { name: "Delete tag" }).click();
  await expect(table.getByText(`Renamed ${stamp}`)).toHaveCount(0);
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

  // Assign it to myself: it appears on My queue.
  await review.getByLabel("Assignee").selectOption({ label: `${accounts.reviewer.name} (me)` });
  await expect(review.getByText(`Last changed by ${accounts.reviewer.name}`)).toBeVisible();
  await expect(review.getByLabel("Assignee")).toHaveValue(/.+/);

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

  // My queue lists it (escalated, assigned to me) and opens it.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My queue" }).click();
  const queued = page.getByRole("table", { name: "Items assigned to me" }).getByRole("row").filter({ has: page.locator(`a[href="/conversations/${encodeURIComponent(conversationId)}"]`) });
  await expect(queued).toContainText("Escalated");
  await queued.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/conversations/${encodeURIComponent(conversationId)}`));

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

test("a reviewer tags and assigns search results in bulk", async ({ page }) => {
  await signInAs(page, accounts.reviewer.email);
  await page.goto(`/search?${new URLSearchParams({ q: "type:message role:user", sort: "newest" })}`);
  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("listitem").first()).toBeVisible();
  const boxes = results.getByRole("checkbox");
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const bar = page.getByRole("region", { name: "Selection" });
  await expect(bar.getByRole("status")).toHaveText("2 selected");

  // The selected messages' conversations (what the dialog applies to by default).
  const res = await page.request.get(`/api/v1/search?${new URLSearchParams({ q: "type:message role:user", sort: "newest", limit: "2" })}`);
  const hits = ((await res.json()) as SearchResponse).hits;
  const conversations = [...new Set(hits.map((h) => h.document.conversationId!))];

  await bar.getByRole("button", { name: "Tag…" }).click();
  const dialog = page.getByRole("dialog", { name: "Tag selected items" });
  await expect(dialog.getByLabel(/Their conversations and GPTs/)).toBeChecked();
  await dialog.getByLabel("Tag", { exact: true }).selectOption({ label: TAG.name });
  await dialog.getByRole("button", { name: "Add tag" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Tagged ${conversations.length} item${conversations.length === 1 ? "" : "s"}`)).toBeVisible();

  await bar.getByRole("button", { name: "Status / assign…" }).click();
  const status = page.getByRole("dialog", { name: "Set review status or assignee" });
  await status.getByRole("button", { name: "Apply" }).click();
  await expect(status.getByText("Choose a status, an assignee, or both")).toBeVisible();
  await status.getByLabel("Review status").selectOption({ label: "In review" });
  await status.getByLabel("Assignee").selectOption({ label: `${accounts.reviewer.name} (me)` });
  await status.getByRole("button", { name: "Apply" }).click();
  await expect(status).toBeHidden();

  for (const id of conversations) {
    const item = await page.request.get(`/api/v1/review/items?${new URLSearchParams({ itemType: "CONVERSATION", itemId: id })}`);
    const review = ((await item.json()) as { review: { tags: { name: string }[]; status: { status: string; assignee: { email: string } | null } } }).review;
    expect(review.tags.map((t) => t.name)).toContain(TAG.name);
    expect(review.status).toMatchObject({ status: "IN_REVIEW", assignee: { email: accounts.reviewer.email } });
  }
});

test("an auditor sees the reviewer's views and actions in the audit log", async ({ page }) => {
  test.skip(!conversationId, "needs the reviewer test's conversation");
  await signInAs(page, accounts.auditor.email);
  await page.goto("/admin/audit");
  const filter = page.getByRole("search", { name: "Filter audit events" });
  const events = page.getByRole("table", { name: "Audit events, newest first" });
  const show = async (action: string) => {
    await filter.getByLabel("Action starts with").fill(action);
    await filter.getByLabel("Actor email contains").fill(accounts.reviewer.email);
    await filter.getByRole("button", { name: "Apply filters" }).click();
  };
  await show("conversation.view");
  await expect(events.getByText(`conversation:${conversationId}`).first()).toBeVisible();
  await show("review.");
  for (const action of ["review.tag.add", "review.flag.create", "review.status.update", "review.comment.create", "review.comment.edit"]) {
    await expect(events.getByText(action, { exact: true }).first()).toBeVisible();
  }
  await expect(events.getByText(`conversation:${conversationId}`).first()).toBeVisible();
});
