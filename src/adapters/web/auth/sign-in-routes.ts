// The web sign-in's routes: /auth/login sends the browser to the identity provider, /auth/callback opens a session
// and lands on the page the person asked for, /auth/logout ends it. Outside /api: the pending sign-in's state, nonce
// and PKCE verifier guard the callback, and the own-origin check the sign-out.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserStore } from '../../../app/web-users.ts';
import type { WebSessions } from '../../../app/web-session.ts';
import { toOperationOutcome } from '../../../core/fhir/index.ts';
import {
  CALLBACK_PATH,
  decodeSignIn,
  encodeSignIn,
  safeReturnTo,
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  sessionCookie,
  signInCookie,
} from './cookies.ts';
import { fromOwnOrigin } from './csrf.ts';
import { SignInError, type OidcSignIn } from './oidc-client.ts';

export interface WebAuthRoutesOptions {
  signIn: OidcSignIn;
  sessions: WebSessions;
  users: UserStore;
  /** The organization people signed in through this provider work for. */
  organizationId: string;
  /** Klivira's public origin, e.g. https://klivira.example.org (cookies are Secure when it is https). */
  publicOrigin: string;
}

const forbidden = (message: string) => toOperationOutcome([{ severity: 'error', code: 'forbidden', message }]);

export function webAuthRoutes(options: WebAuthRoutesOptions): FastifyPluginAsyncTypebox {
  const secure = options.publicOrigin.startsWith('https:');

  function failed(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
    request.log.warn({ status }, 'web sign-in failed');
    return reply
      .code(status)
      .type('text/plain; charset=utf-8')
      .send(`Sign-in failed: ${message}\nTry again: ${options.publicOrigin}/auth/login\n`);
  }

  return async (app) => {
    // A sign-out form posts urlencoded; its body carries nothing we read.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, _body, done) => {
      done(null, undefined);
    });

    app.get(
      '/auth/login',
      {
        schema: {
          summary: 'Sign in: redirects to the identity provider (OpenID Connect, PKCE)',
          tags: ['sign-in'],
          security: [],
          querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) }),
        },
      },
      async (request, reply) => {
        try {
          const { url, pending } = await options.signIn.start(safeReturnTo(request.query.returnTo));
          void reply.setCookie(SIGN_IN_COOKIE, encodeSignIn(pending), signInCookie(secure));
          return await reply.redirect(url, 302);
        } catch (error) {
          if (error instanceof SignInError) return failed(request, reply, 502, error.message);
          throw error;
        }
      },
    );

    app.get(
      CALLBACK_PATH,
      {
        schema: {
          summary: "The identity provider's redirect: opens a session and returns to the page asked for",
          tags: ['sign-in'],
          security: [],
          querystring: Type.Object({
            state: Type.Optional(Type.String({ maxLength: 500 })),
            code: Type.Optional(Type.String({ maxLength: 4000 })),
            error: Type.Optional(Type.String({ maxLength: 200 })),
          }),
        },
      },
      async (request, reply) => {
        const pending = decodeSignIn(request.cookies[SIGN_IN_COOKIE]);
        void reply.clearCookie(SIGN_IN_COOKIE, { path: CALLBACK_PATH });
        if (!pending) return failed(request, reply, 400, 'this sign-in has expired or was already used.');
        if (request.query.error !== undefined) return failed(request, reply, 403, request.query.error);
        try {
          const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
          const identity = await options.signIn.finish(query, pending);
          const user = await options.users.signedIn({ ...identity, organizationId: options.organizationId });
          await options.sessions.purge();
          // A new sign-in replaces the browser's previous session rather than leaving it alive beside it.
          const previous = request.cookies[SESSION_COOKIE];
          if (previous) await options.sessions.end(previous);
          const session = await options.sessions.start(user);
          void reply.setCookie(SESSION_COOKIE, session.token, sessionCookie(secure));
          request.log.info({ userId: user.id, role: user.role }, 'signed in');
          return await reply.redirect(pending.returnTo, 302);
        } catch (error) {
          if (error instanceof SignInError) return failed(request, reply, 403, error.message);
          throw error;
        }
      },
    );

    app.post(
      '/auth/logout',
      { schema: { summary: 'Sign out: ends the session', tags: ['sign-in'], security: [] } },
      async (request, reply) => {
        if (!fromOwnOrigin(request, options.publicOrigin))
          return reply.code(403).type('application/fhir+json').send(forbidden('cross-site requests are not accepted'));
        const token = request.cookies[SESSION_COOKIE];
        if (token) await options.sessions.end(token);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.redirect('/', 303);
      },
    );

    return Promise.resolve();
  };
}
