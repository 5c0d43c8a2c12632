// AccessStore on PostgreSQL. A revocation notifies in its own transaction (so other processes hear of it only once
// it is committed) and tells this process's listeners at once; other processes' revocations come from the feed.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AccessStore, AuditEntry, Principal, RevocationListener } from '../../app/access.ts';
import { isRole, type Role } from '../../core/access/index.ts';
import { KEY_REVOKED_CHANNEL, type RevocationFeed } from './revocation-listener.ts';
import { caseExists } from './case-events.ts';
import type { Database } from './schema.ts';

export class PostgresAccessStore implements AccessStore {
  private readonly listeners = new Set<RevocationListener>();

  /** Without a feed only this process's revocations are heard (embedded PGlite is one process). */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly feed?: RevocationFeed,
  ) {}

  onRevoked(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    const unsubscribe = this.feed?.onRevoked(listener);
    return () => {
      this.listeners.delete(listener);
      unsubscribe?.();
    };
  }

  hearsAllRevocations(): boolean {
    return this.feed?.listening ?? true;
  }

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
    const keyHash = await this.db.transaction().execute(async (tx) => {
      const revoked = await tx
        .updateTable('api_keys')
        .set({ revoked_at: new Date() })
        .where('organization_id', '=', organizationId)
        .where('id', '=', keyId)
        .where('revoked_at', 'is', null)
        .returning('key_hash')
        .executeTakeFirst();
      if (revoked) await sql`select pg_notify(${KEY_REVOKED_CHANNEL}, ${revoked.key_hash})`.execute(tx);
      return revoked?.key_hash;
    });
    if (keyHash === undefined) return false;
    for (const listener of this.listeners) listener(keyHash);
    return true;
  }

  caseExists(organizationId: string, caseId: string): Promise<boolean> {
    return caseExists(this.db, organizationId, caseId);
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        organization_id: entry.organizationId,
        key_id: entry.keyId ?? null,
        user_id: entry.userId ?? null,
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
      .select(['organization_id', 'key_id', 'user_id', 'role', 'action', 'resource', 'route', 'status', 'at'])
      .where('organization_id', '=', organizationId)
      .where('resource', '=', resource)
      .orderBy('at')
      .execute();
    return rows.map((r) => ({
      organizationId: r.organization_id,
      ...(r.key_id ? { keyId: r.key_id } : {}),
      ...(r.user_id ? { userId: r.user_id } : {}),
      role: isRole(r.role) ? r.role : 'read_only',
      action: r.action,
      resource: r.resource,
      route: r.route,
      status: r.status,
      at: new Date(r.at).toISOString(),
    }));
  }
}
