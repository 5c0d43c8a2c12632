// Authentication of people on /api: the session cookie names a live server-side session, whose user becomes the
// request's principal (the same permission checks as an API key's). With cookie authentication, an unsafe request
// must come from Klivira's own origin and carry the session's CSRF token, or it is refused.
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../app/access.ts';
import type { StoredSession, WebSessions } from '../../../app/web-session.ts';
import type { PeopleAuthentication } from '../../http/auth.ts';
import { SESSION_COOKIE } from './cookies.ts';
import { carriesCsrfToken, fromOwnOrigin, isUnsafe } from './csrf.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The web session the request was authenticated with (cookie authentication only). */
    webSession: StoredSession | undefined;
  }
}

export function principalOf(session: StoredSession): Principal {
  const { user } = session;
  return { userId: user.id, organizationId: user.organizationId, role: user.role, label: user.name };
}

export function peopleAuthentication(sessions: WebSessions, publicOrigin: string): PeopleAuthentication {
  return {
    async principalFor(request: FastifyRequest) {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return undefined;
      const session = await sessions.resume(token);
      if (!session) return undefined;
      if (isUnsafe(request)) {
        if (!fromOwnOrigin(request, publicOrigin)) return { refused: 'cross-site requests are not accepted' };
        if (!carriesCsrfToken(request, session.csrfToken))
          return { refused: 'the X-CSRF-Token header must carry the csrfToken of GET /api/me' };
      }
      request.webSession = session;
      return principalOf(session);
    },
  };
}
