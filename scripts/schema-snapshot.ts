// `npm run db:snapshot`: records prisma/schema.prisma as prisma/migrations/schema.snapshot.prisma.
// The migrations test fails while the two differ, so a schema edit cannot land without its migration:
// write prisma/migrations/<timestamp>_<name>/migration.sql, then run this.  `--check` only compares.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const schemaPath = path.join(root, "prisma", "schema.prisma");
const snapshotPath = path.join(root, "prisma", "migrations", "schema.snapshot.prisma");

const schema = fs.readFileSync(schemaPath, "utf8");
const snapshot = fs.existsSync(snapshotPath) ? fs.readFileSync(snapshotPath, "utf8") : null;

if (process.argv.includes("--check")) {
  if (snapshot !== schema) {
    console.error("prisma/schema.prisma differs from prisma/migrations/schema.snapshot.prisma: add a migration, then run `npm run db:snapshot`.");
    process.exit(1);
  }
  console.log("Schema snapshot is up to date.");
} else if (snapshot === schema) {
  console.log("Schema snapshot is already up to date.");
} else {
  fs.mkdirSync(path.dirname(snapshotPath), { recursive: true });
  fs.writeFileSync(snapshotPath, schema);
  console.log(`Updated ${path.relative(root, snapshotPath)}.`);
}
