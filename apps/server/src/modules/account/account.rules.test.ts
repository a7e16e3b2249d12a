import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { permissions, rolePermissions, roles, separatedDutyRoles, type Permission, type Role } from '@xianfeng/contracts/account/account.permissions';
import { grantRefusal, passwordProblem, violatesSeparationOfDuties } from './account.rules.ts';

describe('passwordProblem (security-requirements §2.1 8.1.4.1 a, §2.4: ≥ 8 chars, 3 of 4 classes, no username/phone)', () => {
  const who = { username: 'branch1', phone: '13812345678' };
  const table: [string, string, { username: string; phone?: string | null }, 'weak' | 'identity' | null][] = [
    ['8 chars, upper + lower + digit', 'Abcde123', who, null],
    ['8 chars, lower + digit + symbol', 'abcd123!', who, null],
    ['8 chars, upper + digit + symbol', 'ABCD123!', who, null],
    ['8 chars, upper + lower + symbol', 'Abcdefg!', who, null],
    ['all 4 classes', 'Demo@2026', who, null],
    ['7 chars with 4 classes', 'Ab1!xyz', who, 'weak'],
    ['empty', '', who, 'weak'],
    ['lower only', 'abcdefghij', who, 'weak'],
    ['digits only', '1234567890', who, 'weak'],
    ['lower + digit (2 classes)', 'abcd1234', who, 'weak'],
    ['upper + lower (2 classes)', 'Abcdefgh', who, 'weak'],
    ['digit + symbol (2 classes)', '1234!@#$', who, 'weak'],
    ['a space is a symbol', 'abcd 1234', who, null],
    ['Chinese characters count as symbols', '党建abc12345', who, null],
    ['long 64-char passphrase of 3 classes', `${'Correct-horse-battery-staple-'.repeat(2)}xyzw12`, who, null],
    ['contains the username', 'Branch1@home', who, 'identity'],
    ['contains the username in other case', 'xxBRANCH1!!', who, 'identity'],
    ['contains the phone', 'Pw!13812345678', who, 'identity'],
    ['contains only part of the phone', 'Pw!1381234567', who, null],
    ['phone not on file', 'Pw!13812345678', { username: 'branch1', phone: null }, null],
    ['a username shorter than 3 is not checked', 'ab@Demo2026', { username: 'ab' }, null],
    ['weak wins over identity', 'branch1', who, 'weak'],
  ];
  for (const [name, password, identity, expected] of table) {
    test(`${name}: ${JSON.stringify(password)} → ${expected ?? 'ok'}`, () => assert.equal(passwordProblem(password, identity), expected));
  }

  test('property: agrees with an independent oracle over generated passwords (lengths 7/8/12/64/129, 1–4 classes)', () => {
    const pools = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '0123456789', '!@#$%^&*()-_=+[]{};:,.<>/?~ '];
    const pw = fc
      .tuple(fc.subarray([0, 1, 2, 3], { minLength: 1 }), fc.constantFrom(7, 8, 12, 64, 129), fc.infiniteStream(fc.nat()))
      .map(([cls, len, rnd]) => {
        const it = rnd[Symbol.iterator]();
        const next = () => it.next().value as number;
        const chars = Array.from({ length: len }, (_, i) => {
          const pool = pools[cls[i % cls.length]!]!;
          return pool[next() % pool.length]!;
        });
        // Every length is ≥ 4, so each chosen class occurs.
        return { password: chars.join(''), classes: cls.length };
      });
    const identity = fc.record({ username: fc.stringMatching(/^[a-z][a-z0-9]{2,9}$/), phone: fc.option(fc.stringMatching(/^1[3-9]\d{9}$/)) });
    fc.assert(
      fc.property(pw, identity, fc.boolean(), ({ password, classes }, id, embed) => {
        let p = password;
        if (embed) p = `${p.slice(0, 3)}${id.username.toUpperCase()}${p.slice(3)}`;
        const cls = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
        const weak = p.length < 8 || cls < 3;
        const contains = p.toLowerCase().includes(id.username) || (id.phone !== null && p.includes(id.phone));
        const want = weak ? 'weak' : contains ? 'identity' : null;
        assert.equal(passwordProblem(p, id), want, JSON.stringify({ p, id }));
        if (!embed && password.length < 8) assert.equal(passwordProblem(p, id), 'weak');
        if (!embed && classes < 3) assert.equal(passwordProblem(p, id), 'weak');
      }),
      { numRuns: 500 },
    );
  });
});

describe('violatesSeparationOfDuties (三员分立, security-requirements §2.2)', () => {
  const table: [Role[], Role, boolean][] = [
    [[], 'system_admin', false],
    [[], 'security_admin', false],
    [['system_admin'], 'security_admin', true],
    [['system_admin'], 'audit_admin', true],
    [['security_admin'], 'system_admin', true],
    [['security_admin'], 'audit_admin', true],
    [['audit_admin'], 'system_admin', true],
    [['audit_admin'], 'security_admin', true],
    [['system_admin'], 'system_admin', false], // the same role at another org
    [['org_admin', 'pii_officer'], 'audit_admin', true], // 三员 hold no business role either
    [['secretary', 'member'], 'system_admin', true],
    [['audit_admin'], 'org_admin', true],
    [['system_admin'], 'pii_officer', true],
    [['security_admin'], 'member', true],
    [['org_admin'], 'pii_officer', false],
    [['secretary'], 'member', false],
    [['system_admin', 'org_admin'], 'audit_admin', true],
  ];
  for (const [held, adding, expected] of table) {
    test(`holding [${held.join(', ')}], adding ${adding} → ${expected ? 'refused' : 'allowed'}`, () => assert.equal(violatesSeparationOfDuties(held, adding), expected));
  }

  test('property: after any sequence of accepted additions, an account holding one of the 三员 holds nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...roles), { maxLength: 12 }), (adds) => {
        const held: Role[] = [];
        for (const r of adds) if (!violatesSeparationOfDuties(held, r)) held.push(r);
        const distinct = new Set(held);
        const duty = [...distinct].filter((r) => separatedDutyRoles.includes(r));
        assert.ok(duty.length === 0 || distinct.size === 1, held.join(','));
      }),
    );
  });
});

describe('grantRefusal (逐级授权, ARCHITECTURE §6)', () => {
  const holding = (...rs: Role[]) => ({ grantorPermissionsAtTarget: new Set(rs.flatMap((r) => rolePermissions[r])), grantorRolesAtTarget: new Set(rs) });
  const ask = (grantor: Role[], role: Role, grantee = 'b') => grantRefusal({ grantorAccountId: 'a', granteeAccountId: grantee, role, ...holding(...grantor) });
  const table: [string, Role[], Role, string, ReturnType<typeof grantRefusal>][] = [
    ['never to oneself, even a harmless role', ['org_admin'], 'member', 'a', 'self'],
    ['never to oneself, even by the security admin', ['security_admin'], 'audit_admin', 'a', 'self'],
    ['org admin → secretary', ['org_admin'], 'secretary', 'b', null],
    ['org admin → organiser', ['org_admin'], 'organiser', 'b', null],
    ['org admin → org admin (holds all of it)', ['org_admin'], 'org_admin', 'b', null],
    ['org admin → member (needs account.grant only)', ['org_admin'], 'member', 'b', null],
    ['org admin → pii officer (does not hold member.pii.unmask)', ['org_admin'], 'pii_officer', 'b', 'not_held'],
    ['org admin + pii officer → pii officer', ['org_admin', 'pii_officer'], 'pii_officer', 'b', null],
    ['secretary → organiser (no account.grant)', ['secretary'], 'organiser', 'b', 'not_held'],
    ['secretary → member (no account.grant)', ['secretary'], 'member', 'b', 'not_held'],
    ['pii officer → pii officer (no account.grant)', ['pii_officer'], 'pii_officer', 'b', 'not_held'],
    ['security admin → org admin (lacks the business permissions)', ['security_admin'], 'org_admin', 'b', 'not_held'],
    ['security admin → system admin', ['security_admin'], 'system_admin', 'b', null],
    ['security admin → audit admin', ['security_admin'], 'audit_admin', 'b', null],
    ['security admin → security admin', ['security_admin'], 'security_admin', 'b', null],
    ['org admin → system admin (reserved to the security admin)', ['org_admin'], 'system_admin', 'b', 'reserved'],
    ['org admin → audit admin (reserved)', ['org_admin'], 'audit_admin', 'b', 'reserved'],
    ['system admin → security admin (reserved)', ['system_admin'], 'security_admin', 'b', 'reserved'],
    ['audit admin → audit admin (reserved)', ['audit_admin'], 'audit_admin', 'b', 'reserved'],
    ['nobody → anything', [], 'member', 'b', 'not_held'],
  ];
  for (const [name, grantor, role, grantee, expected] of table) {
    test(`${name} → ${expected ?? 'allowed'}`, () => assert.equal(ask(grantor, role, grantee), expected));
  }

  test('property: a business role is granted only when every one of its permissions and account.grant are held', () => {
    const business = roles.filter((r) => !separatedDutyRoles.includes(r));
    fc.assert(
      fc.property(fc.subarray([...permissions]), fc.constantFrom(...business), fc.subarray([...roles]), (held, role, heldRoles) => {
        const p = new Set<Permission>(held);
        const r = grantRefusal({ grantorAccountId: 'a', granteeAccountId: 'b', role, grantorPermissionsAtTarget: p, grantorRolesAtTarget: new Set(heldRoles) });
        const ok = p.has('account.grant') && rolePermissions[role].every((x) => p.has(x));
        assert.equal(r, ok ? null : 'not_held');
      }),
    );
  });
});
