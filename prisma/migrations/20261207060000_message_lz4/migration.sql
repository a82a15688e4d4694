-- Message payloads and texts are compressed with LZ4 where the server has it: PostgreSQL's default (pglz)
-- took a large share of capture's database time, and LZ4 compresses several times faster. Servers built
-- without LZ4 (the embedded one) keep the default; only newly written values are affected either way.
DO $$
BEGIN
  ALTER TABLE "Message" ALTER COLUMN "rawJson" SET COMPRESSION lz4, ALTER COLUMN "text" SET COMPRESSION lz4;
  ALTER TABLE "MessageVersion" ALTER COLUMN "rawJson" SET COMPRESSION lz4, ALTER COLUMN "text" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available on this server; Message keeps the default compression';
END
$$;
