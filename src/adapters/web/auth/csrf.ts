// CSRF protection for cookie-authenticated requests. Unsafe methods must echo the session's synchronizer token in
// `X-CSRF-Token` (a page of another site can make the browser send the cookie, but cannot read the token), and a
// request a browser marks as coming from another site (Origin, Sec-Fetch-Site) is refused outright.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafe(request: FastifyRequest): boolean {
  return !SAFE_METHODS.has(request.method);
}

/** False when the browser says the request comes from another origin than Klivira's public one. */
export function fromOwnOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== publicOrigin) return false;
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** Whether the request carries the session's CSRF token (compared in constant time). */
export function carriesCsrfToken(request: FastifyRequest, expected: string): boolean {
  const presented = request.headers[CSRF_HEADER];
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
