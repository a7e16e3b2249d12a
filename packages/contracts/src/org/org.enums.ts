/** Organisation kinds and domains (ARCHITECTURE §5; glossary in docs/glossary.md). */
export const orgKinds = [
  'local_committee',
  'committee',
  'working_committee',
  'general_branch',
  'branch',
  'joint_branch',
  'temporary_branch',
  'group',
] as const;
export type OrgKind = (typeof orgKinds)[number];

export const orgDomains = [
  'community',
  'village',
  'government',
  'institution',
  'soe',
  'private_enterprise',
  'social_org',
  'school',
  'other',
] as const;
export type OrgDomain = (typeof orgDomains)[number];

/** Orgs that hold members directly (a general branch may, too). */
export const memberHoldingKinds: readonly OrgKind[] = ['branch', 'joint_branch', 'temporary_branch', 'general_branch'];
export const branchKinds: readonly OrgKind[] = ['branch', 'joint_branch', 'temporary_branch'];
/** Orgs headed by a 书记 (every kind but 党小组, whose head is a 组长). */
export const secretaryKinds: readonly OrgKind[] = ['local_committee', 'committee', 'working_committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch'];

export const leaderPositions = [
  'secretary',
  'deputy_secretary',
  'organisation_member',
  'publicity_member',
  'discipline_member',
  'committee_member',
] as const;
export type LeaderPosition = (typeof leaderPositions)[number];

export const orgKindLabels: Record<OrgKind, string> = {
  local_committee: '区（县）委',
  committee: '党委',
  working_committee: '党工委',
  general_branch: '党总支',
  branch: '党支部',
  joint_branch: '联合党支部',
  temporary_branch: '临时党支部',
  group: '党小组',
};

export const orgDomainLabels: Record<OrgDomain, string> = {
  community: '社区',
  village: '农村',
  government: '机关',
  institution: '事业单位',
  soe: '国有企业',
  private_enterprise: '非公企业',
  social_org: '社会组织',
  school: '学校',
  other: '其他',
};

export const leaderPositionLabels: Record<LeaderPosition, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  organisation_member: '组织委员',
  publicity_member: '宣传委员',
  discipline_member: '纪检委员',
  committee_member: '委员',
};

export const orgWarningCodes = [
  'BRANCH_TOO_FEW_FULL_MEMBERS',
  'BRANCH_TOO_MANY_MEMBERS',
  'BRANCH_COMMITTEE_MISSING',
  'TERM_EXPIRED',
  'ELECTION_DUE_SOON',
  'GROUP_OUTSIDE_BRANCH',
  'SECRETARY_MISSING',
] as const;
export type OrgWarningCode = (typeof orgWarningCodes)[number];

export const gridKinds = ['grid', 'building'] as const;
