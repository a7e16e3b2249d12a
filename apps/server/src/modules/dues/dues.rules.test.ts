import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DuesCategory } from '@xianfeng/contracts/dues/dues.enums';
import { duesCategories, fixedDuesCategories } from '@xianfeng/contracts/dues/dues.enums';
import {
  addMonth,
  allocateOldestFirst,
  arrearsOf,
  backPaymentFloor,
  baseForMonth,
  declarationError,
  monthsToBill,
  paidUntilOf,
  quoteDues,
  rateBasisPointsFor,
  roundHalfUpFen,
  type ArrearsBill,
} from './dues.rules.ts';

const policy = { farmerMonthlyFen: 20, capFen: 100_000 };
const yuanToFen = (y: string) => {
  const [i, f = ''] = y.split('.');
  return Number(i) * 100 + Number((f + '00').slice(0, 2));
};

describe('dues rules', () => {
  // regulations.md §1.4: every worked example, base → monthly dues (yuan).
  const worked: [number, DuesCategory, string, string][] = [
    [1, 'in_service', '2000', '10.00'],
    [2, 'in_service', '2345', '11.73'],
    [3, 'in_service', '3000', '15.00'],
    [4, 'in_service', '3000.01', '30.00'],
    [5, 'in_service', '3001', '30.01'],
    [6, 'in_service', '4321', '43.21'],
    [7, 'in_service', '5000', '50.00'],
    [8, 'in_service', '5001', '75.02'],
    [9, 'in_service', '8000', '120.00'],
    [10, 'in_service', '10000', '150.00'],
    [11, 'in_service', '10000.01', '200.00'],
    [12, 'in_service', '10001', '200.02'],
    [13, 'in_service', '12345', '246.90'],
    [14, 'in_service', '50000', '1000.00'],
    [15, 'in_service', '60000', '1000.00'],
    [16, 'annual_salary', '9000', '135.00'],
    [17, 'self_employed', '4500', '45.00'],
    [18, 'retired', '3000', '15.00'],
    [19, 'retired', '4200', '21.00'],
    [20, 'retired', '5000', '25.00'],
    [21, 'retired', '5000.01', '50.00'],
    [22, 'retired', '5001', '50.01'],
    [23, 'retired', '8000', '80.00'],
  ];
  for (const [n, category, base, dues] of worked) {
    test(`worked example ${n}: ${category} ${base} → ${dues}`, () => {
      assert.equal(quoteDues(category, yuanToFen(base), policy).monthlyFen, yuanToFen(dues));
    });
  }
  test('examples 24–28: fixed amounts; the farmer amount is the provincial setting', () => {
    for (const c of ['student', 'unemployed', 'relief', 'dibao'] as const) assert.deepEqual(quoteDues(c, null, policy), { monthlyFen: 20, rateBasisPoints: null, capped: false });
    assert.equal(quoteDues('farmer', null, { ...policy, farmerMonthlyFen: 100 }).monthlyFen, 100);
    assert.equal(quoteDues('farmer', null, policy).monthlyFen, 20);
  });
  test('cap: 1000 yuan by default, flagged; off when the setting is off', () => {
    assert.deepEqual(quoteDues('in_service', 5_000_000, policy), { monthlyFen: 100_000, rateBasisPoints: 200, capped: false });
    assert.deepEqual(quoteDues('in_service', 5_000_050, policy), { monthlyFen: 100_000, rateBasisPoints: 200, capped: true });
    assert.equal(quoteDues('in_service', 6_000_000, { ...policy, capFen: null }).monthlyFen, 120_000);
  });
  test('bracket edges in fen: the whole base jumps at 3000/5000/10000 (retired at 5000)', () => {
    const edges: [DuesCategory, number, number][] = [
      ['in_service', 300_000, 50],
      ['in_service', 300_001, 100],
      ['in_service', 500_000, 100],
      ['in_service', 500_001, 150],
      ['in_service', 1_000_000, 150],
      ['in_service', 1_000_001, 200],
      ['retired', 500_000, 50],
      ['retired', 500_001, 100],
      ['annual_salary', 300_001, 100],
      ['self_employed', 1_000_001, 200],
    ];
    for (const [c, base, bp] of edges) assert.equal(rateBasisPointsFor(c, base), bp, `${c} ${base}`);
    for (const c of fixedDuesCategories) assert.equal(rateBasisPointsFor(c, 1_000_000), null);
  });
  test('property: monotonic within each bracket, never above the cap, integer fen', () => {
    const bracketOf = (c: DuesCategory, b: number) => rateBasisPointsFor(c, b);
    for (const c of duesCategories.filter((x) => !fixedDuesCategories.includes(x))) {
      let prev = { base: 0, fen: 0, bp: bracketOf(c, 0) };
      for (let base = 0; base <= 6_000_000; base += 997) {
        const q = quoteDues(c, base, policy);
        assert.ok(Number.isInteger(q.monthlyFen) && q.monthlyFen >= 0 && q.monthlyFen <= 100_000);
        if (q.rateBasisPoints === prev.bp) assert.ok(q.monthlyFen >= prev.fen, `${c}: ${base} → ${q.monthlyFen} < ${prev.fen}`);
        prev = { base, fen: q.monthlyFen, bp: q.rateBasisPoints };
      }
    }
  });
  test('rounding: half-up to the fen, once, exact integer arithmetic', () => {
    assert.equal(roundHalfUpFen(11_725_000, 10_000), 1173);
    assert.equal(roundHalfUpFen(11_724_999, 10_000), 1172);
    assert.equal(roundHalfUpFen(75_015_000, 10_000), 7502);
    assert.equal(roundHalfUpFen(0, 10_000), 0);
    assert.throws(() => roundHalfUpFen(-1, 10_000), RangeError);
    assert.throws(() => roundHalfUpFen(1.5, 10_000), RangeError);
  });

  test('declarations: 2017 fixes the base at the start of the year; 2008 follows pay changes; 年薪制 monthly; 个体 by quarter', () => {
    const jan = { duesCategory: 'in_service' as const, effectiveMonth: '2026-01' };
    assert.equal(declarationError('2017', { duesCategory: 'in_service', effectiveMonth: '2026-05' }, [jan]), 'DUES_BASE_FIXED_FOR_YEAR');
    assert.equal(declarationError('2008', { duesCategory: 'in_service', effectiveMonth: '2026-05' }, [jan]), null);
    assert.equal(declarationError('2017', { duesCategory: 'in_service', effectiveMonth: '2027-01' }, [jan]), null);
    assert.equal(declarationError('2017', { duesCategory: 'in_service', effectiveMonth: '2026-05' }, []), null, 'a first declaration may start mid-year');
    assert.equal(declarationError('2017', { duesCategory: 'retired', effectiveMonth: '2026-05' }, [jan]), null, 'retirement is a new category');
    assert.equal(declarationError('2017', { duesCategory: 'annual_salary', effectiveMonth: '2026-05' }, [jan]), null);
    assert.equal(declarationError('2017', { duesCategory: 'self_employed', effectiveMonth: '2026-05' }, []), 'DUES_BASE_MONTH_INVALID');
    assert.equal(declarationError('2008', { duesCategory: 'self_employed', effectiveMonth: '2026-04' }, []), null);
  });
  test('baseForMonth: latest in force; 年薪制 covers its month only, 个体 its quarter', () => {
    const d = [
      { duesCategory: 'in_service' as const, effectiveMonth: '2026-01', id: 'a' },
      { duesCategory: 'annual_salary' as const, effectiveMonth: '2026-06', id: 'b' },
      { duesCategory: 'self_employed' as const, effectiveMonth: '2026-10', id: 'c' },
    ];
    assert.equal(baseForMonth(d, '2025-12'), null);
    assert.equal(baseForMonth(d, '2026-05')?.id, 'a');
    assert.equal(baseForMonth(d, '2026-06')?.id, 'b');
    assert.equal(baseForMonth(d, '2026-07'), null, '年薪制 needs each month declared');
    assert.equal(baseForMonth(d, '2026-12')?.id, 'c');
    assert.equal(baseForMonth(d, '2027-01'), null, '个体 declares each quarter');
  });
  test('monthsToBill: back-billing limited to the setting except a 预备党员 back to acceptance; the opening month is never billed', () => {
    const w = { month: '2026-11', acceptedMonth: '2010-07', openingPaidUntil: null, backPaymentMonths: 6, probationary: false };
    assert.deepEqual(monthsToBill(w).map((m) => m.month), ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    assert.deepEqual(monthsToBill({ ...w, openingPaidUntil: '2026-09' }).map((m) => m.month), ['2026-10', '2026-11']);
    const prob = monthsToBill({ ...w, acceptedMonth: '2026-02', probationary: true });
    assert.equal(prob.length, 10);
    assert.deepEqual(prob.filter((m) => m.fromAcceptance).map((m) => m.month), ['2026-02', '2026-03', '2026-04']);
    assert.deepEqual(monthsToBill({ ...w, acceptedMonth: '2026-11' }).map((m) => m.month), ['2026-11']);
    // Every month a run bills can be settled by a payment in the run's month without a recorded reason.
    for (const n of [1, 3, 6, 12]) {
      const earliest = monthsToBill({ ...w, backPaymentMonths: n })[0]!.month;
      assert.equal(earliest, backPaymentFloor('2026-11-01', n), `backPaymentMonths ${n}`);
    }
  });
  test('allocation: oldest first, excess left over; back-payment floor', () => {
    const bills = [
      { id: 'c', month: '2026-03', amountFen: 100, paidFen: 0 },
      { id: 'a', month: '2026-01', amountFen: 100, paidFen: 50 },
      { id: 'b', month: '2026-02', amountFen: 100, paidFen: 100 },
    ];
    const r = allocateOldestFirst(bills, 200);
    assert.deepEqual(r.allocations.map((a) => [a.bill.id, a.amountFen]), [['a', 50], ['c', 100]]);
    assert.equal(r.leftoverFen, 50);
    assert.equal(backPaymentFloor('2026-11-20', 6), '2026-05');
    assert.equal(addMonth('2026-01', -1), '2025-12');
  });
  test('paidUntil: the unbroken settled run, extended by prepaid months; null before any payment', () => {
    const b = (month: string, status: 'paid' | 'unpaid' | 'waived' | 'partial') => ({ month, status });
    assert.equal(paidUntilOf({ bills: [b('2026-01', 'paid'), b('2026-02', 'waived'), b('2026-03', 'unpaid')], openingPaidUntil: null, creditFen: 0, monthlyFen: 100 }), '2026-02');
    assert.equal(paidUntilOf({ bills: [b('2026-01', 'unpaid')], openingPaidUntil: null, creditFen: 0, monthlyFen: 100 }), null);
    assert.equal(paidUntilOf({ bills: [b('2026-01', 'unpaid')], openingPaidUntil: '2025-12', creditFen: 0, monthlyFen: 100 }), '2025-12');
    assert.equal(paidUntilOf({ bills: [b('2026-01', 'paid')], openingPaidUntil: null, creditFen: 250, monthlyFen: 100 }), '2026-03');
    assert.equal(paidUntilOf({ bills: [b('2026-01', 'paid'), b('2026-03', 'paid')], openingPaidUntil: null, creditFen: 0, monthlyFen: 100 }), '2026-01', 'a month never billed breaks the run');
  });
  test('arrears: overdue months only, consecutive run, reasons excuse, reminder at 3 and 自行脱党 review at 6', () => {
    const bills = (months: string[], status: 'unpaid' | 'paid'): ArrearsBill[] => months.map((month) => ({ month, status, amountFen: 100, paidFen: status === 'paid' ? 100 : 0 }));
    const six = bills(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'], 'unpaid');
    const current = bills(['2026-11'], 'unpaid');
    const r = arrearsOf({ bills: [...six, ...current], reasons: [], currentMonth: '2026-11', reminderMonths: 3 });
    assert.deepEqual(r, { unpaidMonths: 6, consecutiveUnpaid: 6, owedFen: 600, oldestUnpaid: '2026-05', level: 'lapse_review' });
    assert.equal(arrearsOf({ bills: six, reasons: [{ fromMonth: '2026-07', toMonth: '2026-07' }], currentMonth: '2026-11', reminderMonths: 3 }).level, 'reminder', 'the excused month breaks the run: 08–10 remain');
    assert.equal(arrearsOf({ bills: [...bills(['2026-07', '2026-08'], 'unpaid'), ...bills(['2026-09'], 'paid'), ...bills(['2026-10'], 'unpaid')], reasons: [], currentMonth: '2026-11', reminderMonths: 3 }).consecutiveUnpaid, 1);
    assert.equal(arrearsOf({ bills: bills(['2026-09', '2026-10'], 'unpaid'), reasons: [], currentMonth: '2026-11', reminderMonths: 3 }).level, 'none');
  });
});
