import type { AgeBand, DisciplineKind, MemberState, MemberStatus } from '@xianfeng/contracts/member/member.enums';
import { addYears, isValidDate, wholeYears } from '../../platform/dates.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'length' | 'characters' | 'birth_date' | 'future_birth_date' | 'check_digit';

export interface ParsedIdNumber {
  normalised: string;
  birthDate: string;
  gender: 'male' | 'female';
  region: string;
}

export const idProblemMessages: Record<IdNumberProblem, string> = {
  length: '身份证号码应为 18 位',
  characters: '身份证号码前 17 位应为数字，最后一位为数字或 X',
  birth_date: '身份证号码中的出生日期不存在',
  future_birth_date: '身份证号码中的出生日期晚于今天',
  check_digit: '身份证号码校验位错误',
};

/** ISO 7064 MOD 11-2 check character over the first 17 digits (GB 11643-1999). */
export function idCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[s % 11]!;
}

/**
 * Validates a citizen ID number per GB 11643-1999 (regulations digest §4): 18 characters, real birth date
 * not in the future, check digit. Full-width digits and spaces are normalised; a lower-case `x` is
 * accepted and stored as `X` (the digest leaves this to us, §4 "Implementation-defined").
 */
export function parseIdNumber(raw: string, today: string): ParsedIdNumber | IdNumberProblem {
  const s = raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .replace(/[xｘＸ]$/, 'X');
  if (s.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(s)) return 'characters';
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isValidDate(birth) || birth < '1900-01-01') return 'birth_date';
  if (birth > today) return 'future_birth_date';
  if (idCheckChar(s.slice(0, 17)) !== s[17]) return 'check_digit';
  return { normalised: s, birthDate: birth, gender: Number(s[16]) % 2 === 1 ? 'male' : 'female', region: s.slice(0, 6) };
}

/** `110101********1234`: region and last four kept (security-requirements §5.4). */
export function maskIdNumber(id: string): string {
  return id.length >= 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '*'.repeat(id.length);
}

/** `138****5678` */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Address: keep the first 6 characters (district / street level), hide the rest. */
export function maskAddress(address: string): string {
  const chars = [...address];
  return chars.length <= 6 ? `${chars.slice(0, 2).join('')}****` : `${chars.slice(0, 6).join('')}****`;
}

/** Age bands of the 党内统计公报 (regulations digest §5), from the birth date as of a date. */
export function ageBandOf(birthDate: string, asOf: string): AgeBand {
  const age = wholeYears(birthDate, asOf);
  if (age <= 30) return 'le30';
  if (age >= 61) return 'ge61';
  const bands: AgeBand[] = ['31_35', '36_40', '41_45', '46_50', '51_55', '56_60'];
  return bands[Math.floor((age - 31) / 5)]!;
}

/**
 * Birth-date range [from, to] (inclusive) whose members fall in an age band as of a date, so a band
 * filter is a plain range on birth_date in SQL.
 */
export function birthDateRangeForBand(band: AgeBand, asOf: string): { from: string | null; to: string | null } {
  // Age ≥ a  ⇔ birth ≤ asOf − a years;  age ≤ b  ⇔ birth > asOf − (b+1) years.
  const olderThan = (a: number) => addYears(asOf, -a);
  const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const bounds: Record<AgeBand, [number | null, number | null]> = {
    le30: [null, 30],
    '31_35': [31, 35],
    '36_40': [36, 40],
    '41_45': [41, 45],
    '46_50': [46, 50],
    '51_55': [51, 55],
    '56_60': [56, 60],
    ge61: [61, null],
  };
  const [min, max] = bounds[band];
  return { from: max === null ? null : dayAfter(olderThan(max + 1)), to: min === null ? null : olderThan(min) };
}

export interface VotingInput {
  status: MemberStatus;
  state: MemberState;
  discipline: { kind: DisciplineKind; decidedOn: string; endsOn: string | null; rightsRestoredOn: string | null }[];
}

/**
 * Voting rights on a date (regulations digest §10 "voting rights"; 党章 第七条; 选举工作条例 第五条):
 * full members whose state is active and who are not under 留党察看 (probation) on that date.
 */
export function hasVotingRights(m: VotingInput, on: string): boolean {
  if (m.status !== 'full' || m.state !== 'active') return false;
  return !m.discipline.some((d) => {
    if (d.kind !== 'probation' || d.decidedOn > on) return false;
    const restored = d.rightsRestoredOn ?? d.endsOn;
    return restored === null || restored > on;
  });
}

export { wholeYears };
