// WebSessionStore on PostgreSQL: sessions keyed by the hash of their token, read with their user in one query.
import type { Kysely } from 'kysely';
import type { NewWebSession, StoredSession, WebSessionStore } from '../../app/web-session.ts';
import type { Database } from './schema.ts';
import { toUser } from './user-store.ts';

export class PostgresWebSessionStore implements WebSessionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(session: NewWebSession): Promise<void> {
    await this.db
      .insertInto('web_sessions')
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        organization_id: session.organizationId,
        csrf_token: session.csrfToken,
        last_seen_at: session.startedAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async find(tokenHash: string): Promise<StoredSession | undefined> {
    const row = await this.db
      .selectFrom('web_sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        'u.id',
        'u.organization_id',
        'u.name',
        'u.email',
        'u.role',
        's.csrf_token',
        's.created_at',
        's.last_seen_at',
        's.expires_at',
      ])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      user: toUser(row),
      csrfToken: row.csrf_token,
      createdAt: new Date(row.created_at),
      lastSeenAt: new Date(row.last_seen_at),
      expiresAt: new Date(row.expires_at),
    };
  }

  async touch(tokenHash: string, at: Date): Promise<void> {
    await this.db.updateTable('web_sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteExpired(now: Date, idleSince: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('web_sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
