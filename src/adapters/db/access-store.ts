// AccessStore on PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AccessStore, AuditEntry, Principal } from '../../app/access.ts';
import { isRole, type Role } from '../../core/access/roles.ts';
import type { Database } from './schema.ts';

export class PostgresAccessStore implements AccessStore {
  constructor(private readonly db: Kysely<Database>) {}

  async principalForKeyHash(hash: string): Promise<Principal | undefined> {
    const row = await this.db
      .selectFrom('api_keys')
      .select(['id', 'organization_id', 'role', 'label'])
      .where('key_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row || !isRole(row.role)) return undefined;
    return { keyId: row.id, organizationId: row.organization_id, role: row.role, label: row.label };
  }

  async createKey(organizationId: string, role: Role, label: string, keyHash: string): Promise<string> {
    const id = randomUUID();
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('organizations')
        .values({ id: organizationId, name: organizationId })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      await tx
        .insertInto('api_keys')
        .values({ id, organization_id: organizationId, key_hash: keyHash, role, label, revoked_at: null })
        .execute();
    });
    return id;
  }

  async revokeKey(organizationId: string, keyId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date() })
      .where('organization_id', '=', organizationId)
      .where('id', '=', keyId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        organization_id: entry.organizationId,
        key_id: entry.keyId,
        role: entry.role,
        action: entry.action,
        resource: entry.resource,
        route: entry.route,
        status: entry.status,
      })
      .execute();
  }

  async auditTrail(organizationId: string, resource: string): Promise<(AuditEntry & { at: string })[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .select(['organization_id', 'key_id', 'role', 'action', 'resource', 'route', 'status', 'at'])
      .where('organization_id', '=', organizationId)
      .where('resource', '=', resource)
      .orderBy('at')
      .execute();
    return rows.map((r) => ({
      organizationId: r.organization_id,
      keyId: r.key_id,
      role: isRole(r.role) ? r.role : 'read_only',
      action: r.action,
      resource: r.resource,
      route: r.route,
      status: r.status,
      at: new Date(r.at).toISOString(),
    }));
  }
}
