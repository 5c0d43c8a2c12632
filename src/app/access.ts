// Access: API keys (stored hashed) that name an organization and a role, and the audit log of who viewed or changed
// which case. The HTTP layer authenticates with this port; the PostgreSQL implementation is in adapters/db.
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../core/access/index.ts';

/** Who makes a request: a machine by its API key, or a person signed in to the web app (then `label` is their name). */
export interface Principal {
  keyId?: string;
  userId?: string;
  organizationId: string;
  role: Role;
  label: string;
}

export interface AuditEntry {
  organizationId: string;
  /** The API key, or the signed-in user, that made the request. */
  keyId?: string;
  userId?: string;
  role: Role;
  action: 'view' | 'change';
  /** e.g. `case/<uuid>`. */
  resource: string;
  route: string;
  status: number;
}

/** Hears of a revoked key by its hash; `undefined` means any key may have been revoked unheard: forget them all. */
export type RevocationListener = (keyHash: string | undefined) => void;

export interface AccessStore {
  principalForKeyHash(hash: string): Promise<Principal | undefined>;
  createKey(organizationId: string, role: Role, label: string, keyHash: string): Promise<string>;
  /** Revokes the key; this process's listeners hear of it before this resolves, other processes' within a second. */
  revokeKey(organizationId: string, keyId: string): Promise<boolean>;
  /** Revocations as they happen, so that whoever caches principals can drop them. Returns the unsubscribe. */
  onRevoked(listener: RevocationListener): () => void;
  /** False while a revocation made by another process could go unheard (its feed is reconnecting): do not cache. */
  hearsAllRevocations(): boolean;
  /** Whether the organization has this case (a case of another organization does not exist for it). */
  caseExists(organizationId: string, caseId: string): Promise<boolean>;
  audit(entry: AuditEntry): Promise<void>;
  auditTrail(organizationId: string, resource: string): Promise<(AuditEntry & { at: string })[]>;
}

/** Keys are random 32 bytes shown once; only their SHA-256 is stored. */
export function newApiKey(): { key: string; hash: string } {
  const key = `kl_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
