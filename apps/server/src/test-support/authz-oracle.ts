/**
 * The authorization-matrix oracle (security-requirements §4.3): what each call *should* answer, derived
 * only from the contracts' role → permission table, org path prefixes and the documented status rules
 * (ARCHITECTURE §6 and §8). It deliberately shares no code with platform/access: a bug there must show up
 * as a disagreement here, not be copied.
 *
 * Status precedence (§8 and the services' documented order): 401 no valid session → 403 the permission is
 * held nowhere → 404 the target is missing or out of scope → 422 a business rule → success.
 */
import { rolePermissions, separatedDutyRoles, type Permission, type Role } from '@xianfeng/contracts/account/account.permissions';

export interface OracleOrg {
  id: string;
  path: string;
  parentId: string | null;
  kind: string;
  domain: string;
  name: string;
  code: string;
  dissolved: boolean;
}

export interface OracleGrant {
  role: Role;
  orgId: string;
  path: string;
}

export interface OracleActor {
  /** Username, or 'anonymous'. */
  label: string;
  /** Human description of where the actor sits, e.g. `org_admin@street(南湖)`. */
  position: string;
  session: 'none' | 'disabled' | 'valid';
  accountId: string | null;
  memberId: string | null;
  grants: OracleGrant[];
  /** The org the actor's relative positions are measured from (its first business grant). */
  home: OracleOrg | null;
}

export interface OracleMember {
  id: string;
  orgId: string;
  path: string;
  state: 'active' | 'suspended' | 'left';
}

export interface Expected {
  status: number;
  /** Acceptable error codes (any of them); absent = not checked (2xx, 401). */
  codes?: readonly string[];
}

export type Relation = 'self' | 'ancestor' | 'descendant' | 'sibling' | 'cousin' | 'other-street' | 'own-file' | 'global' | 'unrelated';

/** Org kinds that hold members directly (ARCHITECTURE §5: branch-type orgs and a general branch). */
const memberHoldingKinds = new Set(['branch', 'joint_branch', 'temporary_branch', 'general_branch']);

/** Path segments: '/1/5/2s/' → ['1', '5', '2s']. */
export const segments = (path: string): string[] => path.split('/').filter(Boolean);

/** `target` lies in the subtree rooted at `root` (segment-wise prefix, the root included). */
export function within(target: string, root: string): boolean {
  const t = segments(target);
  const r = segments(root);
  return r.length <= t.length && r.every((s, i) => t[i] === s);
}

export function relation(homePath: string | null, targetPath: string): Relation {
  if (homePath === null) return 'unrelated';
  if (targetPath === homePath) return 'self';
  if (within(homePath, targetPath)) return 'ancestor';
  if (within(targetPath, homePath)) return 'descendant';
  const h = segments(homePath);
  const t = segments(targetPath);
  if (h.length === t.length && h.slice(0, -1).join('/') === t.slice(0, -1).join('/')) return 'sibling';
  // Both below the same street (second level) but in different branches of it.
  if (h.length >= 2 && t.length >= 2 && h[0] === t[0] && h[1] === t[1]) return 'cousin';
  return 'other-street';
}

const unauthenticated = (a: OracleActor): Expected | null => (a.session === 'valid' ? null : { status: 401 });
const FORBIDDEN: Expected = { status: 403, codes: ['FORBIDDEN'] };
const NOT_FOUND: Expected = { status: 404, codes: ['NOT_FOUND'] };

export function permissionsAt(a: OracleActor, path: string): Set<Permission> {
  const out = new Set<Permission>();
  for (const g of a.grants) if (within(path, g.path)) for (const p of rolePermissions[g.role]) out.add(p);
  return out;
}

export function rolesAt(a: OracleActor, path: string): Set<Role> {
  return new Set(a.grants.filter((g) => within(path, g.path)).map((g) => g.role));
}

export function holds(a: OracleActor, p: Permission): boolean {
  return a.grants.some((g) => rolePermissions[g.role].includes(p));
}

export function can(a: OracleActor, p: Permission, path: string): boolean {
  return permissionsAt(a, path).has(p);
}

/** The minimal set of subtree roots over which the actor holds `p` (nested grants collapse). */
export function scopeRoots(a: OracleActor, p: Permission): string[] {
  const paths = [...new Set(a.grants.filter((g) => rolePermissions[g.role].includes(p)).map((g) => g.path))];
  return paths.filter((x) => !paths.some((y) => y !== x && within(x, y)));
}

/** A member file is readable in member.read scope, or as one's own file (self scope, §6). */
export function canReadMember(a: OracleActor, m: OracleMember): boolean {
  return a.memberId === m.id || can(a, 'member.read', m.path);
}

/** Single reads of a scoped resource: 403 only if the permission is held nowhere, else 404 out of scope. */
function scopedSingle(a: OracleActor, p: Permission, path: string | null, ok: number): Expected {
  const u = unauthenticated(a);
  if (u) return u;
  if (!holds(a, p)) return FORBIDDEN;
  if (path === null || !can(a, p, path)) return NOT_FOUND;
  return { status: ok };
}

export const expect = {
  orgRead: (a: OracleActor, org: OracleOrg | null) => scopedSingle(a, 'org.read', org?.path ?? null, 200),
  settingsRead: (a: OracleActor, org: OracleOrg) => scopedSingle(a, 'settings.read', org.path, 200),
  /** A business (non-security) key such as org.branchMaxMembers needs settings.write. */
  settingsWrite: (a: OracleActor, org: OracleOrg) => scopedSingle(a, 'settings.write', org.path, 200),
  memberListByOrg: (a: OracleActor, org: OracleOrg | null) => scopedSingle(a, 'member.read', org?.path ?? null, 200),

  /** GET /api/members/:id has no 403: a file one may not read does not exist for the caller. */
  memberRead(a: OracleActor, m: OracleMember | null): Expected {
    const u = unauthenticated(a);
    if (u) return u;
    return m && canReadMember(a, m) ? { status: 200 } : NOT_FOUND;
  },

  /** Unmasking: the file must be readable (else 404), then member.pii.unmask must cover it (else 403). */
  memberUnmask(a: OracleActor, m: OracleMember): Expected {
    const u = unauthenticated(a);
    if (u) return u;
    if (!canReadMember(a, m)) return NOT_FOUND;
    if (!can(a, 'member.pii.unmask', m.path)) return FORBIDDEN;
    return { status: 200 };
  },

  /** PATCH: member.write; a member who has left is history and refuses edits. */
  memberPatch(a: OracleActor, m: OracleMember): Expected {
    const e = scopedSingle(a, 'member.write', m.path, 200);
    if (e.status !== 200) return e;
    return m.state === 'left' ? { status: 422, codes: ['MEMBER_NOT_ACTIVE'] } : e;
  },

  /**
   * Ids inside bodies (§8: 404 also for out-of-scope ids in bodies): a 网格 or 党小组 reference that
   * does not exist, or that the caller cannot see and that is not on the member's own org path, is 404 —
   * never silently stored. Only asked for active members and open branches, where nothing else refuses.
   */
  memberPatchWithRef(a: OracleActor, m: OracleMember, ref: { usable: boolean }): Expected {
    const e = expect.memberPatch(a, m);
    return e.status === 200 && !ref.usable ? { status: 404 } : e;
  },
  memberCreateWithRef(a: OracleActor, org: OracleOrg, ref: { usable: boolean }): Expected {
    const e = expect.memberCreate(a, org);
    return e.status === 201 && !ref.usable ? { status: 404 } : e;
  },

  /** POST /api/members: the target org must be in member.write scope, open, and branch-type. */
  memberCreate(a: OracleActor, org: OracleOrg): Expected {
    const e = scopedSingle(a, 'member.write', org.path, 201);
    if (e.status !== 201) return e;
    const codes: string[] = [];
    if (org.dissolved) codes.push('ORG_DISSOLVED');
    if (!memberHoldingKinds.has(org.kind)) codes.push('MEMBER_ORG_NOT_BRANCH');
    return codes.length ? { status: 422, codes } : e;
  },

  memberListAll(a: OracleActor): Expected {
    return unauthenticated(a) ?? (holds(a, 'member.read') ? { status: 200 } : FORBIDDEN);
  },

  /** The tree answers every signed-in caller; without org.read it is simply empty. */
  orgTree(a: OracleActor): Expected {
    return unauthenticated(a) ?? { status: 200 };
  },

  auditList(a: OracleActor): Expected {
    return unauthenticated(a) ?? (holds(a, 'audit.read') ? { status: 200 } : FORBIDDEN);
  },

  directory(a: OracleActor): Expected {
    return unauthenticated(a) ?? (holds(a, 'org.directory.read') ? { status: 200 } : FORBIDDEN);
  },

  /**
   * POST /api/grants (逐级授权, §6): account.grant somewhere (403), the org inside the grantor's
   * account.grant subtree (404), the grantee existing (404), then the business rules (422): never to
   * oneself; 三员 roles only from a 安全管理员 covering the org; other roles only if the grantor holds,
   * at that org, every permission of the role and account.grant; 三员分立 — an account holding one of the
   * three administrator roles holds no other role at all (GRANT_SEPARATION_OF_DUTIES; the contracts'
   * error text: 须由专人专号担任，不能兼任其他任何角色).
   * All violated rules are returned: the service may report any one of them.
   */
  grant(a: OracleActor, input: { role: Role; org: OracleOrg | null; grantee: { accountId: string; exists: boolean; activeRoles: Role[] } }): Expected {
    const u = unauthenticated(a);
    if (u) return u;
    if (!holds(a, 'account.grant')) return FORBIDDEN;
    if (!input.org || !can(a, 'account.grant', input.org.path)) return { status: 404, codes: ['GRANT_OUT_OF_SUBTREE', 'NOT_FOUND'] };
    if (!input.grantee.exists) return NOT_FOUND;
    const codes: string[] = [];
    if (input.grantee.accountId === a.accountId) codes.push('GRANT_SELF');
    const separated = separatedDutyRoles.includes(input.role);
    const others = input.grantee.activeRoles.filter((r) => r !== input.role);
    if (separated) {
      if (!rolesAt(a, input.org.path).has('security_admin')) codes.push('GRANT_SEPARATED_ROLE_RESERVED');
      // 三员分立: an administrator of the three duties holds that one role and nothing else.
      if (others.length > 0) codes.push('GRANT_SEPARATION_OF_DUTIES');
    } else {
      const have = permissionsAt(a, input.org.path);
      if (!rolePermissions[input.role].every((p) => have.has(p)) || !have.has('account.grant')) codes.push('GRANT_NOT_HELD');
      if (others.some((r) => separatedDutyRoles.includes(r))) codes.push('GRANT_SEPARATION_OF_DUTIES');
    }
    return codes.length ? { status: 422, codes } : { status: 201 };
  },
};

export function describeExpected(e: Expected): string {
  return e.codes?.length ? `${e.status} ${e.codes.join('|')}` : String(e.status);
}

// ---- ID numbers (GB 11643-1999, ISO 7064 MOD 11-2), written out here so the oracle checks them itself ----

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** A complete (unmasked) ID number: 17 digits and the right check character. */
export function isValidIdNumber(s: string): boolean {
  return /^\d{17}[\dX]$/.test(s) && checkChar(s.slice(0, 17)) === s[17];
}

/**
 * The n-th synthetic ID number of the matrix: region 650102 (not used by the demo seed), a birth date
 * n days after 1960-01-01, sequence 013 (odd: male).
 */
export function validIdNumber(n: number): { idNumber: string; birthDate: string } {
  const birthDate = new Date(Date.UTC(1960, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const body = `650102${birthDate.replaceAll('-', '')}013`;
  return { idNumber: body + checkChar(body), birthDate };
}
