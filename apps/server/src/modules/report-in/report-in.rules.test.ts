import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allowedActions, checkIdNumber, claimRefusal, creditCodeCheckChar, emptyFigures, evaluationYearOk, isCommunityOrg, isValidCreditCode, ratersFor, receiptNoOf, rollUp, serviceDateOk } from './report-in.rules.ts';
import { parseIdNumber } from '../member/member.service.ts';

/** The GB 11643 check character, found through the member module's parser. */
const idCheckChar = (first17: string) => [...'0123456789X'].find((c) => typeof parseIdNumber(first17 + c, '2026-11-22') !== 'string')!;

const id17 = '11010119800101123';
const ID = id17 + idCheckChar(id17);

test('ID numbers: GB 11643 check character, real birth date, normalised', () => {
  assert.deepEqual(checkIdNumber(ID, '2026-11-22'), { idNumber: ID });
  assert.deepEqual(checkIdNumber(` ${ID.slice(0, 9)} ${ID.slice(9)} `, '2026-11-22'), { idNumber: ID });
  const table: [string, string][] = [
    ['123', '身份证号码应为 18 位'],
    ['11010119800101123A', '身份证号码前 17 位应为数字，最后一位为数字或 X'],
    ['110101198002301234', '身份证号码中的出生日期不存在'],
    [`110101203001011230`, '身份证号码中的出生日期晚于今天'],
    [id17 + (ID.endsWith('0') ? '1' : '0'), '身份证号码校验位错误'],
  ];
  for (const [raw, problem] of table) assert.deepEqual(checkIdNumber(raw, '2026-11-22'), { problem }, raw);
  const x17 = '11010119900307123';
  if (idCheckChar(x17) === 'X') assert.deepEqual(checkIdNumber(`${x17}x`, '2026-11-22'), { idNumber: `${x17}X` });
});

test('统一社会信用代码: 18 characters of the GB 32100 set and the check character', () => {
  const body = '91110107MA01CT88X';
  const code = body + creditCodeCheckChar(body);
  assert.equal(isValidCreditCode(code), true);
  assert.equal(isValidCreditCode(code.slice(0, 17) + (code[17] === '0' ? '1' : '0')), false);
  assert.equal(isValidCreditCode('91110107MA01CT88'), false);
  assert.equal(isValidCreditCode('91110107MA01CT88I1'), false, 'I is not in the set');
  // Any body with its computed check character is valid.
  fc.assert(fc.property(fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/), (b) => isValidCreditCode(b + creditCodeCheckChar(b))));
});

test('a residence community is a live 社区/村 党委 or 党总支, or a community branch directly under a street', () => {
  const c = (kind: string, domain: string, parentKind: string | null, dissolvedOn: string | null = null) => isCommunityOrg({ kind, domain, parentKind, dissolvedOn } as Parameters<typeof isCommunityOrg>[0]);
  assert.equal(c('committee', 'community', 'working_committee'), true);
  assert.equal(c('general_branch', 'village', 'working_committee'), true);
  assert.equal(c('branch', 'community', 'working_committee'), true);
  assert.equal(c('branch', 'community', 'committee'), false, 'a grid branch inside a community');
  assert.equal(c('committee', 'soe', 'working_committee'), false);
  assert.equal(c('committee', 'community', 'working_committee', '2026-01-01'), false);
});

test('claims: closed, already mine, full — in that order', () => {
  assert.equal(claimRefusal({ closedOn: null, capacity: null, claimed: 99, alreadyMine: false }), null);
  assert.equal(claimRefusal({ closedOn: null, capacity: 2, claimed: 1, alreadyMine: false }), null);
  assert.equal(claimRefusal({ closedOn: null, capacity: 2, claimed: 2, alreadyMine: false }), 'full');
  assert.equal(claimRefusal({ closedOn: null, capacity: 2, claimed: 2, alreadyMine: true }), 'already');
  assert.equal(claimRefusal({ closedOn: '2026-01-01', capacity: 2, claimed: 0, alreadyMine: false }), 'closed');
  fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 60 }), (cap, n) => (claimRefusal({ closedOn: null, capacity: cap, claimed: n, alreadyMine: false }) === 'full') === n >= cap));
});

test('who does what: the community confirms, the member (or unit) claims, nobody claims by decree', () => {
  const none = { unit: false, communityRead: false, communityWrite: false, self: false };
  const community = { ...none, communityRead: true, communityWrite: true };
  const unit = { ...none, unit: true };
  const self = { ...none, self: true };
  const reg = { status: 'registered' as const, confirmedOn: null };
  const conf = { status: 'confirmed' as const, confirmedOn: '2026-01-05' };
  assert.deepEqual(allowedActions(reg, community), ['print_certificate', 'confirm', 'decline']);
  assert.deepEqual(allowedActions(reg, unit), ['print_certificate', 'end']);
  assert.deepEqual(allowedActions(conf, community), ['print_certificate', 'end', 'print_receipt']);
  assert.deepEqual(allowedActions(conf, self), ['print_certificate', 'claim', 'log_service', 'print_receipt']);
  assert.deepEqual(allowedActions({ status: 'ended', confirmedOn: null }, unit), ['print_certificate']);
  assert.deepEqual(ratersFor('confirmed', self), ['self']);
  assert.deepEqual(ratersFor('confirmed', unit), ['leader']);
  assert.deepEqual(ratersFor('ended', community), ['residents', 'community', 'organisation']);
  assert.deepEqual(ratersFor('registered', community), []);
  assert.equal(receiptNoOf('BD2026000012'), 'HZ2026000012');
});

test('service dates and evaluation years', () => {
  assert.equal(serviceDateOk('2026-05-01', '2026-05-01', '2026-11-22'), true);
  assert.equal(serviceDateOk('2026-04-30', '2026-05-01', '2026-11-22'), false, 'before the community confirmed');
  assert.equal(serviceDateOk('2026-11-23', '2026-05-01', '2026-11-22'), false, 'in the future');
  assert.equal(serviceDateOk('2026-06-01', null, '2026-11-22'), false);
  assert.equal(evaluationYearOk(2025, '2025-10-01', '2026-11-22'), true);
  assert.equal(evaluationYearOk(2024, '2025-10-01', '2026-11-22'), false);
  assert.equal(evaluationYearOk(2027, '2025-10-01', '2026-11-22'), false);
});

test('roll-ups by subtree add up to the communities', () => {
  const f = (n: number) => ({ ...emptyFigures(), registered: n, confirmed: n, serviceMinutes: 60 * n });
  const out = rollUp(
    [
      { path: '/1/2/', id: 'a' },
      { path: '/1/3/', id: 'b' },
    ],
    [
      { ...f(2), path: '/1/2/5/' },
      { ...f(3), path: '/1/2/6/' },
      { ...f(4), path: '/1/3/7/' },
      { ...f(9), path: '/1/30/' },
    ],
  );
  assert.deepEqual(
    out.map((o) => [o.id, o.figures.registered, o.figures.serviceMinutes]),
    [
      ['a', 5, 300],
      ['b', 4, 240],
    ],
  );
});
