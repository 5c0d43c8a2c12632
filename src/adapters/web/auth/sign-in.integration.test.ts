// The web sign-in end to end over real HTTP: a browser's walk from /auth/login through the sandbox EHR's
// OpenID Connect login form back to Klivira with a session cookie; /api/me; the session on /api beside API keys,
// with CSRF protection; the signed-in user as the events' actor and in the audit log; role checks; sign-out; expiry.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSessions } from '../../../app/web-session.ts';
import { generateDemoCases } from '../../../demo/index.ts';
import { fullTestApi } from '../../../testing/api.ts';
import { TEST_DATABASES } from '../../../testing/databases.ts';
import { freePort } from '../../../testing/free-port.ts';
import type { OpenDatabase } from '../../db/database.ts';
import { PostgresUserStore } from '../../db/user-store.ts';
import { PostgresWebSessionStore } from '../../db/web-session-store.ts';
import { type SandboxEhr, startSandboxEhr } from '../../ehr/sandbox/server.ts';
import { browseSignIn } from '../../ehr/sandbox/test-flows.ts';
import { SESSION_COOKIE, webAuth } from './index.ts';

const IDLE_MS = 30 * 60_000;
const ABSOLUTE_MS = 8 * 3600_000;
const demo = generateDemoCases({ seed: 5, count: 1 })[0]?.bundle;

interface Me {
  user: { id: string; name: string; role: string; organizationId: string };
  permissions: string[];
  csrfToken: string;
}

describe.each(TEST_DATABASES)('web sign-in on $name', (target) => {
  let ehr: SandboxEhr;
  let database: OpenDatabase;
  let app: FastifyInstance;
  let adminKey = '';
  let klivira = '';
  let clockMs = Date.now();

  beforeAll(async () => {
    const port = await freePort();
    klivira = `http://127.0.0.1:${String(port)}`;
    ehr = await startSandboxEhr({
      port: 0,
      demoCases: 1,
      syntheaDir: null,
      webRedirectUris: [`${klivira}/auth/callback`],
    });
    database = await target.open();
    const web = webAuth({
      oidc: {
        issuer: ehr.issuer,
        clientId: ehr.webClient.clientId,
        clientSecret: ehr.webClient.clientSecret,
        redirectUri: `${klivira}/auth/callback`,
        scope: 'openid profile',
        roleClaim: 'klivira_role',
      },
      sessions: new WebSessions(
        new PostgresWebSessionStore(database.db),
        { idleMs: IDLE_MS, absoluteMs: ABSOLUTE_MS },
        () => new Date(clockMs),
      ),
      users: new PostgresUserStore(database.db),
      organizationId: 'org-web',
      publicOrigin: klivira,
    });
    ({ app, adminKey } = await fullTestApi(database, { organizationId: 'org-web', server: { webAuth: web } }));
    await app.listen({ host: '127.0.0.1', port });
  });
  afterAll(async () => {
    await app.close();
    await ehr.close();
    await database.close();
  });

  /** Signs in as a demo user at the sandbox; the page Klivira lands on and the session cookie. */
  async function signIn(username: string, returnTo = '/cases?view=mine') {
    const password = ehr.users.find((u) => u.username === username)?.password ?? '';
    const { url, jar } = await browseSignIn(
      `${klivira}/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
      { username, password },
      (next) => next.origin === klivira && !next.pathname.startsWith('/auth/'),
    );
    const session = jar.get(SESSION_COOKIE);
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return { landed: url, cookie: `${SESSION_COOKIE}=${session ?? ''}` };
  }

  const api = (path: string, init: RequestInit & { cookie?: string; csrf?: string } = {}) =>
    fetch(`${klivira}${path}`, {
      ...init,
      headers: {
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.csrf ? { 'x-csrf-token': init.csrf } : {}),
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  const me = async (cookie: string): Promise<Me> => {
    const response = await api('/api/me', { cookie });
    expect(response.status).toBe(200);
    return (await response.json()) as Me;
  };

  it('signs a coordinator in at the identity provider and lands on the page asked for', async () => {
    const { landed, cookie } = await signIn('coordinator');
    expect(`${landed.pathname}${landed.search}`).toBe('/cases?view=mine');
    const body = await me(cookie);
    expect(body.user).toMatchObject({ name: 'Casey Coordinator', role: 'coordinator', organizationId: 'org-web' });
    expect(body.permissions).toEqual(expect.arrayContaining(['cases:read', 'cases:submit', 'cases:manage']));
    expect(body.permissions).not.toContain('keys:manage');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const users = (await (await api('/api/users', { cookie })).json()) as { items: { name: string; role: string }[] };
    expect(users.items).toContainEqual(expect.objectContaining({ name: 'Casey Coordinator', role: 'coordinator' }));
  });

  it('answers 401 to /api without a session or key, and never returns to another site', async () => {
    const anonymous = await api('/api/me');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    const { landed } = await signIn('coordinator', '//evil.example/phish');
    expect(landed.href).toBe(`${klivira}/`);
  });

  it('needs the CSRF token and the own origin for unsafe requests; the signed-in user is the actor', async () => {
    const { cookie } = await signIn('coordinator');
    const { csrfToken } = await me(cookie);
    const body = JSON.stringify(demo);
    expect((await api('/api/cases', { method: 'POST', cookie, body })).status).toBe(403);
    expect((await api('/api/cases', { method: 'POST', cookie, body, csrf: 'x'.repeat(43) })).status).toBe(403);
    const crossSite = await api('/api/cases', {
      method: 'POST',
      cookie,
      body,
      csrf: csrfToken,
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const created = await api('/api/cases?confirmDuplicate=true', {
      method: 'POST',
      cookie,
      body,
      csrf: csrfToken,
      headers: { origin: klivira },
    });
    expect(created.status).toBe(201);
    const { caseId } = (await created.json()) as { caseId: string };
    const comment = await api(`/api/cases/${caseId}/comments`, {
      method: 'POST',
      cookie,
      csrf: csrfToken,
      body: JSON.stringify({ text: 'called the payer' }),
    });
    expect(comment.status).toBe(201);
    const stored = (await (await api(`/api/cases/${caseId}`, { cookie })).json()) as {
      events: { type: string; actor: string }[];
    };
    const actors = Object.fromEntries(stored.events.map((e) => [e.type, e.actor]));
    expect(actors).toMatchObject({ 'case.created': 'Casey Coordinator', 'comment.added': 'Casey Coordinator' });
    expect(actors['case.assigned']).toBeUndefined(); // assigned below
    // Assigned to the signed-in user (by user id), the case is in their "mine" view.
    const { user: coordinator } = await me(cookie);
    const assign = await api(`/api/cases/${caseId}/assignee`, {
      method: 'PUT',
      cookie,
      csrf: csrfToken,
      body: JSON.stringify({ assignee: coordinator.id }),
    });
    expect(assign.status).toBe(200);
    const mine = (await (await api('/api/work-queue?view=mine', { cookie })).json()) as { items: { caseId: string }[] };
    expect(mine.items.map((i) => i.caseId)).toEqual([caseId]);
    // The audit log names the user (read with the admin's API key: keys and sessions work side by side).
    const audit = (await (
      await api(`/api/cases/${caseId}/audit`, { headers: { authorization: `Bearer ${adminKey}` } })
    ).json()) as { entries: { userId?: string; keyId?: string; route: string }[] };
    expect(audit.entries.filter((e) => e.userId === coordinator.id).map((e) => e.route)).toEqual(
      expect.arrayContaining(['GET /api/cases/:id', 'POST /api/cases/:id/comments']),
    );
  });

  it('refuses a clinician what the role may not do, as for an API key', async () => {
    const { cookie } = await signIn('clinician');
    const { user, permissions, csrfToken } = await me(cookie);
    expect(user.role).toBe('clinician');
    expect(permissions).not.toContain('cases:submit');
    const created = await api('/api/cases?confirmDuplicate=true', {
      method: 'POST',
      cookie,
      csrf: csrfToken,
      body: JSON.stringify(demo),
    });
    expect(created.status).toBe(201);
    const { caseId } = (await created.json()) as { caseId: string };
    const submit = await api(`/api/cases/${caseId}/submissions`, {
      method: 'POST',
      cookie,
      csrf: csrfToken,
      body: JSON.stringify({ channel: 'pas' }),
    });
    expect(submit.status).toBe(403);
    expect(JSON.stringify(await submit.json())).toContain('the clinician role may not cases submit');
  });

  it('ends the session at sign-out and when it has been idle too long', async () => {
    const first = await signIn('coordinator');
    const logout = await api('/auth/logout', { method: 'POST', cookie: first.cookie, redirect: 'manual' });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('location')).toBe('/');
    expect(logout.headers.getSetCookie().join()).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    expect((await api('/api/me', { cookie: first.cookie })).status).toBe(401);

    const second = await signIn('coordinator');
    await me(second.cookie);
    clockMs += IDLE_MS - 60_000; // used within the idle time: still alive, and its last use moves on
    await me(second.cookie);
    clockMs += IDLE_MS - 60_000;
    await me(second.cookie);
    clockMs += IDLE_MS + 1;
    expect((await api('/api/me', { cookie: second.cookie })).status).toBe(401);

    // Used all along, a session still ends at its absolute end.
    const third = await signIn('coordinator');
    const started = clockMs;
    while (clockMs + IDLE_MS / 2 < started + ABSOLUTE_MS) {
      clockMs += IDLE_MS / 2;
      await me(third.cookie);
    }
    clockMs = started + ABSOLUTE_MS;
    expect((await api('/api/me', { cookie: third.cookie })).status).toBe(401);
  });

  it('answers a sign-in callback without its pending sign-in with 400, and a cross-site sign-out with 403', async () => {
    const callback = await api('/auth/callback?code=abc&state=def', { redirect: 'manual' });
    expect(callback.status).toBe(400);
    const logout = await api('/auth/logout', { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(logout.status).toBe(403);
  });
});
