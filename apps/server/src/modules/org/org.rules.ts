import type { OrgDomain, OrgKind, OrgWarningCode } from '@xianfeng/contracts/org/org.enums';
import { branchKinds, memberHoldingKinds, secretaryKinds } from '@xianfeng/contracts/org/org.enums';
import { addMonths, addYears } from '../../platform/dates.ts';

/** 统一编码: a fixed-width 3-digit segment per level, so codes sort and prefix-match like the tree. */
export const CODE_SEGMENT_WIDTH = 3;
export const MAX_CHILDREN_PER_PARENT = 999;

export function nextCodeSegment(usedSegments: number[]): number | null {
  const max = usedSegments.length ? Math.max(...usedSegments) : 0;
  if (max < MAX_CHILDREN_PER_PARENT) return max + 1;
  // Reuse the first gap only when the end of the range is used up (codes of dissolved orgs stay taken).
  const used = new Set(usedSegments);
  for (let i = 1; i <= MAX_CHILDREN_PER_PARENT; i++) if (!used.has(i)) return i;
  return null;
}

export function childCode(parentCode: string, segment: number): string {
  return parentCode + String(segment).padStart(CODE_SEGMENT_WIDTH, '0');
}

/** Which kinds may sit under a parent. 党小组 may be recorded anywhere but outside a branch it is warned about. */
export function kindAllowedUnder(parent: OrgKind | null, kind: OrgKind): boolean {
  if (parent === null) return kind === 'local_committee' || kind === 'committee' || kind === 'working_committee';
  if (kind === 'local_committee') return false;
  switch (parent) {
    case 'local_committee':
    case 'working_committee':
    case 'committee':
      return true;
    case 'general_branch':
      return kind !== 'committee' && kind !== 'working_committee' && kind !== 'general_branch';
    case 'branch':
    case 'joint_branch':
    case 'temporary_branch':
      return kind === 'group';
    case 'group':
      return false;
  }
}

export interface TermSettings {
  committee: number;
  branch: number;
  communityBranch: number;
}

/**
 * Term length in years, or null where there is no term (党工委 is dispatched; the local committee's
 * congress is outside this system; temporary branches and groups are not elected).
 * 支部工作条例 第二十一条; 中办《关于党的基层组织任期的意见》(2018): 基层党委 5 years; 党总支 and 党支部
 * 3 years, 5 in villages and communities.
 */
export function termYears(kind: OrgKind, domain: OrgDomain, s: TermSettings): number | null {
  switch (kind) {
    case 'committee':
      return s.committee;
    case 'general_branch':
    case 'branch':
    case 'joint_branch':
      return domain === 'community' || domain === 'village' ? s.communityBranch : s.branch;
    case 'local_committee':
    case 'working_committee':
    case 'temporary_branch':
    case 'group':
      return null;
  }
}

/** Election due = term end (基层组织选举工作条例 第三条). */
export function termEnd(termStart: string, years: number): string {
  return addYears(termStart, years);
}

export interface WarningInput {
  kind: OrgKind;
  parentKind: OrgKind | null;
  members: number;
  fullMembers: number;
  committeeSize: number;
  /** Whether the current 班子 holds the 书记 position. */
  hasSecretary: boolean;
  termEnd: string | null;
  today: string;
}

export interface WarningSettings {
  branchMinFullMembers: number;
  branchMaxMembers: number;
  committeeThreshold: number;
  electionWarningMonths: number;
}

export const warningArticles: Record<OrgWarningCode, string> = {
  BRANCH_TOO_FEW_FULL_MEMBERS: '支部工作条例 第四条、第五条',
  BRANCH_TOO_MANY_MEMBERS: '支部工作条例 第四条',
  BRANCH_COMMITTEE_MISSING: '支部工作条例 第二十条',
  TERM_EXPIRED: '基层组织选举工作条例 第三条',
  ELECTION_DUE_SOON: '基层组织选举工作条例 第三条',
  GROUP_OUTSIDE_BRANCH: '支部工作条例 第十三条',
  SECRETARY_MISSING: '支部工作条例 第二十条、第二十一条',
};

export function warningMessage(code: OrgWarningCode, i: WarningInput, s: WarningSettings): string {
  switch (code) {
    case 'BRANCH_TOO_FEW_FULL_MEMBERS':
      return `正式党员 ${i.fullMembers} 人，少于 ${s.branchMinFullMembers} 人，应考虑成立联合党支部`;
    case 'BRANCH_TOO_MANY_MEMBERS':
      return `党员 ${i.members} 人，超过 ${s.branchMaxMembers} 人，应考虑设立党总支或分设支部`;
    case 'BRANCH_COMMITTEE_MISSING':
      return `正式党员 ${i.fullMembers} 人（≥ ${s.committeeThreshold} 人），应设立支部委员会`;
    case 'TERM_EXPIRED':
      return `任期已于 ${i.termEnd} 届满，应及时换届`;
    case 'ELECTION_DUE_SOON':
      return `任期将于 ${i.termEnd} 届满，请做好换届准备`;
    case 'GROUP_OUTSIDE_BRANCH':
      return '党小组应设在党支部之下';
    case 'SECRETARY_MISSING':
      return '现任班子中没有书记（书记空缺），应及时配备并录入班子';
  }
}

/** Structural warnings (regulations digest §2.1, §2.2, §2.4). Thresholds are settings. */
export function structuralWarnings(i: WarningInput, s: WarningSettings): OrgWarningCode[] {
  const out: OrgWarningCode[] = [];
  if (branchKinds.includes(i.kind)) {
    // A joint branch exists precisely because its units have < 3 full members each; as a whole it still needs 3.
    if (i.fullMembers < s.branchMinFullMembers) out.push('BRANCH_TOO_FEW_FULL_MEMBERS');
    if (i.members > s.branchMaxMembers) out.push('BRANCH_TOO_MANY_MEMBERS');
    if (i.kind !== 'temporary_branch' && i.fullMembers >= s.committeeThreshold && i.committeeSize < 3) {
      out.push('BRANCH_COMMITTEE_MISSING');
    }
  }
  // Every party organisation but a 党小组 is headed by a 书记 (支部工作条例 第二十条: with or without a committee,
  // a branch has one; 第二十一条: elected and approved by the higher organisation).
  if (secretaryKinds.includes(i.kind) && !i.hasSecretary) out.push('SECRETARY_MISSING');
  if (i.termEnd) {
    if (i.termEnd < i.today) out.push('TERM_EXPIRED');
    else if (i.termEnd <= addMonths(i.today, s.electionWarningMonths)) out.push('ELECTION_DUE_SOON');
  }
  if (i.kind === 'group' && (i.parentKind === null || !memberHoldingKinds.includes(i.parentKind))) {
    out.push('GROUP_OUTSIDE_BRANCH');
  }
  return out;
}
