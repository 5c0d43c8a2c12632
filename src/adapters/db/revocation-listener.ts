// Revocations made by other processes, heard through PostgreSQL LISTEN/NOTIFY: the revoking transaction notifies
// `klivira_key_revoked` with the key's hash, delivered on commit. Each API process keeps one dedicated connection
// listening; when it drops, the feed says so (callers stop caching, so no revocation is missed) and reconnects with
// backoff. A heartbeat notices a connection that died silently.
import pg from 'pg';
import type { RevocationListener } from '../../app/access.ts';

export const KEY_REVOKED_CHANNEL = 'klivira_key_revoked';
/** How the listening connections show in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'klivira-revocations';

/** Revocations from other processes. */
export interface RevocationFeed {
  /** True while listening: every revocation committed from now on will be heard. */
  readonly listening: boolean;
  onRevoked(listener: RevocationListener): () => void;
}

const HEARTBEAT_MS = 2_000;
const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5_000;

export class PostgresRevocationListener implements RevocationFeed {
  private readonly listeners = new Set<RevocationListener>();
  private client: pg.Client | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private retryMs = FIRST_RETRY_MS;
  private closed = false;

  constructor(private readonly connectionString: string) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  onRevoked(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects and listens; on failure keeps retrying in the background (not listening meanwhile). */
  async start(): Promise<void> {
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    await client?.end();
  }

  private emit(keyHash: string | undefined): void {
    for (const listener of this.listeners) listener(keyHash);
  }

  private async connect(): Promise<void> {
    // A short query timeout makes a dead connection's heartbeat fail quickly.
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      query_timeout: 1_000,
    });
    let lost = false;
    const lose = (): void => {
      if (lost) return;
      lost = true;
      client.end().catch(() => undefined);
      if (this.client === client) {
        this.client = undefined;
        clearInterval(this.heartbeat);
        // Revocations committed while not listening go unheard: whatever was cached must go.
        this.emit(undefined);
      }
      this.scheduleRetry();
    };
    client.on('error', lose);
    client.on('end', lose);
    client.on('notification', (message) => {
      if (message.channel === KEY_REVOKED_CHANNEL) this.emit(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${KEY_REVOKED_CHANNEL}`);
    } catch {
      lose();
      return;
    }
    if (this.closed || lost) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    // Anything cached before listening began may have been revoked since.
    this.emit(undefined);
    this.heartbeat = setInterval(() => {
      client.query('select 1').catch(lose);
    }, HEARTBEAT_MS).unref();
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
  }
}
