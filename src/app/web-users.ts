// People who sign in to the web app through OpenID Connect: one user per identity provider and subject, in one
// organization, with the role the provider's claim gives (else the configured default). The PostgreSQL
// implementation is in adapters/db; GET /api/users lists them for assignee pickers.
import type { Role } from '../core/access/index.ts';

export interface WebUser {
  id: string;
  organizationId: string;
  name: string;
  email?: string;
  role: Role;
}

/** Who the identity provider says signed in: its issuer and subject identify them for good. */
export interface SignedInIdentity {
  organizationId: string;
  issuer: string;
  subject: string;
  name: string;
  email?: string;
  role: Role;
}

export interface UserStore {
  /** The user for this identity, created on first sign-in; name, email and role follow the provider each time. */
  signedIn(identity: SignedInIdentity): Promise<WebUser>;
  /** The organization's users by name, for assignee pickers. */
  list(organizationId: string, limit: number): Promise<Pick<WebUser, 'id' | 'name' | 'role'>[]>;
}
