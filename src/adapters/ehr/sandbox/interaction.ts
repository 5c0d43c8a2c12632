// The authorization server's interaction pages: a plain HTML login form (a script or a browser test can fill it), a
// patient picker for standalone launches asking for `launch/patient`, and automatic consent for the registered demo
// clients, which binds the SMART launch context to the grant it creates.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Interaction, UnknownObject } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { LaunchContext, LaunchContexts } from './launch.ts';
import { DEMO_USERS, findUser } from './users.ts';

export interface PatientChoice {
  id: string;
  label: string;
}

export interface InteractionOptions {
  provider: Provider;
  launches: LaunchContexts;
  /** Path prefix of the interaction pages, e.g. `/auth/interaction`. */
  prefix: string;
  patients: () => Promise<PatientChoice[]>;
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A standalone launch asking for `launch/patient`: the user must pick the patient. */
function needsPatient(details: Interaction): boolean {
  const scopes = (str(details.params.scope) ?? '').split(' ');
  return scopes.includes('launch/patient') && str(details.params.launch) === undefined;
}

function patientSelect(choices: PatientChoice[], hint: string | undefined): string {
  const options = choices
    .map((p) => `<option value="${escape(p.id)}"${p.id === hint ? ' selected' : ''}>${escape(p.label)}</option>`)
    .join('');
  return `<label>Patient <select name="patient" required>${options}</select></label>`;
}

export function registerInteractions(app: FastifyInstance, options: InteractionOptions): void {
  const { provider, launches, prefix } = options;

  async function loginPage(details: Interaction, error?: string): Promise<string> {
    const patient = needsPatient(details) ? patientSelect(await options.patients(), str(details.params.patient)) : '';
    const users = DEMO_USERS.map((u) => escape(u.username)).join(', ');
    return page(
      'Sandbox EHR sign-in',
      `${error ? `<p role="alert">${escape(error)}</p>` : ''}<form method="post" action="${prefix}/${escape(details.uid)}/login">` +
        `<label>Username <input name="username" autocomplete="username" required></label>` +
        `<label>Password <input name="password" type="password" autocomplete="current-password" required></label>` +
        `${patient}<button type="submit">Sign in</button></form><p>Demo users: ${users} (see the sandbox README).</p>`,
    );
  }

  /** Grants what the client asked for and binds the launch context (EHR launch, or the picked patient). */
  async function consent(request: FastifyRequest, reply: FastifyReply, details: Interaction, patient?: string) {
    const missing = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    const accountId = details.session?.accountId ?? '';
    const grant = new provider.Grant({ accountId, clientId: str(details.params.client_id) ?? '' });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    const launchId = str(details.params.launch);
    const context: LaunchContext | undefined = launchId ? launches.launch(launchId) : patient ? { patient } : undefined;
    if (context) launches.bind(grantId, context);
    reply.hijack();
    await provider.interactionFinished(
      request.raw,
      reply.raw,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  function chosenPatient(details: Interaction): string | undefined {
    const smart = details.lastSubmission?.smart as UnknownObject | undefined;
    return str(smart?.patient) ?? str(details.params.patient);
  }

  app.get<{ Params: { uid: string } }>(`${prefix}/:uid`, async (request, reply) => {
    const details = await provider.interactionDetails(request.raw, reply.raw);
    if (details.prompt.name === 'login') return reply.type('text/html').send(await loginPage(details));
    const patient = chosenPatient(details);
    if (needsPatient(details) && !patient) {
      const form = `<form method="post" action="${prefix}/${escape(details.uid)}/patient">${patientSelect(await options.patients(), undefined)}<button type="submit">Continue</button></form>`;
      return reply.type('text/html').send(page('Choose a patient', form));
    }
    await consent(request, reply, details, patient);
    return reply;
  });

  app.post<{ Params: { uid: string }; Body: Record<string, string | undefined> }>(
    `${prefix}/:uid/login`,
    async (request, reply) => {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      const user = findUser(request.body.username ?? '');
      if (!user || user.password !== request.body.password)
        return reply
          .code(401)
          .type('text/html')
          .send(await loginPage(details, 'Unknown user or wrong password.'));
      const patient = str(request.body.patient);
      if (needsPatient(details) && !patient)
        return reply
          .code(400)
          .type('text/html')
          .send(await loginPage(details, 'Choose a patient.'));
      reply.hijack();
      await provider.interactionFinished(
        request.raw,
        reply.raw,
        { login: { accountId: user.username }, ...(patient ? { smart: { patient } } : {}) },
        { mergeWithLastSubmission: false },
      );
      return reply;
    },
  );

  app.post<{ Params: { uid: string }; Body: Record<string, string | undefined> }>(
    `${prefix}/:uid/patient`,
    async (request, reply) => {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      const patient = str(request.body.patient);
      if (!patient)
        return reply.code(400).type('text/html').send(page('Choose a patient', '<p>No patient chosen.</p>'));
      await consent(request, reply, details, patient);
      return reply;
    },
  );
}
