// Notification settings over HTTP: the organization's (admins: which notifications go to the team address and the
// webhook, the webhook's URL and secret, the re-authorization lead) and the signed-in person's own (which
// notifications, to which address). A person is their web user; a caller with an API key is that key.
import Type from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NotificationService } from '../../../app/notifications.ts';
import {
  DEFAULT_REAUTHORIZATION_LEAD_DAYS,
  MAX_REAUTHORIZATION_LEAD_DAYS,
  NOTIFICATION_KINDS,
} from '../../../core/notification/index.ts';
import { toOperationOutcome } from '../../../core/fhir/index.ts';
import { OperationOutcomeSchema } from '../schemas.ts';

const Kind = Type.Enum(NOTIFICATION_KINDS, { description: 'what to be notified of' });
const Events = Type.Array(Kind, { maxItems: NOTIFICATION_KINDS.length, uniqueItems: true });
const Email = Type.Union([Type.String({ minLength: 3, maxLength: 254 }), Type.Null()]);

const OrganizationSettings = Type.Object({
  events: Events,
  email: Email,
  webhook: Type.Union([
    Type.Object({
      url: Type.String({ minLength: 1, maxLength: 2000, description: 'https only' }),
      hasSecret: Type.Boolean(),
    }),
    Type.Null(),
  ]),
  reauthorizationLeadDays: Type.Integer(),
});

const OrganizationSettingsInput = Type.Object(
  {
    events: Events,
    email: Email,
    webhook: Type.Union([
      Type.Object(
        {
          url: Type.String({ minLength: 1, maxLength: 2000 }),
          secret: Type.Optional(
            Type.String({
              maxLength: 200,
              description: 'whsec_<base64 of 24-64 random bytes>; omitted: the stored secret is kept',
            }),
          ),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    reauthorizationLeadDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_REAUTHORIZATION_LEAD_DAYS,
        description: `days before an authorization ends to remind of re-authorization (default ${String(DEFAULT_REAUTHORIZATION_LEAD_DAYS)})`,
      }),
    ),
  },
  { additionalProperties: false },
);

const UserSettings = Type.Object({ userId: Type.String(), events: Events, email: Email });
const UserSettingsInput = Type.Object(
  {
    events: Events,
    email: Type.Union([Type.String({ minLength: 3, maxLength: 254 }), Type.Null()], {
      description: 'null: the address a signed-in person signs in with (none for an API key)',
    }),
  },
  { additionalProperties: false },
);

/** The settings' owner: the signed-in web user, or the API key (`key:<id>`). */
function selfOf(request: FastifyRequest): string | undefined {
  const principal = request.principal;
  if (principal?.userId) return principal.userId;
  return principal?.keyId ? `key:${principal.keyId}` : undefined;
}

const noSelf = (reply: FastifyReply) =>
  reply
    .status(401)
    .type('application/fhir+json')
    .send(
      toOperationOutcome([
        { severity: 'error', code: 'login', message: 'sign in, or present an API key, to have settings' },
      ]),
    );

export function notificationRoutes(notifications: NotificationService): FastifyPluginAsyncTypebox {
  return (app) => {
    app.get(
      '/api/notification-settings',
      {
        schema: {
          summary: "The organization's notification settings (the webhook secret is never shown)",
          tags: ['notifications'],
          response: { 200: OrganizationSettings },
        },
      },
      async (request) =>
        (await notifications.organizationSettings(request.organizationId)) ?? {
          events: [],
          email: null,
          webhook: null,
          reauthorizationLeadDays: DEFAULT_REAUTHORIZATION_LEAD_DAYS,
        },
    );

    app.put(
      '/api/notification-settings',
      {
        schema: {
          summary: "Set the organization's notifications: kinds, team address, webhook, re-authorization lead days",
          tags: ['notifications'],
          body: OrganizationSettingsInput,
          response: { 200: OrganizationSettings, 400: OperationOutcomeSchema },
        },
      },
      async (request) => {
        const { webhook, events, email, reauthorizationLeadDays } = request.body;
        return notifications.saveOrganizationSettings(request.organizationId, {
          events,
          email,
          reauthorizationLeadDays: reauthorizationLeadDays ?? DEFAULT_REAUTHORIZATION_LEAD_DAYS,
          webhook: webhook
            ? { url: webhook.url, ...(webhook.secret !== undefined ? { secret: webhook.secret } : {}) }
            : null,
        });
      },
    );

    app.get(
      '/api/me/notification-settings',
      {
        schema: {
          summary: 'My notification settings',
          tags: ['notifications'],
          response: { 200: UserSettings, 401: OperationOutcomeSchema },
        },
      },
      async (request, reply) => {
        const self = selfOf(request);
        if (!self) return noSelf(reply);
        return (
          (await notifications.userSettings(request.organizationId, self)) ?? { userId: self, events: [], email: null }
        );
      },
    );

    app.put(
      '/api/me/notification-settings',
      {
        schema: {
          summary: 'Set my notifications: which kinds, and the address they go to',
          tags: ['notifications'],
          body: UserSettingsInput,
          response: { 200: UserSettings, 400: OperationOutcomeSchema, 401: OperationOutcomeSchema },
        },
      },
      async (request, reply) => {
        const self = selfOf(request);
        if (!self) return noSelf(reply);
        return notifications.saveUserSettings(request.organizationId, self, request.body);
      },
    );
    return Promise.resolve();
  };
}
