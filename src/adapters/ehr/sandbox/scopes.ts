// SMART App Launch scopes: parse the v2 syntax (`patient/Observation.rs`, `user/*.cruds`) and the v1 one
// (`patient/*.read`, `user/*.write`, `system/*.*`) into grants, and decide what a token may do with a resource type.
export type ScopeContext = 'patient' | 'user' | 'system';
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

export interface ResourceScope {
  context: ScopeContext;
  /** A resource type, or `*` for every type. */
  resourceType: string;
  permissions: ReadonlySet<Permission>;
}

const SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(\*|read|write|c?r?u?d?s?)(\?.*)?$/;

const V1: Record<string, Permission[]> = { read: ['r', 's'], write: ['c', 'u', 'd'], '*': ['c', 'r', 'u', 'd', 's'] };

/** The resource scope a string denotes, or undefined when it is not one (e.g. `openid`, `launch/patient`). Query
 * constraints (`patient/Observation.rs?category=…`) are accepted and ignored: the sandbox grants the whole type. */
export function parseResourceScope(scope: string): ResourceScope | undefined {
  const match = SCOPE.exec(scope);
  if (!match) return undefined;
  const [, context, resourceType, permissionText] = match as unknown as [string, ScopeContext, string, string];
  const permissions = V1[permissionText] ?? (permissionText.match(/[cruds]/g) as Permission[] | null) ?? [];
  if (permissions.length === 0) return undefined;
  return { context, resourceType, permissions: new Set(permissions) };
}

export function isResourceScope(scope: string): boolean {
  return parseResourceScope(scope) !== undefined;
}

/** How far a token reaches for one interaction on one resource type. */
export type Reach = 'all' | 'patient' | 'none';

/** `all` when a user/system scope grants the permission, `patient` when only patient scopes do. */
export function reachOf(scopes: readonly ResourceScope[], resourceType: string, permission: Permission): Reach {
  let reach: Reach = 'none';
  for (const scope of scopes) {
    if (scope.resourceType !== '*' && scope.resourceType !== resourceType) continue;
    if (!scope.permissions.has(permission)) continue;
    if (scope.context !== 'patient') return 'all';
    reach = 'patient';
  }
  return reach;
}

export function parseScopes(scope: string | undefined): ResourceScope[] {
  return (scope ?? '').split(' ').flatMap((s) => parseResourceScope(s) ?? []);
}
