-- Capture looks tombstones up by content hash, so a configuration version disposed of under retention is
-- not captured again from the source's configuration history.

-- CreateIndex
CREATE INDEX "DispositionRecord_itemType_sha256_idx" ON "DispositionRecord"("itemType", "sha256");
