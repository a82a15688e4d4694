// Prisma client singleton over @prisma/adapter-pg. One pool per process; reused across hot reloads.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { custodianPrisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

function getDatabaseUrl(): string {
  const url = getEnv().DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start` (which runs the embedded database) or set it");
  }
  return url;
}

export function getDb(): PrismaClient {
  globalForDb.custodianPrisma ??= createPrismaClient(getDatabaseUrl());
  return globalForDb.custodianPrisma;
}

/** Lazily connected client: importing this module never opens a connection. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_t, key) => {
    const client = getDb();
    const value = Reflect.get(client, key, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
