// Integration: the web app's serving (Fastify inject): the shell at the app's routes only, under a strict CSP with
// no inline script and never cached; the hashed script and styles cached for a year; nothing else answered.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP, webAppRoutes } from './serve.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  await app.register(webAppRoutes);
});

afterAll(async () => {
  await app.close();
});

describe('the web app serving', () => {
  it('answers the shell at the client routes, not cached, with a CSP that allows no inline script', async () => {
    for (const url of ['/', '/queue', '/cases/5b0c6f3e-0000-4000-8000-000000000001']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['content-security-policy']).toBe(APP_CSP);
      expect(APP_CSP).not.toContain('unsafe-inline');
      expect(response.body).toMatch(/<script type="module" src="\/assets\/main-[A-Z0-9]+\.js"><\/script>/);
      expect(response.body).not.toMatch(/<script>|<style>| style="/);
    }
  });

  it('serves the hashed bundle for a year, and nothing under other names', async () => {
    const shell = (await app.inject({ method: 'GET', url: '/' })).body;
    const assets = [...shell.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const url of assets) {
      const asset = await app.inject({ method: 'GET', url });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-type']).toMatch(url.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect(asset.body.length).toBeGreaterThan(1000);
    }
    expect((await app.inject({ method: 'GET', url: '/assets/main-NOPE.js' })).statusCode).toBe(404);
  });

  it('leaves every other path to the server (the API, sign-in, docs are never the shell)', async () => {
    for (const url of ['/api/cases', '/auth/login', '/docs', '/healthz', '/smart/launch', '/cases', '/cases/a/b']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });
});
