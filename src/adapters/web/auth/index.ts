// The web app's sign-in, put together: OpenID Connect against the configured provider, server-side sessions in the
// database, cookie authentication with CSRF protection on /api, and the /auth routes (/api/me and /api/users are
// peopleRoutes, served whenever there is a user store, API keys or not).
//
//   const web = webAuth({ oidc, organizationId, publicOrigin, sessions: new WebSessions(store), users });
//   await buildServer({ ..., webAuth: web });
import type { WebSessions } from '../../../app/web-session.ts';
import type { UserStore } from '../../../app/web-users.ts';
import type { PeopleAuthentication } from '../../http/auth.ts';
import { OidcSignIn, type OidcSettings } from './oidc-client.ts';
import { peopleAuthentication } from './people.ts';
import { webAuthRoutes } from './sign-in-routes.ts';

export { OidcSignIn, SignInError, type OidcSettings } from './oidc-client.ts';
export { SESSION_COOKIE } from './cookies.ts';
export { CSRF_HEADER } from './csrf.ts';
export { peopleRoutes } from './people-routes.ts';

export interface WebAuthOptions {
  oidc: OidcSettings;
  sessions: WebSessions;
  users: UserStore;
  organizationId: string;
  /** Klivira's public origin (scheme, host, port), where the app is served and the callback registered. */
  publicOrigin: string;
}

export interface WebAuth {
  people: PeopleAuthentication;
  routes: ReturnType<typeof webAuthRoutes>;
}

export function webAuth(options: WebAuthOptions): WebAuth {
  return {
    people: peopleAuthentication(options.sessions, options.publicOrigin),
    routes: webAuthRoutes({ ...options, signIn: new OidcSignIn(options.oidc) }),
  };
}
