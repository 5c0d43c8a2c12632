// Access control: the roles of an organization and what each may do.
export { can, isRole, ROLES } from './roles.ts';
export type { Permission, Role } from './roles.ts';
