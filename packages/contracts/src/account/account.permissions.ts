/**
 * Permission catalogue and roles (ARCHITECTURE §6). A permission is `<domain>.<action>`; a role is a
 * named permission set; a grant (account, role, org) covers that org's whole subtree.
 */
export const permissions = [
  'org.read',
  'org.write',
  'org.directory.read',
  'member.read',
  'member.write',
  'member.pii.unmask',
  'settings.read',
  'settings.write',
  'security.settings.write',
  'account.read',
  'account.write',
  'account.grant',
  'audit.read',
  'life.read',
  'life.write',
  'life.review',
  'points.read',
  'dues.read',
  'dues.collect',
  'dues.approve',
  'transfer.read',
  'transfer.initiate',
  'transfer.approve',
  'development.read',
  'development.write',
  'development.approve',
  'development.override',
  'stats.read',
] as const;
export type Permission = (typeof permissions)[number];

export const roles = [
  'system_admin',
  'security_admin',
  'audit_admin',
  'org_admin',
  'pii_officer',
  'secretary',
  'organiser',
  'member',
] as const;
export type Role = (typeof roles)[number];

/** 三员分立: no account may hold two of these (等保三级 安全管理中心). */
export const separatedDutyRoles: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  // 系统管理员: system configuration only — no business data, no unmasked PII.
  system_admin: ['org.read', 'org.directory.read', 'settings.read', 'settings.write'],
  // 安全管理员: accounts, 三员 assignment, security policy — no business data, no audit.
  security_admin: ['org.directory.read', 'account.read', 'account.write', 'account.grant', 'settings.read', 'security.settings.write'],
  // 审计管理员: reads audit; writes nothing.
  audit_admin: ['org.directory.read', 'audit.read'],
  // 党组织管理员 (组织部 / 党工委 / 社区党委 党务工作者): maintains its subtree.
  org_admin: [
    'org.read',
    'org.write',
    'org.directory.read',
    'member.read',
    'member.write',
    'settings.read',
    'settings.write',
    'account.read',
    'account.write',
    'account.grant',
    'life.read',
    'life.write',
    'life.review',
    'points.read',
    'dues.read',
    'dues.collect',
    'dues.approve',
    'transfer.read',
    'transfer.initiate',
    'transfer.approve',
    // 发展党员: the committee's steps (consent, pre-review, approval) need `development.approve` and an org with
    // can_approve_members; overriding a refused time limit is a separate, audited right.
    'development.read',
    'development.write',
    'development.approve',
    'development.override',
    'stats.read',
  ],
  // 敏感信息查看: may unmask ID number / phone / address with a stated reason (always audited).
  pii_officer: ['member.pii.unmask'],
  // 支部书记: maintains the branch and its members.
  secretary: ['org.read', 'org.directory.read', 'member.read', 'member.write', 'settings.read', 'life.read', 'life.write', 'points.read', 'dues.read', 'dues.collect', 'transfer.read', 'transfer.initiate', 'transfer.approve', 'development.read', 'development.write', 'stats.read'],
  // 组织委员: keeps the branch's member files and, as is common, collects dues (党费收缴).
  organiser: ['org.read', 'org.directory.read', 'member.read', 'member.write', 'life.read', 'life.write', 'points.read', 'dues.read', 'dues.collect', 'transfer.read', 'transfer.initiate', 'development.read', 'development.write', 'stats.read'],
  // 党员: own file only (self scope); the grant records which branch.
  member: [],
};

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '审计管理员', en: 'Audit administrator' },
  org_admin: { zh: '党组织管理员', en: 'Organisation administrator' },
  pii_officer: { zh: '敏感信息查看', en: 'PII officer' },
  secretary: { zh: '支部书记', en: 'Branch secretary' },
  organiser: { zh: '组织委员', en: 'Organisation committee member' },
  member: { zh: '党员', en: 'Member' },
};

export const accountKinds = ['staff', 'member', 'applicant', 'resident', 'work_unit_admin'] as const;
export type AccountKind = (typeof accountKinds)[number];
