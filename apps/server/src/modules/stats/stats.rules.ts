import { ageBands, genders, memberCategories, memberStatuses, type AgeBand } from '@xianfeng/contracts/member/member.enums';
import { orgDomains, orgKinds } from '@xianfeng/contracts/org/org.enums';
import { educationKeys, ethnicityCodeKeys, joinPeriods, statsOccupations, UNKNOWN } from '@xianfeng/contracts/stats/stats.enums';
import type { MemberStatistics, OrgStatistics } from '@xianfeng/contracts/stats/stats.schemas';
import { wholeYears } from '../../platform/dates.ts';

/**
 * Pure rules of the statistics module: turning rollup rows into the figures of the API, age bands as of a date
 * from birth-month and birth-date keys, and where a subtree stood on a past date after subtree moves. No I/O.
 */

/** A rollup row (or a row of a past-date count in the same shape): `n` items with value `key` of dimension `dim`. */
export interface KeyCount {
  dim: string;
  key: string;
  n: number;
}

/** 党内统计 age bands (regulations digest §5): 30岁及以下 … 61岁及以上, from age in whole years. */
export function bandOfAge(age: number): AgeBand {
  if (age <= 30) return 'le30';
  if (age >= 61) return 'ge61';
  return ageBands[1 + Math.floor((age - 31) / 5)]!;
}

/** The ages at which the band changes (31, 36, … 61): the one age whose band a birth month alone cannot tell. */
const BAND_STARTS = [31, 36, 41, 46, 51, 56, 61];

/**
 * Birth months whose members' band as of `asOf` depends on the day of birth: born in asOf's month, 31, 36 … 61
 * years before. Only these are read at day precision (`birth_date` rows); every other month's band is fixed.
 */
export function dayPreciseBirthMonths(asOf: string): string[] {
  const y = Number(asOf.slice(0, 4));
  const m = asOf.slice(5, 7);
  return BAND_STARTS.map((a) => `${String(y - a).padStart(4, '0')}-${m}`);
}

/**
 * Active members by age band as of `asOf` (whole years, the birthday itself counts — platform/dates `wholeYears`;
 * regulations digest §10 "age in statistics"): from `birth_month` rows, and `birth_date` rows for the months of
 * `dayPreciseBirthMonths` (other birth_date rows are ignored).
 */
export function ageBandsAsOf(rows: KeyCount[], asOf: string): Record<AgeBand, number> {
  const out = Object.fromEntries(ageBands.map((b) => [b, 0])) as Record<AgeBand, number>;
  const precise = new Set(dayPreciseBirthMonths(asOf));
  const y2 = Number(asOf.slice(0, 4));
  const m2 = Number(asOf.slice(5, 7));
  for (const r of rows) {
    if (r.n === 0) continue;
    if (r.dim === 'birth_month' && /^\d{4}-\d{2}$/.test(r.key) && !precise.has(r.key)) {
      const y1 = Number(r.key.slice(0, 4));
      const m1 = Number(r.key.slice(5, 7));
      // Same month: the age is y2−y1 or one less; outside the precise months both fall in one band.
      const age = m1 > m2 ? y2 - y1 - 1 : y2 - y1;
      out[bandOfAge(age)] += r.n;
    } else if (r.dim === 'birth_date' && /^\d{4}-\d{2}-\d{2}$/.test(r.key) && precise.has(r.key.slice(0, 7))) {
      out[bandOfAge(wholeYears(r.key, asOf))] += r.n;
    }
  }
  return out;
}

/** One row of the age pyramid: a band (or `unknown`, no birth date) split by gender. */
export interface AgePyramidRow {
  band: AgeBand | typeof UNKNOWN;
  male: number;
  female: number;
  unknown: number;
}

/** The rows of one gender's birth keys (`birth_month_female` …) renamed to the keys `ageBandsAsOf` reads. */
function birthRowsOf(rows: KeyCount[], suffix: string): KeyCount[] {
  const out: KeyCount[] = [];
  for (const r of rows) {
    if (r.dim === `birth_month${suffix}`) out.push({ dim: 'birth_month', key: r.key, n: r.n });
    else if (r.dim === `birth_date${suffix}`) out.push({ dim: 'birth_date', key: r.key, n: r.n });
  }
  return out;
}

/** Σ n of `birth_month` rows without a month key: members with no birth date. */
const undatedOf = (rows: KeyCount[]) => rows.reduce((a, r) => a + (r.dim === 'birth_month' && !/^\d{4}-\d{2}$/.test(r.key) ? r.n : 0), 0);

/**
 * The age pyramid as of `asOf` from rollup rows (or past-date rows of the same shape): bands as `ageBandsAsOf` for
 * all members, for the female ones (`birth_month_female` / `birth_date_female`) and for those of unknown gender
 * (`…_gender_unknown`); male = all − female − unknown, band by band, so each band sums to `byAgeBand[band]` of
 * `memberFiguresFromRows` over the same rows. The `unknown` band (no birth date) is, like `byAgeBand.unknown`, what
 * the bands do not account for of `total`.
 */
export function agePyramidFromRows(rows: KeyCount[], asOf: string): AgePyramidRow[] {
  const total = Math.max(0, countsOf(rows, 'total').get('') ?? 0);
  const all = ageBandsAsOf(rows, asOf);
  const femaleRows = birthRowsOf(rows, '_female');
  const unknownRows = birthRowsOf(rows, '_gender_unknown');
  const female = ageBandsAsOf(femaleRows, asOf);
  const unknown = ageBandsAsOf(unknownRows, asOf);
  const row = (band: AgePyramidRow['band'], n: number, f: number, u: number): AgePyramidRow => {
    const fc = Math.max(0, Math.min(f, n));
    const uc = Math.max(0, Math.min(u, n - fc));
    return { band, male: n - fc - uc, female: fc, unknown: uc };
  };
  // As `breakdown` does for byAgeBand: negative counts (inconsistent rows, which stats:verify reports) read as 0.
  const known = ageBands.reduce((a, b) => a + Math.max(0, all[b]), 0);
  return [
    ...ageBands.map((b) => row(b, Math.max(0, all[b]), female[b], unknown[b])),
    row(UNKNOWN, Math.max(0, total - known), undatedOf(femaleRows), undatedOf(unknownRows)),
  ];
}

function countsOf(rows: KeyCount[], dim: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) if (r.dim === dim) m.set(r.key, (m.get(r.key) ?? 0) + r.n);
  return m;
}

/**
 * Every listed key (zeros included) plus `unknown`: whatever of `total` the listed keys do not account for (data
 * missing or outside the list), so the breakdown sums to `total` by construction.
 */
function breakdown<K extends string>(keys: readonly K[], counts: Map<string, number> | Record<string, number>, total: number): Record<K | typeof UNKNOWN, number> {
  const get = (k: string) => (counts instanceof Map ? counts.get(k) : counts[k]) ?? 0;
  const out = {} as Record<K | typeof UNKNOWN, number>;
  let known = 0;
  for (const k of keys) {
    out[k] = Math.max(0, get(k));
    known += out[k];
  }
  // A negative remainder would mean inconsistent rows (stats:verify reports them); the answer stays well-formed.
  out[UNKNOWN] = Math.max(0, total - known);
  return out;
}

const isMinorityCode = (code: string) => /^(0[2-9]|[1-4]\d|5[0-6])$/.test(code);

/** The member figures of the API contract from rollup rows (or past-date rows of the same shape). */
export function memberFiguresFromRows(rows: KeyCount[], asOf: string): MemberStatistics {
  const total = Math.max(0, countsOf(rows, 'total').get('') ?? 0);
  const codes = countsOf(rows, 'ethnicity');
  let minority = 0;
  let other = 0;
  for (const [code, n] of codes) {
    if (isMinorityCode(code)) minority += n;
    else if (code === '97' || code === '98') other += n;
  }
  return {
    total,
    byCategory: breakdown(memberCategories, countsOf(rows, 'category'), total),
    byStatus: breakdown(memberStatuses, countsOf(rows, 'status'), total),
    byGender: breakdown(genders, countsOf(rows, 'gender'), total),
    byEthnicity: breakdown(['han', 'minority', 'other'] as const, { han: codes.get('01') ?? 0, minority, other }, total),
    byEthnicityCode: breakdown(ethnicityCodeKeys, codes, total),
    byAgeBand: breakdown(ageBands, ageBandsAsOf(rows, asOf), total),
    byEducation: breakdown(educationKeys, countsOf(rows, 'education'), total),
    byOccupation: breakdown(statsOccupations, countsOf(rows, 'occupation'), total),
    byJoinPeriod: breakdown(joinPeriods, countsOf(rows, 'join_period'), total),
    asOf,
  };
}

/** Live orgs of a subtree by kind and domain, from `org_kind` / `org_domain` rows. */
export function orgFiguresFromRows(rows: KeyCount[]): OrgStatistics {
  const kinds = countsOf(rows, 'org_kind');
  const domains = countsOf(rows, 'org_domain');
  const byKind = Object.fromEntries(orgKinds.map((k) => [k, Math.max(0, kinds.get(k) ?? 0)])) as OrgStatistics['byKind'];
  const byDomain = Object.fromEntries(orgDomains.map((k) => [k, Math.max(0, domains.get(k) ?? 0)])) as OrgStatistics['byDomain'];
  return { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind, byDomain };
}

/** Σ n of a numeric-keyed histogram (`branch_full`, `branch_size`) over keys for which `take(key)` holds. */
export function histogramCount(rows: KeyCount[], dim: string, take: (k: number) => boolean): number {
  let n = 0;
  for (const r of rows) if (r.dim === dim && take(Number(r.key))) n += r.n;
  return n;
}

/** Σ n of `term_end` rows (date keys) within [from, to] (either end open when null). */
export function termEndCount(rows: KeyCount[], from: string | null, to: string | null): number {
  let n = 0;
  for (const r of rows) if (r.dim === 'term_end' && (from === null || r.key >= from) && (to === null || r.key <= to)) n += r.n;
  return n;
}

/**
 * A count over a subtree where some orgs inside set their own threshold (settings are inherited, nearest wins):
 * the root's count at its own threshold, then for each overriding org (outermost first) its subtree counted at its
 * value instead of the value it would have inherited — so nested overrides telescope correctly.
 */
export function countWithOverrides<T>(input: {
  rootValue: T;
  /** Orgs strictly inside the subtree that set the key, with their value. */
  overrides: { path: string; value: T }[];
  /** The count of an org's subtree (by path; the root is `rootPath`) judged at a threshold. */
  count: (path: string, value: T) => number;
  rootPath: string;
}): number {
  const sorted = [...input.overrides].sort((a, b) => a.path.length - b.path.length);
  let total = input.count(input.rootPath, input.rootValue);
  for (const o of sorted) {
    const enclosing = sorted.filter((p) => p !== o && o.path.startsWith(p.path)).sort((a, b) => b.path.length - a.path.length)[0];
    const inherited = enclosing ? enclosing.value : input.rootValue;
    total += input.count(o.path, o.value) - input.count(o.path, inherited);
  }
  return total;
}

/** A subtree move as logged: the moved root's path before and after. */
export interface PathMove {
  oldPath: string;
  newPath: string;
}

/** The path an org had before some moves (given oldest first), from its path now: the moves undone, newest first. */
export function pathBefore(path: string, moves: PathMove[]): string {
  let p = path;
  for (let i = moves.length - 1; i >= 0; i--) {
    const m = moves[i]!;
    if (p.startsWith(m.newPath)) p = m.oldPath + p.slice(m.newPath.length);
  }
  return p;
}

/** Longest-prefix rules over today's paths: an org is in the region when its nearest rule includes it. */
export interface RegionRule {
  prefix: string;
  include: boolean;
}

export function inRegion(path: string, rules: RegionRule[]): boolean {
  let best: RegionRule | undefined;
  for (const r of rules) if (path.startsWith(r.prefix) && (!best || r.prefix.length > best.prefix.length)) best = r;
  return best?.include ?? false;
}

/**
 * The orgs that were in a subtree on a past date, as rules over today's paths: the subtree as it was then
 * (`pathThen`), carried forward through the moves made since (oldest first). A subtree that moved out since still
 * counts for the date; one that moved in does not.
 */
export function regionSince(pathThen: string, moves: PathMove[]): RegionRule[] {
  let rules: RegionRule[] = [{ prefix: pathThen, include: true }];
  for (const m of moves) {
    const before = inRegion(m.oldPath, rules);
    rules = rules.map((r) => (r.prefix.startsWith(m.oldPath) ? { ...r, prefix: m.newPath + r.prefix.slice(m.oldPath.length) } : r));
    if (!rules.some((r) => r.prefix === m.newPath) && inRegion(m.newPath, rules) !== before) rules.push({ prefix: m.newPath, include: before });
  }
  return rules;
}
