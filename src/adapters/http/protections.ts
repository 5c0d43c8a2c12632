// Browser-facing protections of the API: security headers (no sniffing, no framing, a CSP that allows nothing for
// API responses and what the Swagger UI needs for /docs), CORS only for the configured origins, and no caching of
// any /api response (they carry PHI). Registered before authentication so a CORS preflight, which carries no key,
// is answered before the key check.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** The Swagger UI at /docs loads its own scripts, styles and images and fetches /docs/json. */
export const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; connect-src 'self'; font-src 'self' data:; img-src 'self' data:; " +
  "object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; " +
  "form-action 'self'; frame-ancestors 'none'";

export async function installProtections(app: FastifyInstance, corsOrigins: readonly string[]): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });
  await app.register(cors, {
    origin: corsOrigins.length > 0 ? [...corsOrigins] : false,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'x-api-key', 'content-type', 'idempotency-key'],
    exposedHeaders: ['location', 'retry-after', 'idempotent-replayed'],
    maxAge: 600,
    // A bare OPTIONS (no Origin) is answered like a preflight, not with a plain-text 400.
    strictPreflight: false,
  });
}
