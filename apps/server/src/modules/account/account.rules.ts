import { rolePermissions, separatedDutyRoles, type Permission, type Role } from '@xianfeng/contracts/account/account.permissions';

/**
 * Password policy (security-requirements §2.4; GB/T 22239-2019 8.1.4.1 a): ≥ 8 characters with at least
 * 3 of 4 classes (upper, lower, digit, symbol) and not containing the username or phone.
 */
export function passwordProblem(password: string, identity: { username: string; phone?: string | null }): 'weak' | 'identity' | null {
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (password.length < 8 || classes < 3) return 'weak';
  const lower = password.toLowerCase();
  if (identity.username.length >= 3 && lower.includes(identity.username.toLowerCase())) return 'identity';
  if (identity.phone && password.includes(identity.phone)) return 'identity';
  return null;
}

/**
 * 三员分立 (GB/T 22239-2019 8.1.5; security-requirements §2.2): an account holding one of 系统/安全/审计管理员
 * holds no other role at all — not another of the three, and no business role either (the auditor only
 * reads audit; the system administrator never sees business data or unmasked PII).
 */
export function violatesSeparationOfDuties(held: Role[], adding: Role): boolean {
  const others = held.filter((r) => r !== adding);
  if (separatedDutyRoles.includes(adding)) return others.length > 0;
  return held.some((r) => separatedDutyRoles.includes(r));
}

/**
 * Granting downward (ARCHITECTURE §6): the grantor must hold, through grants covering the target org,
 * every permission of the role; never to themselves. The 三员 roles are assigned only by the 安全管理员.
 */
export function grantRefusal(opts: {
  grantorAccountId: string;
  granteeAccountId: string;
  role: Role;
  grantorPermissionsAtTarget: Set<Permission>;
  grantorRolesAtTarget: Set<Role>;
}): 'self' | 'reserved' | 'not_held' | null {
  if (opts.grantorAccountId === opts.granteeAccountId) return 'self';
  if (separatedDutyRoles.includes(opts.role)) return opts.grantorRolesAtTarget.has('security_admin') ? null : 'reserved';
  // Roles with no permissions of their own (member) need the right to manage accounts there.
  const needed: readonly Permission[] = rolePermissions[opts.role].length ? rolePermissions[opts.role] : ['account.grant'];
  return needed.every((p) => opts.grantorPermissionsAtTarget.has(p)) && opts.grantorPermissionsAtTarget.has('account.grant') ? null : 'not_held';
}
