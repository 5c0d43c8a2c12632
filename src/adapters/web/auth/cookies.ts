// The web sign-in's two cookies: the session (HttpOnly, SameSite=Lax, the whole site, Secure on https), and the
// pending sign-in that only the callback reads, for ten minutes. Neither is readable by the page's scripts.
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { PendingSignIn } from './oidc-client.ts';

export const SESSION_COOKIE = 'klivira_session';
export const SIGN_IN_COOKIE = 'klivira_sign_in';
export const CALLBACK_PATH = '/auth/callback';

const SIGN_IN_SECONDS = 600;

export function sessionCookie(secure: boolean): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure };
}

export function signInCookie(secure: boolean): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: CALLBACK_PATH, secure, maxAge: SIGN_IN_SECONDS };
}

export function encodeSignIn(pending: PendingSignIn): string {
  return Buffer.from(JSON.stringify(pending)).toString('base64url');
}

/** The pending sign-in in the cookie, or undefined when it is missing or not one we wrote. */
export function decodeSignIn(value: string | undefined): PendingSignIn | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { state, nonce, verifier, returnTo } = parsed;
    if ([state, nonce, verifier, returnTo].every((v) => typeof v === 'string' && v !== '' && v.length < 3000))
      return { state, nonce, verifier, returnTo } as PendingSignIn;
  } catch {
    // not ours: start again
  }
  return undefined;
}

/** A same-origin path to return to after sign-in; anything else (another site, `//host`, `/\host`) lands on `/`. */
export function safeReturnTo(value: string | undefined): string {
  if (value === undefined || value.length > 2000 || !/^\/(?![/\\])/.test(value)) return '/';
  const url = new URL(value, 'http://klivira.invalid');
  return url.origin === 'http://klivira.invalid' ? `${url.pathname}${url.search}${url.hash}` : '/';
}
