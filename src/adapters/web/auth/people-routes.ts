// Who is calling, and who else works here: GET /api/me says who is signed in, what they may do, and the CSRF token
// the web app echoes on unsafe requests; GET /api/users lists the organization's people for assignee pickers.
// An API key is answered too (itself as the user, no CSRF token: keys need none), so machines see their role.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { UserStore } from '../../../app/web-users.ts';
import { can } from '../../../core/access/index.ts';
import { ROUTE_PERMISSIONS } from '../../http/auth.ts';

/** Every permission some route requires, so /api/me lists what the app may offer. */
const PERMISSIONS = [...new Set(Object.values(ROUTE_PERMISSIONS))].sort();

const MeSchema = Type.Object({
  user: Type.Object({
    id: Type.String(),
    name: Type.String(),
    email: Type.Optional(Type.String()),
    role: Type.String(),
    organizationId: Type.String(),
  }),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.String({ description: 'echo in X-CSRF-Token on POST, PUT, PATCH and DELETE; empty for an API key' }),
});

export function peopleRoutes(users: UserStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/me',
      {
        schema: {
          summary: 'The signed-in person (or API key), what they may do, and the CSRF token for unsafe requests',
          tags: ['sign-in'],
          response: { 200: MeSchema },
        },
      },
      (request) => {
        const session = request.webSession;
        const principal = request.principal;
        const user = session
          ? { ...session.user }
          : {
              id: principal?.keyId ?? '',
              name: principal?.label ?? '',
              role: principal?.role ?? 'read_only',
              organizationId: request.organizationId,
            };
        return {
          user: {
            id: user.id,
            name: user.name,
            ...('email' in user && user.email ? { email: user.email } : {}),
            role: user.role,
            organizationId: user.organizationId,
          },
          permissions: PERMISSIONS.filter((p) => can(user.role, p)),
          csrfToken: session?.csrfToken ?? '',
        };
      },
    );

    app.get(
      '/api/users',
      {
        schema: {
          summary: "The organization's people who have signed in, by name (for assignee pickers)",
          tags: ['sign-in'],
          querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 500 }) }),
          response: {
            200: Type.Object({
              items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })),
            }),
          },
        },
      },
      async (request) => ({ items: await users.list(request.organizationId, request.query.limit) }),
    );
    return Promise.resolve();
  };
}
