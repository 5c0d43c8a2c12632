// Who may do what. Roles are per organization; every API key belongs to one organization and carries one role.
export const ROLES = ['admin', 'coordinator', 'clinician', 'read_only'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'cases:read'
  | 'cases:create'
  | 'cases:document'
  | 'cases:manage'
  | 'cases:submit'
  | 'jobs:read'
  | 'policies:read'
  | 'keys:manage'
  /** The organization's notification settings (team address, webhook and its secret). */
  | 'notifications:manage'
  /** One's own notification settings. */
  | 'notifications:self'
  /** The organization's denial analytics (rates, turnaround, CMS-0057-F figures): aggregates, no patient data. */
  | 'analytics:read';

/**
 * admin: everything, including keys. coordinator: the whole PA workflow. clinician: orders and documentation
 * (create cases, answer questionnaires, comment, attach) but not submission or queue management. read_only: reads.
 */
const PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set<Permission>([
    'cases:read',
    'cases:create',
    'cases:document',
    'cases:manage',
    'cases:submit',
    'jobs:read',
    'policies:read',
    'keys:manage',
    'notifications:manage',
    'notifications:self',
    'analytics:read',
  ]),
  coordinator: new Set<Permission>([
    'cases:read',
    'cases:create',
    'cases:document',
    'cases:manage',
    'cases:submit',
    'jobs:read',
    'policies:read',
    'notifications:self',
    'analytics:read',
  ]),
  clinician: new Set<Permission>([
    'cases:read',
    'cases:create',
    'cases:document',
    'policies:read',
    'notifications:self',
  ]),
  read_only: new Set<Permission>(['cases:read', 'policies:read', 'notifications:self']),
};

export function can(role: Role, permission: Permission): boolean {
  return PERMISSIONS[role].has(permission);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
