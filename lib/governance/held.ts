// Whether an archive item is under legal hold, written as SQL so retention can evaluate it in bulk and the
// disposition job can re-check it inside the very transaction that deletes (a hold activated mid-run wins).
// Relies only on the tables (HeldItem + LegalHold), never on the holds module's code.
//
// An item is held iff a HeldItem row for it — or for its container — belongs to a LegalHold with status
// ACTIVE. Containers: a message's conversation; a file's conversation (SourceFile.conversationId, or the
// conversation of any message that links the file); a GPT configuration version's GPT.
// Disposition removes whole units, so a unit is held when anything it would take with it is held:
// - a conversation is held when it, any of its messages, or any file attached to it is held;
// - a GPT configuration version when it or its GPT is held;
// - a memory version when its memory is held;
// - a file when it, its conversation, a message linking it, or that message's conversation is held.
import type { ItemType } from "@/lib/generated/prisma/enums";

/** Ids of items of one type that some ACTIVE hold lists directly (a subquery: `x IN (…)`). */
export function activeHeldIds(itemType: ItemType): string {
  return `(SELECT h."itemId" FROM "HeldItem" h JOIN "LegalHold" l ON l.id = h."holdId" WHERE l.status = 'ACTIVE' AND h."itemType" = '${itemType}')`;
}

/** SQL predicate: the conversation `id` (a column expression) is held, directly or through what it contains. */
export function conversationHeldSql(id: string): string {
  return `(${id} IN ${activeHeldIds("CONVERSATION")}
    OR ${id} IN (SELECT hm."conversationId" FROM "Message" hm WHERE hm.id IN ${activeHeldIds("MESSAGE")})
    OR ${id} IN (SELECT hf."conversationId" FROM "SourceFile" hf WHERE hf."conversationId" IS NOT NULL AND hf.id IN ${activeHeldIds("FILE")})
    OR ${id} IN (SELECT hl."conversationId" FROM "MessageFile" hx JOIN "Message" hl ON hl.id = hx."messageId" WHERE hx."fileId" IN ${activeHeldIds("FILE")}))`;
}

/** SQL predicate: the GPT configuration version `id` of GPT `gptId` is held. */
export function gptConfigHeldSql(id: string, gptId: string): string {
  return `(${id} IN ${activeHeldIds("GPT_CONFIG")} OR ${gptId} IN ${activeHeldIds("GPT")})`;
}

/** SQL predicate: a version of memory `memoryId` is held. */
export function memoryHeldSql(memoryId: string): string {
  return `(${memoryId} IN ${activeHeldIds("MEMORY")})`;
}

/** SQL predicate: the file `id` (whose own conversation column is `conversationId`) is held. */
export function fileHeldSql(id: string, conversationId: string): string {
  return `(${id} IN ${activeHeldIds("FILE")}
    OR ${conversationId} IN ${activeHeldIds("CONVERSATION")}
    OR ${id} IN (SELECT hx."fileId" FROM "MessageFile" hx JOIN "Message" hm ON hm.id = hx."messageId"
                 WHERE hm.id IN ${activeHeldIds("MESSAGE")} OR hm."conversationId" IN ${activeHeldIds("CONVERSATION")}))`;
}

/**
 * The SHARE locks a disposition batch takes before it re-checks holds: they wait for any hold change in
 * flight to commit (so the re-check sees it) and keep new ones out until the batch commits, so no hold
 * can be activated or extended between the check and the delete. Batches are short; hold writers wait.
 */
export const LOCK_HOLDS_SQL = `LOCK TABLE "LegalHold", "HeldItem" IN SHARE MODE`;

/** The holds covering one item or one of its containers: `(itemType, itemId)` pairs to look for. */
export const HOLD_LOOKUP_SQL = `
  SELECT l.id, l.name, l.matter, h."itemType"::text AS "itemType", h."itemId"
  FROM "HeldItem" h JOIN "LegalHold" l ON l.id = h."holdId"
  WHERE l.status = 'ACTIVE' AND (h."itemType"::text, h."itemId") IN (SELECT * FROM unnest($1::text[], $2::text[]))
  ORDER BY l.name, l.id`;
