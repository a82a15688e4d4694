-- Capture writes fewer index entries: the (conversationId, parentId) index duplicated the
-- (conversationId, createdAtSource) one for every lookup the app makes; GPT/project ids are NULL on most
-- messages, so those indexes become partial; the index outbox only ever reads pending rows.

-- DropIndex
DROP INDEX "Message_conversationId_parentId_idx";

-- DropIndex
DROP INDEX "Message_gptId_idx";

-- DropIndex
DROP INDEX "Message_projectId_idx";

-- DropIndex
DROP INDEX "IndexOutbox_processedAt_availableAt_id_idx";

-- DropIndex
DROP INDEX "IndexOutbox_itemType_itemId_idx";

-- CreateIndex
CREATE INDEX "Message_gptId_partial_idx" ON "Message" ("gptId") WHERE "gptId" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Message_projectId_partial_idx" ON "Message" ("projectId") WHERE "projectId" IS NOT NULL;

-- CreateIndex
CREATE INDEX "IndexOutbox_pending_idx" ON "IndexOutbox" ("availableAt", id) WHERE "processedAt" IS NULL;
