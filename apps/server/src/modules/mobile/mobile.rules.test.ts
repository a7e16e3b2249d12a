import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { certificateIssuedOn, certificateNumber, monthsAway, normaliseIdNumber, outflowDateProblem, outflowTiming, type AlertSettings, type OutflowFacts } from './mobile.rules.ts';

/** 流动党员 thresholds from regulations.md §6 (第二十四条, 第二十五条, yearly report) and the §10 date convention. */

const S: AlertSettings = { fixedPlaceTransferMonths: 6, lostContactMonths: 6, reportIntervalMonths: 12 };
const facts = (over: Partial<OutflowFacts> = {}): OutflowFacts => ({ status: 'away', fixedPlace: true, leftOn: '2026-03-01', lastContactOn: null, lastReportOn: null, ...over });

test('six months at a fixed place: the transfer is due on the same day six months on (第二十五条)', () => {
  const cases: [OutflowFacts, string, boolean][] = [
    [facts(), '2026-08-31', false],
    [facts(), '2026-09-01', true],
    [facts({ fixedPlace: false }), '2027-09-01', false],
    // Aug 31 + 6 months → Feb 28 (end-of-month clamp, regulations.md §10).
    [facts({ leftOn: '2026-08-31' }), '2027-02-27', false],
    [facts({ leftOn: '2026-08-31' }), '2027-02-28', true],
    [facts({ status: 'returned' }), '2027-09-01', false],
  ];
  for (const [f, today, due] of cases) assert.equal(outflowTiming(f, S, today).alerts.transferDue, due, `${f.leftOn} ${f.fixedPlace} ${f.status} on ${today}`);
  assert.equal(outflowTiming(facts(), S, '2026-05-01').transferDueOn, '2026-09-01');
});

test('lost contact counts from the last contact, or from leaving; a marked one is lost at once (第二十四条)', () => {
  assert.equal(outflowTiming(facts({ fixedPlace: false }), S, '2026-09-01').alerts.lostContact, true);
  assert.equal(outflowTiming(facts({ lastContactOn: '2026-06-15' }), S, '2026-12-14').alerts.lostContact, false);
  assert.equal(outflowTiming(facts({ lastContactOn: '2026-06-15' }), S, '2026-12-15').alerts.lostContact, true);
  assert.equal(outflowTiming(facts({ status: 'lost_contact', lastContactOn: '2026-11-01' }), S, '2026-11-02').alerts.lostContact, true);
  assert.equal(outflowTiming(facts({ lastContactOn: '2026-06-15' }), { ...S, lostContactMonths: 3 }, '2026-09-15').lostContactOn, '2026-09-15');
});

test('the member reports at least yearly: due a year after the last report of their own, or after leaving', () => {
  assert.equal(outflowTiming(facts(), S, '2027-02-28').alerts.reportDue, false);
  assert.equal(outflowTiming(facts(), S, '2027-03-01').alerts.reportDue, true);
  assert.equal(outflowTiming(facts({ lastReportOn: '2026-10-01' }), S, '2027-03-01').reportDueOn, '2027-10-01');
});

test('dates: left on or before today; the expected return after leaving', () => {
  assert.equal(outflowDateProblem({ leftOn: '2026-11-23' }, '2026-11-22'), 'leftOn');
  assert.equal(outflowDateProblem({ leftOn: '2026-11-22', expectedReturnOn: '2026-11-22' }, '2026-11-22'), 'expectedReturnOn');
  assert.equal(outflowDateProblem({ leftOn: '2026-11-01', expectedReturnOn: null }, '2026-11-22'), null);
  assert.equal(monthsAway('2026-03-01', '2026-11-22'), 8);
  assert.equal(monthsAway('2026-11-23', '2026-11-22'), 0);
});

test('活动证 numbers carry their issue date and serial; the date reads back', () => {
  assert.equal(certificateNumber('2026-11-22', 12), '20261122000012');
  assert.equal(certificateIssuedOn('20261122000012'), '2026-11-22');
  assert.equal(certificateIssuedOn('流字〔2026〕第12号'), null);
  fc.assert(
    fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 999_999 }), (d, seq) => {
      const day = d.toISOString().slice(0, 10);
      return certificateIssuedOn(certificateNumber(day, seq)) === day;
    }),
  );
});

test('ID numbers: GB 11643 check character, birth date, normalisation', () => {
  assert.equal(normaliseIdNumber('11010119900307803x', '2026-11-22'), '11010119900307803X');
  assert.equal(normaliseIdNumber('１１０１０１１９９００３０７８０３Ｘ', '2026-11-22'), '11010119900307803X');
  assert.equal(normaliseIdNumber('110101199003078031', '2026-11-22'), null, 'wrong check character');
  assert.equal(normaliseIdNumber('110101199002308038', '2026-11-22'), null, 'no Feb 30');
  assert.equal(normaliseIdNumber('1101011990030780', '2026-11-22'), null, 'too short');
});
