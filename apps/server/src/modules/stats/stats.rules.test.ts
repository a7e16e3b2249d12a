import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ageBands } from '@xianfeng/contracts/member/member.enums';
import { addDays, wholeYears } from '../../platform/dates.ts';
import {
  agePyramidFromRows,
  ageBandsAsOf,
  bandOfAge,
  countWithOverrides,
  dayPreciseBirthMonths,
  histogramCount,
  inRegion,
  memberFiguresFromRows,
  orgFiguresFromRows,
  pathBefore,
  regionSince,
  termEndCount,
  type KeyCount,
  type PathMove,
} from './stats.rules.ts';

const day = fc.integer({ min: 0, max: 365 * 90 }).map((n) => addDays('1930-01-01', n));

/** The rollup rows of some birth dates: one birth_month and one birth_date row per distinct key. */
function birthRows(births: string[]): KeyCount[] {
  const count = new Map<string, number>();
  for (const b of births) {
    count.set(`birth_month|${b.slice(0, 7)}`, (count.get(`birth_month|${b.slice(0, 7)}`) ?? 0) + 1);
    count.set(`birth_date|${b}`, (count.get(`birth_date|${b}`) ?? 0) + 1);
  }
  return [...count].map(([k, n]) => ({ dim: k.split('|')[0]!, key: k.split('|')[1]!, n }));
}

describe('stats rules', () => {
  test('age bands of the 党内统计公报 (regulations digest §5)', () => {
    const cases: [number, string][] = [
      [18, 'le30'], [30, 'le30'], [31, '31_35'], [35, '31_35'], [36, '36_40'], [40, '36_40'], [41, '41_45'],
      [45, '41_45'], [46, '46_50'], [50, '46_50'], [51, '51_55'], [55, '51_55'], [56, '56_60'], [60, '56_60'], [61, 'ge61'], [99, 'ge61'],
    ];
    for (const [age, band] of cases) assert.equal(bandOfAge(age), band, `age ${age}`);
  });

  test('only the birth months 31, 36 … 61 years before asOf, in its month, need the day of birth', () => {
    assert.deepEqual(dayPreciseBirthMonths('2026-11-22'), ['1995-11', '1990-11', '1985-11', '1980-11', '1975-11', '1970-11', '1965-11']);
  });

  test('age bands from birth-month and birth-date rows equal each member’s whole years as of asOf (property)', () => {
    fc.assert(
      fc.property(fc.array(day, { maxLength: 60 }), fc.integer({ min: 0, max: 3000 }), (births, offset) => {
        const asOf = addDays('2020-01-01', offset);
        const expected = Object.fromEntries(ageBands.map((b) => [b, 0]));
        for (const b of births) expected[bandOfAge(wholeYears(b, asOf))]! += 1;
        assert.deepEqual(ageBandsAsOf(birthRows(births), asOf), expected);
      }),
      { numRuns: 300 },
    );
  });

  test('age on the birthday, the day before, and 29 February (wholeYears convention, §10)', () => {
    const births = ['1995-11-22', '1995-11-23', '1965-11-22', '1965-11-23', '1996-02-29'];
    const bands = ageBandsAsOf(birthRows(births), '2026-11-22');
    // 1995-11-22 turns 31 today (31_35); 1995-11-23 is still 30; 1965-11-22 turns 61; 1965-11-23 is 60.
    assert.deepEqual(bands, { le30: 2, '31_35': 1, '36_40': 0, '41_45': 0, '46_50': 0, '51_55': 0, '56_60': 1, ge61: 1 });
    // Born 29 Feb 1996: 31 only from 1 March 2027 (Feb 28 is not yet the birthday).
    assert.equal(ageBandsAsOf(birthRows(['1996-02-29']), '2027-02-28').le30, 1);
    assert.equal(ageBandsAsOf(birthRows(['1996-02-29']), '2027-03-01')['31_35'], 1);
  });

  test('age pyramid: each band split by gender as counted member by member; bands sum to byAgeBand (property)', () => {
    const member = fc.record({ gender: fc.constantFrom('male', 'female', null), birth: fc.option(day, { nil: null }) });
    fc.assert(
      fc.property(fc.array(member, { maxLength: 60 }), fc.integer({ min: 0, max: 3000 }), (members, offset) => {
        const asOf = addDays('2020-01-01', offset);
        // The rollup rows stats_member_dims gives: every member's birth keys, and female / gender-unknown ones again.
        const count = new Map<string, number>();
        const add = (dim: string, key: string) => count.set(`${dim}|${key}`, (count.get(`${dim}|${key}`) ?? 0) + 1);
        const want = new Map<string, { male: number; female: number; unknown: number }>([...ageBands, 'unknown'].map((b) => [b, { male: 0, female: 0, unknown: 0 }]));
        for (const m of members) {
          add('total', '');
          add('gender', m.gender ?? 'unknown');
          const suffix = m.gender === 'male' ? null : m.gender === 'female' ? '_female' : '_gender_unknown';
          for (const s of ['', ...(suffix ? [suffix] : [])]) {
            add(`birth_month${s}`, m.birth ? m.birth.slice(0, 7) : 'unknown');
            add(`birth_date${s}`, m.birth ?? 'unknown');
          }
          want.get(m.birth ? bandOfAge(wholeYears(m.birth, asOf)) : 'unknown')![m.gender ?? 'unknown'] += 1;
        }
        const rows = [...count].map(([k, n]) => ({ dim: k.split('|')[0]!, key: k.split('|')[1]!, n }));
        const pyramid = agePyramidFromRows(rows, asOf);
        assert.deepEqual(pyramid.map((r) => r.band), [...ageBands, 'unknown']);
        assert.deepEqual(
          pyramid.map(({ band, ...g }) => [band, g]),
          [...want],
        );
        const byAgeBand = memberFiguresFromRows(rows, asOf).byAgeBand as Record<string, number>;
        for (const r of pyramid) assert.equal(r.male + r.female + r.unknown, byAgeBand[r.band], r.band);
      }),
      { numRuns: 300 },
    );
  });

  test('every breakdown sums to the total; what the listed keys miss is unknown; ethnicity groups from codes', () => {
    const rows: KeyCount[] = [
      { dim: 'total', key: '', n: 10 },
      { dim: 'category', key: 'resident', n: 6 },
      { dim: 'category', key: 'retired', n: 3 },
      { dim: 'category', key: 'unknown', n: 1 },
      { dim: 'status', key: 'full', n: 9 },
      { dim: 'status', key: 'probationary', n: 1 },
      { dim: 'gender', key: 'male', n: 4 },
      { dim: 'gender', key: 'female', n: 6 },
      { dim: 'ethnicity', key: '01', n: 6 },
      { dim: 'ethnicity', key: '03', n: 2 },
      { dim: 'ethnicity', key: '97', n: 1 },
      { dim: 'ethnicity', key: 'unknown', n: 1 },
      { dim: 'education', key: '20', n: 7 },
      { dim: 'occupation', key: 'retired', n: 3 },
      { dim: 'join_period', key: 'to_2012_11', n: 10 },
      ...birthRows(['1950-01-01', '1960-06-06', '1970-07-07', '1980-08-08', '1990-09-09', '2000-10-10', '1955-02-02', '1965-03-03', '1975-04-04', '1985-05-05']),
    ];
    const f = memberFiguresFromRows(rows, '2026-11-22');
    assert.equal(f.total, 10);
    for (const [k, v] of Object.entries(f)) {
      if (k === 'total' || k === 'asOf') continue;
      const sum = Object.values(v as Record<string, number>).reduce((a, b) => a + b, 0);
      assert.equal(sum, 10, `${k} sums to total`);
    }
    assert.deepEqual(f.byCategory, { resident: 6, in_service: 0, mobile: 0, retired: 3, unknown: 1 });
    assert.deepEqual(f.byEthnicity, { han: 6, minority: 2, other: 1, unknown: 1 });
    assert.equal(f.byEthnicityCode['01'], 6);
    assert.equal(f.byEthnicityCode['56'], 0, 'every code present, zeros included');
    assert.equal(f.byEducation.unknown, 3);
    assert.equal(f.byOccupation.unknown, 7);
    assert.equal(f.asOf, '2026-11-22');
  });

  test('org counts by kind and domain; histograms and term ends', () => {
    const o = orgFiguresFromRows([
      { dim: 'org_kind', key: 'branch', n: 5 },
      { dim: 'org_kind', key: 'committee', n: 1 },
      { dim: 'org_domain', key: 'community', n: 6 },
    ]);
    assert.equal(o.total, 6);
    assert.equal(o.byKind.group, 0);
    const h: KeyCount[] = [
      { dim: 'branch_full', key: '0', n: 1 },
      { dim: 'branch_full', key: '2', n: 2 },
      { dim: 'branch_full', key: '3', n: 4 },
      { dim: 'branch_size', key: '51', n: 1 },
      { dim: 'term_end', key: '2026-11-21', n: 1 },
      { dim: 'term_end', key: '2026-11-22', n: 2 },
      { dim: 'term_end', key: '2027-05-22', n: 3 },
      { dim: 'term_end', key: '2027-05-23', n: 4 },
    ];
    assert.equal(histogramCount(h, 'branch_full', (k) => k < 3), 3);
    assert.equal(histogramCount(h, 'branch_size', (k) => k > 50), 1);
    assert.equal(termEndCount(h, null, '2026-11-21'), 1);
    assert.equal(termEndCount(h, '2026-11-22', '2027-05-22'), 5);
  });

  test('thresholds set inside a subtree: each org judged by its own (nested overrides telescope)', () => {
    // Branch sizes (full members) by path; thresholds: root 3, /1/2/ sets 5, /1/2/7/ sets 1.
    const branches: Record<string, number> = { '/1/3/': 2, '/1/2/4/': 4, '/1/2/7/8/': 0, '/1/2/7/9/': 2, '/1/10/': 6 };
    const overrides = [
      { path: '/1/2/7/', value: 1 },
      { path: '/1/2/', value: 5 },
    ];
    const effective = (p: string) => [...overrides].sort((a, b) => b.path.length - a.path.length).find((o) => p.startsWith(o.path))?.value ?? 3;
    const expected = Object.entries(branches).filter(([p, n]) => n < effective(p)).length;
    const got = countWithOverrides({
      rootPath: '/1/',
      rootValue: 3,
      overrides,
      count: (path, t) => Object.entries(branches).filter(([p, n]) => p.startsWith(path) && n < t).length,
    });
    assert.equal(got, expected);
    assert.equal(got, 3);
  });

  test('past regions: after random subtree moves, the rules pick exactly the orgs that were in the subtree then (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }), fc.nat(), fc.nat(), (moveSeeds, pickRoot, pickTime) => {
        // A tree of 12 orgs with seq 1…12 under root 1; parents chosen so every org hangs below a smaller seq.
        const parent = new Map<number, number>();
        for (let s = 2; s <= 12; s++) parent.set(s, 1 + ((s * 7) % (s - 1)));
        const pathOf = (s: number): string => (s === 1 ? '/1/' : `${pathOf(parent.get(s)!)}${s.toString(36)}/`);
        const snapshots: Map<number, string>[] = [new Map([...Array(12).keys()].map((i) => [i + 1, pathOf(i + 1)]))];
        const moves: PathMove[] = [];
        for (const [a, b] of moveSeeds) {
          const s = 2 + (a % 11);
          const target = 1 + (b % 12);
          // Never under itself or its own subtree.
          if (pathOf(target).startsWith(pathOf(s)) || parent.get(s) === target) continue;
          const oldPath = pathOf(s);
          parent.set(s, target);
          moves.push({ oldPath, newPath: pathOf(s) });
          snapshots.push(new Map([...Array(12).keys()].map((i) => [i + 1, pathOf(i + 1)])));
        }
        const t = pickTime % snapshots.length;
        const root = 1 + (pickRoot % 12);
        const then = snapshots[t]!;
        const now = snapshots[snapshots.length - 1]!;
        const after = moves.slice(t);
        assert.equal(pathBefore(now.get(root)!, after), then.get(root));
        const rules = regionSince(then.get(root)!, after);
        for (let s = 1; s <= 12; s++) {
          assert.equal(inRegion(now.get(s)!, rules), then.get(s)!.startsWith(then.get(root)!), `org ${s}, root ${root}, time ${t}`);
        }
      }),
      { numRuns: 500 },
    );
  });
});
