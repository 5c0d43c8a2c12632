// Server-side web sessions: a random token in an HttpOnly cookie, of which only the SHA-256 is stored, with the
// user, the organization and the CSRF token that unsafe requests must echo. A session ends when it has been idle too
// long, at its absolute end, or at sign-out. Its last use is written at most once a minute, not on every request.
import { randomBytes } from 'node:crypto';
import { hashApiKey } from './access.ts';
import type { WebUser } from './web-users.ts';

export interface StoredSession {
  user: WebUser;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface NewWebSession {
  tokenHash: string;
  userId: string;
  organizationId: string;
  csrfToken: string;
  /** Sign-in time: the first "last seen". */
  startedAt: Date;
  expiresAt: Date;
}

export interface WebSessionStore {
  create(session: NewWebSession): Promise<void>;
  find(tokenHash: string): Promise<StoredSession | undefined>;
  touch(tokenHash: string, at: Date): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** Removes sessions past their absolute end or idle since before `idleSince`; returns how many. */
  deleteExpired(now: Date, idleSince: Date): Promise<number>;
}

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteMs: number;
}

/** A working day's sign-in, ended by half an hour away from the screen. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 };

const TOUCH_EVERY_MS = 60_000;

/** Session tokens are hashed as API keys are (SHA-256 hex): the database alone never signs anyone in. */
export const hashSessionToken = hashApiKey;

export class WebSessions {
  constructor(
    private readonly store: WebSessionStore,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new session for a user who just signed in: the cookie's token and the CSRF token (shown once each). */
  async start(user: WebUser): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const startedAt = this.now();
    const expiresAt = new Date(startedAt.getTime() + this.policy.absoluteMs);
    await this.store.create({
      tokenHash: hashSessionToken(token),
      userId: user.id,
      organizationId: user.organizationId,
      csrfToken,
      startedAt,
      expiresAt,
    });
    return { token, csrfToken, expiresAt };
  }

  /** The live session behind a cookie's token; an expired one is deleted and answers undefined. */
  async resume(token: string): Promise<StoredSession | undefined> {
    const hash = hashSessionToken(token);
    const session = await this.store.find(hash);
    if (!session) return undefined;
    const now = this.now();
    if (session.expiresAt <= now || session.lastSeenAt.getTime() + this.policy.idleMs <= now.getTime()) {
      await this.store.delete(hash);
      return undefined;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await this.store.touch(hash, now);
    return session;
  }

  end(token: string): Promise<void> {
    return this.store.delete(hashSessionToken(token));
  }

  /** Forgets the sessions that can no longer be resumed (run now and then). */
  purge(): Promise<number> {
    const now = this.now();
    return this.store.deleteExpired(now, new Date(now.getTime() - this.policy.idleMs));
  }
}
