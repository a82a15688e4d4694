// Prisma CLI configuration (Prisma 7). The CLI reads no .env file and `env()` throws when a variable is
// unset, so the URL falls back to a local default: `prisma generate` never connects, and nothing here
// applies migrations (that is lib/db/migrate.ts, `npm run db:migrate`).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// `prisma generate` insists that a schema engine binary exists but never runs it. A committed placeholder
// keeps generation offline; a real engine provided through the environment still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, "prisma", "engines", "schema-engine.placeholder");

export default defineConfig({
  schema: path.join(root, "prisma", "schema.prisma"),
  migrations: {
    path: path.join(root, "prisma", "migrations"),
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/custodian",
  },
});
