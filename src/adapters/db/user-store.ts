// UserStore on PostgreSQL: a user per (issuer, subject), refreshed from the identity provider at each sign-in.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SignedInIdentity, UserStore, WebUser } from '../../app/web-users.ts';
import { isRole } from '../../core/access/index.ts';
import type { Database } from './schema.ts';

export class PostgresUserStore implements UserStore {
  constructor(private readonly db: Kysely<Database>) {}

  async signedIn(identity: SignedInIdentity): Promise<WebUser> {
    return this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('organizations')
        .values({ id: identity.organizationId, name: identity.organizationId })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const row = await tx
        .insertInto('users')
        .values({
          id: randomUUID(),
          organization_id: identity.organizationId,
          issuer: identity.issuer,
          subject: identity.subject,
          name: identity.name,
          email: identity.email ?? null,
          role: identity.role,
        })
        .onConflict((oc) =>
          oc.columns(['issuer', 'subject']).doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            email: eb.ref('excluded.email'),
            role: eb.ref('excluded.role'),
            last_seen_at: new Date(),
          })),
        )
        .returning(['id', 'organization_id', 'name', 'email', 'role'])
        .executeTakeFirstOrThrow();
      return toUser(row);
    });
  }

  async list(organizationId: string, limit: number): Promise<Pick<WebUser, 'id' | 'name' | 'role'>[]> {
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'organization_id', 'name', 'email', 'role'])
      .where('organization_id', '=', organizationId)
      .orderBy('name')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => {
      const { id, name, role } = toUser(row);
      return { id, name, role };
    });
  }
}

export function toUser(row: {
  id: string;
  organization_id: string;
  name: string;
  email: string | null;
  role: string;
}): WebUser {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    ...(row.email ? { email: row.email } : {}),
    // The column's check admits only roles; a role removed from the code later reads as the least one.
    role: isRole(row.role) ? row.role : 'read_only',
  };
}
