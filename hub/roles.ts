/**
 * Roles and the permission table: which role may make which call. Every call is checked on the
 * server against the caller's role (hub/server/routes.ts looks each route's permission up here);
 * a route without an entry cannot be registered. Issue 16: the administrator manages accounts; city
 * officers (市级部门) own targets and task lists of their plans; reviewers read and compare; district
 * planners work on their district's figures and tasks. Packages: officers and districts push, reviewers only read.
 */
export const ROLES = ['admin', 'officer', 'reviewer', 'district'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = { admin: '系统管理员', officer: '市级部门', reviewer: '审阅人', district: '区县规划人员' };

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** 'public': no session needed; otherwise the roles whose session may make the call */
export const PERMISSIONS = {
  health: 'public',
  'session.login': 'public',
  'session.logout': ROLES,
  'session.whoami': ROLES,
  'accounts.list': ['admin'],
  'accounts.disable': ['admin'],
  'accounts.create': ['admin'], // s7-hubweb: the admin page
  'accounts.enable': ['admin'], // s7-hubweb
  // 报送包 (hub/packages/): the caller's scope (its district) is checked next, by hub/packages/access.ts
  'packages.push': ['officer', 'district'],
  'packages.read': ['officer', 'reviewer', 'district'],
  // plans on the hub (hub/plans/): a district account reads only plans naming its district, and only
  // its own rows of them (hub/plans/routes.ts); the roll-up sums every district, so not for districts
  'plans.read': ['officer', 'reviewer', 'district'],
  'plans.status': ['officer', 'reviewer', 'district'],
  'plans.rollup': ['officer', 'reviewer'],
  'plans.versions': ['officer', 'reviewer', 'district'],
  'plans.compare': ['officer', 'reviewer', 'district'],
  'audit.search': ['admin', 'officer', 'reviewer'],
  // the keys the hub trusts for the city and each district (hub/keys/): the administrator's — s7-hubkeys
  'keys.list': ['admin'],
  'keys.trust': ['admin'],
  'keys.revoke': ['admin'],
} as const satisfies Record<string, 'public' | readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function allows(permission: Permission, role: Role): boolean {
  const rule: 'public' | readonly Role[] = PERMISSIONS[permission];
  return rule === 'public' || rule.includes(role);
}
