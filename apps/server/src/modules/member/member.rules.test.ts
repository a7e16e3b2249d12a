import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ageBands, type AgeBand } from '@xianfeng/contracts/member/member.enums';
import { ageBandOf, birthDateRangeForBand, hasVotingRights, idCheckChar, maskIdNumber, maskPhone, parseIdNumber, type VotingInput } from './member.rules.ts';

/** The business date of the test clock (templates.ts TEST_NOW, 10:00 Asia/Shanghai). */
const TODAY = '2026-11-22';

/**
 * Independent oracle for GB 11643-1999 (regulations digest §4): ISO 7064 MOD 11-2 over the first 17
 * digits with W = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and check = "1 0 X 9 8 7 6 5 4 3 2"[S mod 11].
 */
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function weightedSum(first17: string): number {
  return [...first17].reduce((s, d, i) => s + Number(d) * W[i]!, 0);
}
function oracleCheck(first17: string): string {
  return ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][weightedSum(first17) % 11]!;
}
const withCheck = (first17: string) => first17 + oracleCheck(first17);

// ---------------------------------------------------------------- calendar helpers for generators
const DAY = 86_400_000;
const isoOfDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const dayOfIso = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** A real calendar date in [min, max], biased towards the awkward days (28/29 Feb, 1 Mar, 31 Dec, 1 Jan). */
function dateArb(min: string, max: string): fc.Arbitrary<string> {
  const lo = dayOfIso(min);
  const hi = dayOfIso(max);
  const y0 = Number(min.slice(0, 4));
  const y1 = Number(max.slice(0, 4));
  const special = fc
    .tuple(fc.integer({ min: y0, max: y1 }), fc.constantFrom('02-28', '02-29', '03-01', '12-31', '01-01'))
    .map(([y, md]) => (md === '02-29' && !isLeap(y) ? `${y}-02-28` : `${y}-${md}`))
    .filter((d) => d >= min && d <= max);
  return fc.oneof(
    { arbitrary: fc.integer({ min: lo, max: hi }).map(isoOfDay), weight: 3 },
    { arbitrary: special, weight: 1 },
  );
}

describe('parseIdNumber — GB 11643-1999 (regulations digest §4)', () => {
  test('the oracle reproduces S and S mod 11 of the digest and agrees with idCheckChar', () => {
    const sums: [string, number, number][] = [
      ['11010119500101001', 82, 5],
      ['11010119631231002', 145, 2],
      ['11010119720229013', 177, 1],
      ['11010119850615124', 212, 3],
      ['11010119920404101', 162, 8],
      ['11010119991231998', 301, 4],
      ['11010120000101010', 47, 3],
    ];
    for (const [body, s, y] of sums) {
      assert.equal(weightedSum(body), s, body);
      assert.equal(s % 11, y, body);
      assert.equal(idCheckChar(body), oracleCheck(body), body);
    }
  });

  const valid: { id: string; birth: string; gender: 'male' | 'female' }[] = [
    { id: '110101195001010017', birth: '1950-01-01', gender: 'male' },
    { id: '11010119631231002X', birth: '1963-12-31', gender: 'female' },
    { id: '110101197202290130', birth: '1972-02-29', gender: 'male' },
    { id: '110101198506151249', birth: '1985-06-15', gender: 'female' },
    { id: '110101199204041014', birth: '1992-04-04', gender: 'male' },
    { id: '110101199912319988', birth: '1999-12-31', gender: 'female' },
    { id: '110101200001010109', birth: '2000-01-01', gender: 'female' },
  ];
  for (const v of valid) {
    test(`valid ${v.id} → born ${v.birth}, ${v.gender}`, () => {
      assert.deepEqual(parseIdNumber(v.id, TODAY), { normalised: v.id, birthDate: v.birth, gender: v.gender, region: '110101' });
    });
  }

  const invalid: { id: string; problem: string; why: string }[] = [
    { id: '110101195001010018', problem: 'check_digit', why: 'check digit wrong (should be 7)' },
    { id: '110101196312310020', problem: 'check_digit', why: 'check digit wrong (should be X)' },
    { id: '110101199902290173', problem: 'birth_date', why: '1999-02-29 does not exist' },
    { id: '110101198013010229', problem: 'birth_date', why: 'month 13' },
    { id: '11010119720229013', problem: 'length', why: '17 characters' },
    { id: '11010119850615A249', problem: 'characters', why: 'non-digit in the body' },
    { id: '110101199204040114', problem: 'check_digit', why: 'adjacent sequence digits swapped' },
    { id: '110101195001100017', problem: 'check_digit', why: 'date digits swapped (1950-01-10 is real)' },
    { id: '110101203001010057', problem: 'future_birth_date', why: 'born 2030 (checksum valid)' },
  ];
  for (const v of invalid) {
    test(`invalid ${v.id} (${v.why}) → ${v.problem}`, () => {
      assert.equal(parseIdNumber(v.id, TODAY), v.problem);
    });
  }

  test('the digest’s “checksum itself correct” examples really have a correct check character', () => {
    for (const id of ['110101199902290173', '110101198013010229', '110101203001010057']) assert.equal(oracleCheck(id.slice(0, 17)), id[17], id);
    // …and the transposition examples would have had these check characters.
    assert.equal(oracleCheck('11010119920404011'), '8');
    assert.equal(oracleCheck('11010119500110001'), '2');
  });

  test('lower-case x is accepted and normalised to X', () => {
    const r = parseIdNumber('11010119631231002x', TODAY);
    assert.equal(typeof r, 'object');
    assert.equal((r as { normalised: string }).normalised, '11010119631231002X');
    assert.equal((r as { gender: string }).gender, 'female');
  });

  test('full-width digits (and full-width Ｘ) and spaces are normalised', () => {
    const fw = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    assert.equal(fw('110101195001010017'), '１１０１０１１９５００１０１００１７');
    assert.deepEqual(parseIdNumber(fw('110101195001010017'), TODAY), parseIdNumber('110101195001010017', TODAY));
    assert.equal((parseIdNumber(fw('11010119631231002X'), TODAY) as { normalised: string }).normalised, '11010119631231002X');
    assert.equal((parseIdNumber(' 110101 19500101 0017 ', TODAY) as { normalised: string }).normalised, '110101195001010017');
    // Normalisation does not rescue a wrong check digit.
    assert.equal(parseIdNumber(fw('110101195001010018'), TODAY), 'check_digit');
  });

  test('length: 17 and 19 characters and the empty string are refused as length', () => {
    assert.equal(parseIdNumber('11010119500101001', TODAY), 'length');
    assert.equal(parseIdNumber('1101011950010100170', TODAY), 'length');
    assert.equal(parseIdNumber('', TODAY), 'length');
    // 15-digit legacy numbers are not converted silently.
    assert.equal(parseIdNumber('110101500101001', TODAY), 'length');
  });

  test('X is only allowed as the check character', () => {
    assert.equal(parseIdNumber('1101011963123100X2', TODAY), 'characters');
  });

  test('future birth date is refused; born today is accepted', () => {
    const tomorrow = withCheck('11010120261123001');
    const today = withCheck('11010120261122001');
    assert.equal(parseIdNumber(tomorrow, TODAY), 'future_birth_date');
    assert.equal((parseIdNumber(today, TODAY) as { birthDate: string }).birthDate, '2026-11-22');
    // The same number becomes valid once its birth date is no longer in the future.
    assert.equal((parseIdNumber(tomorrow, '2026-11-23') as { birthDate: string }).birthDate, '2026-11-23');
  });

  test('birth dates before 1900 are refused as impossible', () => {
    assert.equal(parseIdNumber(withCheck('11010118991231001'), TODAY), 'birth_date');
    assert.equal(typeof parseIdNumber(withCheck('11010119000101001'), TODAY), 'object');
  });

  const generatedId = fc
    .tuple(fc.stringMatching(/^\d{6}$/), dateArb('1900-01-01', TODAY), fc.integer({ min: 0, max: 999 }))
    .map(([region, birth, seq]) => ({ region, birth, seq, id: withCheck(`${region}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`) }));

  test('property: any (region, real date ≤ today, sequence) with its check char parses back to the same facts', () => {
    fc.assert(
      fc.property(generatedId, ({ region, birth, seq, id }) => {
        assert.deepEqual(parseIdNumber(id, TODAY), { normalised: id, birthDate: birth, gender: seq % 2 === 1 ? 'male' : 'female', region });
        if (id.endsWith('X')) assert.equal((parseIdNumber(`${id.slice(0, 17)}x`, TODAY) as { normalised: string }).normalised, id);
      }),
      { numRuns: 2000 },
    );
  });

  test('property: changing any single character of a valid ID is always rejected', () => {
    fc.assert(
      fc.property(generatedId, ({ id }) => {
        for (let i = 0; i < 18; i++) {
          for (const c of i === 17 ? '0123456789X' : '0123456789') {
            if (c === id[i]) continue;
            const mutated = id.slice(0, i) + c + id.slice(i + 1);
            assert.equal(typeof parseIdNumber(mutated, TODAY), 'string', `${id} → ${mutated} accepted`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('property: swapping two adjacent different characters of a valid ID is always rejected', () => {
    fc.assert(
      fc.property(generatedId, ({ id }) => {
        for (let i = 0; i < 17; i++) {
          if (id[i] === id[i + 1]) continue;
          const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
          assert.equal(typeof parseIdNumber(swapped, TODAY), 'string', `${id} → ${swapped} accepted`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('masks (security-requirements §5.4)', () => {
  test('maskIdNumber keeps the region code and the last 4, hides the birth date', () => {
    assert.equal(maskIdNumber('110101195001010017'), '110101********0017');
    assert.equal(maskIdNumber('11010119631231002X'), '110101********002X');
  });

  test('maskPhone keeps 3 + 4: 138****5678', () => {
    assert.equal(maskPhone('13812345678'), '138****5678');
  });

  test('property: a masked ID never contains the birth date or the sequence, and keeps its length', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), dateArb('1900-01-01', TODAY), fc.integer({ min: 0, max: 999 }), (region, birth, seq) => {
        const id = withCheck(`${region}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`);
        const masked = maskIdNumber(id);
        assert.equal(masked.length, 18);
        assert.equal(masked.slice(0, 6), region);
        assert.equal(masked.slice(-4), id.slice(-4));
        assert.equal(masked.slice(6, 14), '********');
      }),
    );
  });

  test('property: a masked phone shows only the first 3 and the last 4 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        assert.equal(maskPhone(phone), `${phone.slice(0, 3)}****${phone.slice(-4)}`);
      }),
    );
  });
});

describe('age bands of the 党内统计公报 (regulations digest §5, §10 age as of a date)', () => {
  const table: [string, string, AgeBand][] = [
    ['1996-11-22', TODAY, 'le30'], // 30 on the day
    ['1995-11-23', TODAY, 'le30'], // 31 tomorrow
    ['1995-11-22', TODAY, '31_35'], // 31 today: the anniversary counts
    ['1990-11-22', TODAY, '36_40'],
    ['1990-11-23', TODAY, '31_35'],
    ['1985-11-22', TODAY, '41_45'],
    ['1980-11-22', TODAY, '46_50'],
    ['1975-11-22', TODAY, '51_55'],
    ['1970-11-22', TODAY, '56_60'],
    ['1965-11-23', TODAY, '56_60'], // 60
    ['1965-11-22', TODAY, 'ge61'], // 61
    ['1930-01-01', TODAY, 'ge61'],
    ['2026-01-01', TODAY, 'le30'],
    // Born 29 Feb: the birthday is 1 Mar in a non-leap year (§10).
    ['1996-02-29', '2027-02-28', 'le30'],
    ['1996-02-29', '2027-03-01', '31_35'],
    ['1996-02-29', '2028-02-29', '31_35'],
  ];
  for (const [birth, asOf, band] of table) {
    test(`born ${birth}, as of ${asOf} → ${band}`, () => {
      assert.equal(ageBandOf(birth, asOf), band);
      const r = birthDateRangeForBand(band, asOf);
      assert.ok((r.from === null || r.from <= birth) && (r.to === null || birth <= r.to), JSON.stringify(r));
    });
  }

  test('the band ranges tile the calendar as of a date: ge61 … le30 with no gap or overlap', () => {
    for (const asOf of [TODAY, '2027-02-28', '2028-02-29', '2027-03-01', '2026-12-31']) {
      const ranges = [...ageBands].reverse().map((b) => birthDateRangeForBand(b, asOf));
      assert.equal(ranges[0]!.from, null);
      assert.equal(ranges.at(-1)!.to, null);
      for (let i = 1; i < ranges.length; i++) assert.equal(dayOfIso(ranges[i]!.from!), dayOfIso(ranges[i - 1]!.to!) + 1, `${asOf} band ${i}`);
    }
  });

  test('property: ageBandOf and birthDateRangeForBand agree for every band', () => {
    fc.assert(
      fc.property(dateArb('1990-01-01', '2040-12-31'), dateArb('1900-01-01', '2040-12-31'), (asOf, birth) => {
        fc.pre(birth <= asOf);
        const band = ageBandOf(birth, asOf);
        for (const b of ageBands) {
          const r = birthDateRangeForBand(b, asOf);
          const inRange = (r.from === null || r.from <= birth) && (r.to === null || birth <= r.to);
          assert.equal(inRange, b === band, `born ${birth}, as of ${asOf}: band ${band}, range of ${b} = ${JSON.stringify(r)}`);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('hasVotingRights (regulations digest §2.2, §10 voting rights)', () => {
  type D = VotingInput['discipline'][number];
  const probation = (decidedOn: string, endsOn: string | null, rightsRestoredOn: string | null = null): D => ({ kind: 'probation', decidedOn, endsOn, rightsRestoredOn });
  const m = (status: VotingInput['status'], state: VotingInput['state'], discipline: D[] = []): VotingInput => ({ status, state, discipline });
  const table: [string, VotingInput, boolean][] = [
    ['full, active', m('full', 'active'), true],
    ['probationary (预备党员), active', m('probationary', 'active'), false],
    ['full, suspended (停止党籍)', m('full', 'suspended'), false],
    ['full, left', m('full', 'left'), false],
    ['probationary, suspended', m('probationary', 'suspended'), false],
    ['full, active, a 警告 on file', m('full', 'active', [{ kind: 'warning', decidedOn: '2026-01-10', endsOn: null, rightsRestoredOn: null }]), true],
    ['full, active, 严重警告 on file', m('full', 'active', [{ kind: 'serious_warning', decidedOn: '2026-01-10', endsOn: null, rightsRestoredOn: null }]), true],
    ['full, active, 撤销党内职务 on file', m('full', 'active', [{ kind: 'removal_from_post', decidedOn: '2026-01-10', endsOn: null, rightsRestoredOn: null }]), true],
    ['留党察看 running (decided 2026-03-01, ends 2027-03-01)', m('full', 'active', [probation('2026-03-01', '2027-03-01')]), false],
    ['留党察看 decided today', m('full', 'active', [probation(TODAY, '2027-11-22')]), false],
    ['留党察看 ends tomorrow', m('full', 'active', [probation('2025-11-23', '2026-11-23')]), false],
    ['留党察看 ended (2024-05-01 … 2025-05-01)', m('full', 'active', [probation('2024-05-01', '2025-05-01')]), true],
    ['留党察看 ended yesterday', m('full', 'active', [probation('2025-11-21', '2026-11-21')]), true],
    ['留党察看 with no end recorded', m('full', 'active', [probation('2025-06-01', null)]), false],
    ['留党察看 with rights restored early (2026-06-01)', m('full', 'active', [probation('2025-06-01', '2027-06-01', '2026-06-01')]), true],
    ['留党察看 whose restoration is recorded later than the nominal end', m('full', 'active', [probation('2025-06-01', '2026-06-01', '2026-12-01')]), false],
    ['留党察看 decided only after the date asked about', m('full', 'active', [probation('2026-12-01', '2027-12-01')]), true],
    ['an old ended 留党察看 and a running one', m('full', 'active', [probation('2020-01-01', '2021-01-01'), probation('2026-05-01', '2027-05-01')]), false],
    ['probationary member under 留党察看 restored', m('probationary', 'active', [probation('2024-05-01', '2025-05-01')]), false],
  ];
  for (const [name, input, expected] of table) {
    test(`${name} → ${expected ? 'votes' : 'no vote'}`, () => {
      assert.equal(hasVotingRights(input, TODAY), expected);
    });
  }
});
