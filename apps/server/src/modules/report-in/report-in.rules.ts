import type { OrgDomain, OrgKind } from '@xianfeng/contracts/org/org.enums';
import { raterSide, raters, type Rater, type ReportInAction, type ReportInStatus } from '@xianfeng/contracts/report-in/report-in.enums';
import type { ReportInFigures } from '@xianfeng/contracts/report-in/report-in.schemas';
import { parseIdNumber } from '../member/member.service.ts';

/**
 * 在职党员双报到 rules, pure. Sources: practice.md §2.4 (unit registers → 报到证 → community 回执 → claims →
 * service → approval → statistics) and pain point 9 (no 拉郎配: members choose their own posts; no 拍照式 check-ins:
 * service counts only once the community has approved it).
 */

/**
 * A citizen ID number, normalised, or the reason it is wrong: the member module's GB 11643 check
 * (`parseIdNumber`), so registrations and member files accept exactly the same numbers.
 */
const ID_PROBLEMS: Record<Extract<ReturnType<typeof parseIdNumber>, string>, string> = {
  length: '身份证号码应为 18 位',
  characters: '身份证号码前 17 位应为数字，最后一位为数字或 X',
  birth_date: '身份证号码中的出生日期不存在',
  future_birth_date: '身份证号码中的出生日期晚于今天',
  check_digit: '身份证号码校验位错误',
};

export function checkIdNumber(raw: string, today: string): { idNumber: string } | { problem: string } {
  const parsed = parseIdNumber(raw, today);
  return typeof parsed === 'string' ? { problem: ID_PROBLEMS[parsed] } : { idNumber: parsed.normalised };
}

// GB 32100-2015 统一社会信用代码: 18 characters from 31 (no I, O, Z, S, V), the last a check character.
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += CREDIT_CHARS.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_CHARS[(31 - (s % 31)) % 31]!;
}

export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/**
 * A residence community one reports to: a live 社区 (or 村) 党委 / 党总支, or a 社区党支部 standing directly under a
 * street 党工委 or the local committee (a small community with only a branch). Grid branches inside a community
 * are not communities.
 */
export function isCommunityOrg(o: { kind: OrgKind; domain: OrgDomain; dissolvedOn: string | null; parentKind: OrgKind | null }): boolean {
  if (o.dissolvedOn || (o.domain !== 'community' && o.domain !== 'village')) return false;
  if (o.kind === 'committee' || o.kind === 'general_branch') return true;
  return o.kind === 'branch' && (o.parentKind === 'working_committee' || o.parentKind === 'local_committee');
}

/** 回执 number: the 报到证's serial with the receipt's prefix, so the two papers pair up at a glance. */
export function receiptNoOf(certificateNo: string): string {
  return certificateNo.replace(/^BD/, 'HZ');
}

/** A service counts from the community's confirmation to today (no back-dating before the member was here). */
export function serviceDateOk(servedOn: string, confirmedOn: string | null, today: string): boolean {
  return !!confirmedOn && servedOn >= confirmedOn && servedOn <= today;
}

export type ClaimRefusal = 'closed' | 'full' | 'already' | null;

/** Whether a member may claim a post now: open, not yet claimed by them, a place left. */
export function claimRefusal(p: { closedOn: string | null; capacity: number | null; claimed: number; alreadyMine: boolean }): ClaimRefusal {
  if (p.closedOn) return 'closed';
  if (p.alreadyMine) return 'already';
  if (p.capacity !== null && p.claimed >= p.capacity) return 'full';
  return null;
}

/** The caller's relations to a registration (one person may hold several). */
export interface Sides {
  unit: boolean;
  communityRead: boolean;
  communityWrite: boolean;
  self: boolean;
}

/**
 * What the caller may do. Claims and service are the member's (the unit may enter them for a member who has no
 * account); the community confirms, declines and ends but never claims for the member (no 拉郎配). The unit may
 * withdraw a registration the community has not confirmed yet.
 */
export function allowedActions(r: { status: ReportInStatus; confirmedOn: string | null }, s: Sides): ReportInAction[] {
  const out: ReportInAction[] = [];
  if (s.unit || s.communityRead || s.self) out.push('print_certificate');
  if (r.status === 'registered') {
    if (s.communityWrite) out.push('confirm', 'decline');
    if (s.unit) out.push('end');
  }
  if (r.status === 'confirmed') {
    if (s.unit || s.communityWrite) out.push('end');
    if (s.self || s.unit) out.push('claim', 'log_service');
  }
  if (r.confirmedOn && (s.unit || s.communityRead || s.self)) out.push('print_receipt');
  return out;
}

/** The 五评议 grades the caller records (self by the member, leader by the unit, the rest by the community). */
export function ratersFor(status: ReportInStatus, s: Sides): Rater[] {
  if (status !== 'confirmed' && status !== 'ended') return [];
  return raters.filter((r) => {
    switch (raterSide[r]) {
      case 'member':
        return s.self;
      case 'unit':
        return s.unit;
      case 'community':
        return s.communityWrite;
    }
  });
}

/** A year may be evaluated from the year the member reported in up to this year. */
export function evaluationYearOk(year: number, registeredOn: string, today: string): boolean {
  return year >= Number(registeredOn.slice(0, 4)) && year <= Number(today.slice(0, 4));
}

export const emptyFigures = (): ReportInFigures => ({ registered: 0, confirmed: 0, pending: 0, active: 0, serviceMinutes: 0 });

export function addFigures(a: ReportInFigures, b: ReportInFigures): ReportInFigures {
  return {
    registered: a.registered + b.registered,
    confirmed: a.confirmed + b.confirmed,
    pending: a.pending + b.pending,
    active: a.active + b.active,
    serviceMinutes: a.serviceMinutes + b.serviceMinutes,
  };
}

/**
 * Rolls community figures up into the given orgs' subtrees (by path prefix). Figures count registrations, each
 * in exactly one community and one unit, so the sums by org, by community and by unit always agree.
 */
export function rollUp<T extends { path: string }>(orgs: readonly T[], communities: readonly (ReportInFigures & { path: string })[]): (T & { figures: ReportInFigures })[] {
  return orgs.map((o) => ({ ...o, figures: communities.filter((c) => c.path.startsWith(o.path)).reduce((acc, c) => addFigures(acc, c), emptyFigures()) }));
}
