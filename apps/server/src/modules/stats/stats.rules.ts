import { ageBands, genders, memberCategories, memberStatuses, type AgeBand } from '@xianfeng/contracts/member/member.enums';
import { orgDomains, orgKinds } from '@xianfeng/contracts/org/org.enums';
import { educationKeys, ethnicityCodeKeys, joinPeriods, statsOccupations, UNKNOWN } from '@xianfeng/contracts/stats/stats.enums';
import type { MemberStatistics, OrgStatistics } from '@xianfeng/contracts/stats/stats.schemas';

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

const pad4 = (y: number) => String(y).padStart(4, '0');

/** The ages at which the band changes (31, 36, … 61): the one age whose band a birth month alone cannot tell. */
const BAND_STARTS = [31, 36, 41, 46, 51, 56, 61];

/**
 * Birth months whose members' band as of `asOf` depends on the day of birth: born in asOf's month, 31, 36 … 61
 * years before. Only these are read at day precision (`birth_date` rows); every other month's band is fixed.
 */
export function dayPreciseBirthMonths(asOf: string): string[] {
  const y = Number(asOf.slice(0, 4));
  const m = asOf.slice(5, 7);
  return BAND_STARTS.map((a) => `${pad4(y - a)}-${m}`);
}

/** A range [lo, hi) of one birth key (`month` 'YYYY-MM' or `date` 'YYYY-MM-DD') whose members all fall in `band`. */
export interface BirthKeyRange {
  unit: 'month' | 'date';
  band: AgeBand | typeof UNKNOWN;
  lo: string;
  hi: string;
}

/**
 * The birth keys of each age band as of `asOf`, as ranges in byte order (the rollup keys' "C" collation), so the
 * database sums a band instead of returning a row per birth month. Age ≥ A on `asOf` ⟺ born on or before the date
 * A years earlier (the birthday counts, and a 29 February birth turns A on 1 March in other years — platform/dates
 * `wholeYears`; regulations digest §10 "age in statistics"). A birth month before that date's month is older, one after
 * it younger; only the boundary month itself (`dayPreciseBirthMonths`) is split, by `birth_date` keys. Members with no
 * birth date have the month key `unknown`. In byte order '-' < '.' < digits < 'u' < '~'.
 */
export function birthKeyRanges(asOf: string): BirthKeyRange[] {
  const y = Number(asOf.slice(0, 4));
  const boundaryMonths = dayPreciseBirthMonths(asOf);
  const month = (a: number) => boundaryMonths[BAND_STARTS.indexOf(a)]!;
  const day = (a: number) => `${pad4(y - a)}-${asOf.slice(5, 10)}`;
  const out: BirthKeyRange[] = [];
  let lo = '0';
  // Oldest first: the months before the boundary month of age A (61, 56 … 31) are in A's band.
  for (const a of [...BAND_STARTS].reverse()) {
    out.push({ unit: 'month', band: bandOfAge(a), lo, hi: month(a) });
    lo = `${month(a)}~`;
    out.push({ unit: 'date', band: bandOfAge(a), lo: `${month(a)}-`, hi: `${day(a)}~` });
    out.push({ unit: 'date', band: bandOfAge(a - 1), lo: `${day(a)}~`, hi: `${month(a)}.` });
  }
  out.push({ unit: 'month', band: 'le30', lo, hi: '9999-99~' });
  out.push({ unit: 'month', band: UNKNOWN, lo: UNKNOWN, hi: `${UNKNOWN}~` });
  return out;
}

/** The band dimension summed from `birth_month{suffix}` / `birth_date{suffix}` rows: `age_band`, `age_band_female` … */
export const ageBandDim = (suffix: string) => `age_band${suffix}`;

/**
 * Rows with birth keys (past-date counts, tests) summed into band rows (`ageBandDim`, key: the band or `unknown`) by
 * `birthKeyRanges`, the same ranges the database sums today's rollups by (stats.repository `findMemberRollup`). Other
 * rows, band rows included, pass through; birth keys outside every range (a date key outside the boundary months)
 * are dropped, as their month key already counts them.
 */
export function withAgeBands(rows: KeyCount[], asOf: string): KeyCount[] {
  const ranges = birthKeyRanges(asOf);
  const out: KeyCount[] = [];
  const sums = new Map<string, KeyCount>();
  for (const r of rows) {
    const birth = /^birth_(month|date)(.*)$/.exec(r.dim);
    if (!birth) {
      out.push(r);
      continue;
    }
    const hit = ranges.find((x) => x.unit === birth[1] && r.key >= x.lo && r.key < x.hi);
    if (!hit || r.n === 0) continue;
    const dim = ageBandDim(birth[2]!);
    const sum = sums.get(`${dim}|${hit.band}`) ?? sums.set(`${dim}|${hit.band}`, { dim, key: hit.band, n: 0 }).get(`${dim}|${hit.band}`)!;
    sum.n += r.n;
  }
  return [...out, ...sums.values()];
}

/** Members by age band of the band rows of one suffix (`ageBandDim`), members with no birth date under `unknown`. */
function bandsOf(rows: KeyCount[], suffix: string): Record<AgeBand | typeof UNKNOWN, number> {
  const out = Object.fromEntries([...ageBands, UNKNOWN].map((b) => [b, 0])) as Record<AgeBand | typeof UNKNOWN, number>;
  const dim = ageBandDim(suffix);
  for (const r of rows) if (r.dim === dim && r.key in out) out[r.key as AgeBand] += r.n;
  return out;
}

/** Active members by age band as of `asOf` (whole years, §10) from birth-key rows or band rows (`withAgeBands`). */
export function ageBandsAsOf(rows: KeyCount[], asOf: string): Record<AgeBand, number> {
  const { [UNKNOWN]: _undated, ...bands } = bandsOf(withAgeBands(rows, asOf), '');
  return bands;
}

/** One row of the age pyramid: a band (or `unknown`, no birth date) split by gender. */
export interface AgePyramidRow {
  band: AgeBand | typeof UNKNOWN;
  male: number;
  female: number;
  unknown: number;
}

/**
 * The age pyramid as of `asOf` from rollup rows (or past-date rows of the same shape): bands as `ageBandsAsOf` for
 * all members, for the female ones (`birth_month_female` / `birth_date_female`) and for those of unknown gender
 * (`…_gender_unknown`); male = all − female − unknown, band by band, so each band sums to `byAgeBand[band]` of
 * `memberFiguresFromRows` over the same rows. The `unknown` band (no birth date) is, like `byAgeBand.unknown`, what
 * the bands do not account for of `total`.
 */
export function agePyramidFromRows(rows: KeyCount[], asOf: string): AgePyramidRow[] {
  const total = Math.max(0, countsOf(rows, 'total').get('') ?? 0);
  const banded = withAgeBands(rows, asOf);
  const all = bandsOf(banded, '');
  const female = bandsOf(banded, '_female');
  const unknown = bandsOf(banded, '_gender_unknown');
  const row = (band: AgePyramidRow['band'], n: number, f: number, u: number): AgePyramidRow => {
    const fc = Math.max(0, Math.min(f, n));
    const uc = Math.max(0, Math.min(u, n - fc));
    return { band, male: n - fc - uc, female: fc, unknown: uc };
  };
  // As `breakdown` does for byAgeBand: negative counts (inconsistent rows, which stats:verify reports) read as 0.
  const known = ageBands.reduce((a, b) => a + Math.max(0, all[b]), 0);
  return [
    ...ageBands.map((b) => row(b, Math.max(0, all[b]), female[b], unknown[b])),
    row(UNKNOWN, Math.max(0, total - known), female[UNKNOWN], unknown[UNKNOWN]),
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
