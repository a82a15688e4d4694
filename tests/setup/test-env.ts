// Per-worker environment: the run's isolated database and fixed, test-only auth settings.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET = "test-secret-not-for-production-0123456789";
process.env.NEXTAUTH_URL = "http://localhost:3000";
process.env.CRON_SECRET = "test-cron-secret";
process.env.LOGIN_MAX_ATTEMPTS = "5";
process.env.LOGIN_WINDOW_SECONDS = "900";
process.env.ENCRYPTION_KEYS = "test1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
