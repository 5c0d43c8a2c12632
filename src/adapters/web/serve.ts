// The coordinator's web app, served by the API's own server: the React app is bundled with esbuild once per process
// when the server starts (in memory: no build step beside `npm start` / `npm test`, and tests always serve fresh
// code). Script and style carry a content hash in their names and are cached for a year; the HTML shell is never
// cached, so a new start is picked up on the next page load. The shell answers only the app's own client routes,
// so it never shadows /api, /auth, /smart, /docs, /cds-services or /healthz.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The app's pages: a strict policy with no inline script or style; the API and its sign-in are same-origin. */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The client routes the app's router knows (src/adapters/web/app/router.ts). */
export const APP_ROUTES = ['/', '/queue', '/cases/:id', '/analytics'] as const;

const ASSETS = '/assets/';

interface Bundle {
  /** Asset name (`main-HASH.js`) → its bytes and media type. */
  assets: Map<string, { contents: Uint8Array; type: string }>;
  html: string;
}

const entry = fileURLToPath(new URL('./app/main.tsx', import.meta.url));
let bundled: Promise<Bundle> | undefined;

/** Bundles the app once per process (every server of a test process shares it). */
export function bundleApp(): Promise<Bundle> {
  bundled ??= bundle().catch((error: unknown) => {
    bundled = undefined; // a failed build is tried again by the next server
    throw error;
  });
  return bundled;
}

async function bundle(): Promise<Bundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    outdir: '/out',
    entryNames: '[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    legalComments: 'none',
  });
  const assets = new Map<string, { contents: Uint8Array; type: string }>();
  for (const file of result.outputFiles) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const type = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
    assets.set(name, { contents: file.contents, type });
  }
  const names = [...assets.keys()];
  const script = names.find((n) => n.endsWith('.js'));
  const style = names.find((n) => n.endsWith('.css'));
  if (!script) throw new Error('the web app bundle has no script');
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Klivira</title>' +
    (style ? `<link rel="stylesheet" href="${ASSETS}${style}">` : '') +
    `<script type="module" src="${ASSETS}${script}"></script></head>` +
    '<body><div id="root"></div><noscript>The Klivira web app needs JavaScript.</noscript></body></html>';
  return { assets, html };
}

export async function webAppRoutes(app: FastifyInstance): Promise<void> {
  const { assets, html } = await bundleApp();
  const shell = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', APP_CSP)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html);
  for (const url of APP_ROUTES) {
    app.get(url, { schema: { hide: true } }, (_request, reply) => shell(reply));
  }
  app.get<{ Params: { name: string } }>(`${ASSETS}:name`, { schema: { hide: true } }, (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) {
      reply.callNotFound();
      return reply;
    }
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(asset.type)
      .send(Buffer.from(asset.contents));
  });
}
