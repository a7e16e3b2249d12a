import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { createTestMember, freshIdNumber } from '../../test-support/members.ts';
import { addMonths } from '../../platform/dates.ts';

/**
 * 发展党员 on the applicant's H5: public registration of an `applicant` account (ID checked, nothing in plaintext,
 * one account per ID number, members refused without saying so), login by ID number, applying to a branch, the
 * progress view (stage, steps done, what is next), and isolation: an applicant sees only their own case and
 * nothing of the staff's.
 */

const PASSWORD = 'Apply@2026x';

for (const engine of engines) {
  describe(`development applicant H5 (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};

    before(async () => {
      s = await openTestServer(engine);
      const names = { chunhui: '中共明德区东城街道春晖社区委员会', chunhui1: '春晖社区第一网格党支部', heping1: '和平社区第一网格党支部' };
      for (const [k, name] of Object.entries(names)) org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
    });
    after(() => s.stop());

    const cookieOf = (res: { headers: Record<string, unknown> }) => {
      const raw = res.headers['set-cookie'];
      return String(Array.isArray(raw) ? raw[0] : raw).split(';')[0]!;
    };
    async function call(cookie: string | null, method: string, url: string, body?: unknown) {
      const res = await s.request({ method, url, ...(cookie ? { cookie } : {}), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    }
    const as = async (user: string) => s.login(user);
    /** Registers an applicant and answers its session cookie and ID number. */
    async function register(name: string, over: Record<string, unknown> = {}) {
      const id = freshIdNumber().idNumber;
      const res = await call(null, 'POST', '/api/development/register', { name, idNumber: id, phone: '13912345678', password: PASSWORD, ...over });
      assert.equal(res.statusCode, 201, res.body);
      return { cookie: cookieOf(res), idNumber: id, me: res.json() };
    }

    test('register → login by ID number → apply → my-case shows stage 1 and the talk due within a month', async () => {
      const today = s.platform.clock.today();
      const a = await register('申请人张');
      assert.equal(a.me.kind, 'applicant');
      assert.equal(a.me.displayName, '申请人张');
      assert.deepEqual(a.me.grants, []);
      assert.ok(!JSON.stringify(a.me).includes(a.idNumber), 'the ID number is not echoed');
      // Registration logged them in; the ID number (with a lower-case x, spaces) logs in again.
      assert.equal((await call(a.cookie, 'GET', '/api/auth/me')).json().kind, 'applicant');
      const login = await call(null, 'POST', '/api/auth/login', { username: ` ${a.idNumber.toLowerCase()} `, password: PASSWORD });
      assert.equal(login.statusCode, 200, login.body);
      const cookie = cookieOf(login);
      assertError(await call(null, 'POST', '/api/auth/login', { username: a.idNumber, password: 'Wrong@2026x' }), 401, 'AUTH_INVALID_CREDENTIALS');

      const before = (await call(cookie, 'GET', '/api/development/my-case')).json();
      assert.deepEqual(before, { name: '申请人张', case: null });

      const branches = (await call(cookie, 'GET', `/api/development/branches?q=${encodeURIComponent('春晖社区')}`)).json() as { id: string; kind: string }[];
      assert.ok(branches.some((b) => b.id === org.chunhui1), 'finds the branch by name');
      assert.ok(branches.every((b) => ['branch', 'joint_branch', 'temporary_branch', 'general_branch'].includes(b.kind)), 'branches only');

      const res = await call(cookie, 'POST', '/api/development/apply', { orgId: org.chunhui1, idNumber: a.idNumber, education: '大学本科', workUnit: '明德区某公司' });
      assert.equal(res.statusCode, 201, res.body);
      const created = res.json();
      assert.equal(created.case.stage, 1);
      assert.equal(created.case.appliedOn, today, 'appliedOn defaults to today');

      const mine = (await call(cookie, 'GET', '/api/development/my-case')).json();
      const c = mine.case;
      assert.equal(c.stage, 1);
      assert.equal(c.status, 'open');
      assert.equal(c.orgName, '春晖社区第一网格党支部');
      assert.deepEqual(
        c.steps.map((x: { key: string; number: number; date: string }) => [x.key, x.number, x.date]),
        [['apply', 1, today]],
      );
      assert.deepEqual(
        c.stages.map((x: { state: string }) => x.state),
        ['current', 'todo', 'todo', 'todo', 'todo'],
      );
      const talk = c.next.find((n: { key: string }) => n.key === 'talk');
      assert.ok(talk, JSON.stringify(c.next));
      assert.equal(talk.number, 2);
      assert.equal(talk.dueBy, addMonths(today, 1), 'the talk within one month (细则 第七条)');
      assert.match(talk.text, /谈话/);
      assert.match(talk.text, /前完成/);
      // Masked PII; nothing of the staff's record (decisions, responsible people, fields, attachments, actors).
      assert.match(c.idNumber, /^\d{6}\*+\d{3}[\dX]$/);
      assert.equal(c.phone, null);
      const body = JSON.stringify(mine);
      assert.ok(!body.includes(a.idNumber));
      for (const k of ['responsible', 'decision', 'fields', 'attachments', 'actor', 'overrideReason', 'blockedBy', 'memberId']) assert.ok(!body.includes(`"${k}"`), k);

      // The branch sees the case the applicant started, with the applicant's account behind it.
      const staff = (await call(await as('branch1'), 'GET', `/api/development/cases/${c.id}`)).json();
      assert.equal(staff.name, '申请人张');
      assert.equal(staff.steps[0].key, 'apply');

      // One open application per account.
      assertError(await call(cookie, 'POST', '/api/development/apply', { orgId: org.chunhui1, idNumber: a.idNumber }), 422, 'DEVELOPMENT_APPLICANT_HAS_CASE');
    });

    test('no plaintext ID number or phone in the account, the case or the audit trail', async () => {
      const a = await register('申请人存储', { phone: '13800001111' });
      await call(a.cookie, 'POST', '/api/development/apply', { orgId: org.chunhui1, idNumber: a.idNumber, phone: '13800001111' });
      const acc = await one<Record<string, unknown>>(s.platform.database.db, sql`SELECT * FROM account WHERE id = ${a.me.accountId}`);
      const dump = JSON.stringify(acc);
      assert.ok(!dump.includes(a.idNumber) && !dump.includes('13800001111'), dump);
      assert.match(String(acc!.username), /^applicant:[0-9a-f]{40}$/);
      const kase = await one<Record<string, unknown>>(s.platform.database.db, sql`SELECT * FROM development_case WHERE applicant_account_id = ${a.me.accountId}`);
      const caseDump = JSON.stringify(kase);
      assert.ok(!caseDump.includes(a.idNumber) && !caseDump.includes('13800001111'));
      const audit = await rows<{ details: unknown; action: string }>(s.platform.database.db, sql`SELECT action, details FROM audit_event WHERE target_id = ${a.me.accountId}`);
      assert.ok(audit.some((e) => e.action === 'development.applicant.register'));
      assert.ok(!JSON.stringify(audit).includes(a.idNumber));
    });

    test('registration: bad input names the field; a second account for an ID number, or a member, is refused alike', async () => {
      const id = freshIdNumber().idNumber;
      const base = { name: '申请人李', idNumber: id, phone: '13912345678', password: PASSWORD };
      const post = (body: unknown) => call(null, 'POST', '/api/development/register', body);
      assertError(await post({ ...base, name: undefined }), 400, 'VALIDATION_FAILED', 'name');
      assertError(await post({ ...base, name: '  ' }), 400, 'VALIDATION_FAILED', 'name');
      assertError(await post({ ...base, phone: '12345' }), 400, 'VALIDATION_FAILED', 'phone');
      assertError(await post({ ...base, extra: 1 }), 400, 'VALIDATION_FAILED', 'extra');
      assertError(await post({ ...base, idNumber: id.slice(0, 17) + (id.endsWith('1') ? '2' : '1') }), 400, 'MEMBER_ID_NUMBER_INVALID', 'idNumber');
      assertError(await post({ ...base, password: 'short1A' }), 422, 'ACCOUNT_PASSWORD_WEAK', 'password');
      assertError(await post({ ...base, password: 'alllowercase1' }), 422, 'ACCOUNT_PASSWORD_WEAK', 'password');
      assertError(await post({ ...base, password: `Ab@${id.slice(6, 14)}` }), 422, 'ACCOUNT_PASSWORD_CONTAINS_IDENTITY', 'password');
      assertError(await post({ ...base, password: 'Ab@13912345678' }), 422, 'ACCOUNT_PASSWORD_CONTAINS_IDENTITY', 'password');
      assert.equal((await post(base)).statusCode, 201);
      const again = await post({ ...base, name: '冒名者', phone: '13700000000' });
      assertError(again, 422, 'DEVELOPMENT_APPLICANT_NOT_REGISTRABLE', 'idNumber');
      // A member's ID number: the same answer (no oracle of membership), and no account is left behind.
      const member = await createTestMember(s, 'branch1', org.chunhui1!, '已是党员丙');
      const asMember = await post({ ...base, idNumber: member.idNumber });
      assertError(asMember, 422, 'DEVELOPMENT_APPLICANT_NOT_REGISTRABLE', 'idNumber');
      assert.equal(asMember.json().error.message, again.json().error.message);
      assertError(await call(null, 'POST', '/api/auth/login', { username: member.idNumber, password: PASSWORD }), 401, 'AUTH_INVALID_CREDENTIALS');
    });

    test('registration has its own per-IP limit (loopback stays exempt, as for every limit)', async () => {
      let last = 0;
      for (let i = 0; i < 11; i++) {
        const res = await s.app.inject({ method: 'POST', url: '/api/development/register', remoteAddress: '203.0.113.7', payload: { name: '限流', idNumber: 'x', phone: '1', password: 'x' } });
        last = res.statusCode;
        if (i < 10) assert.equal(res.statusCode, 400, res.body);
      }
      assert.equal(last, 429);
      // Another address is not affected.
      assert.equal((await s.app.inject({ method: 'POST', url: '/api/development/register', remoteAddress: '203.0.113.8', payload: {} })).statusCode, 400);
    });

    test('applying: bad input names the field; the ID number must be the registered one; only applicant accounts apply', async () => {
      const a = await register('申请人王');
      const base = { orgId: org.chunhui1, idNumber: a.idNumber };
      const apply = (body: unknown, cookie: string | null = a.cookie) => call(cookie, 'POST', '/api/development/apply', body);
      assertError(await apply({ ...base, orgId: 'nope' }), 400, 'VALIDATION_FAILED', 'orgId');
      assertError(await apply({ ...base, appliedOn: '2026-02-30' }), 400, 'VALIDATION_FAILED', 'appliedOn');
      assertError(await apply({ ...base, phone: '123' }), 400, 'VALIDATION_FAILED', 'phone');
      assertError(await apply({ orgId: org.chunhui1 }), 400, 'VALIDATION_FAILED', 'idNumber');
      assertError(await apply({ ...base, idNumber: freshIdNumber().idNumber }), 422, 'DEVELOPMENT_APPLICANT_ID_MISMATCH', 'idNumber');
      assertError(await apply({ ...base, appliedOn: addMonths(s.platform.clock.today(), 1) }), 422, 'DEVELOPMENT_PRECONDITION', 'appliedOn');
      assertError(await apply({ ...base, orgId: org.chunhui }), 422, 'DEVELOPMENT_ORG_INVALID', 'orgId');
      assertError(await apply({ ...base, orgId: '00000000-0000-4000-8000-000000000000' }), 404, 'NOT_FOUND', 'orgId');
      assertError(await apply(base, await as('member1')), 403, 'DEVELOPMENT_APPLICANT_ONLY');
      assertError(await apply(base, await as('branch1')), 403, 'DEVELOPMENT_APPLICANT_ONLY');
      assertError(await apply(base, null), 401, 'AUTH_REQUIRED');
      assertError(await call(await as('member1'), 'GET', '/api/development/my-case'), 403, 'DEVELOPMENT_APPLICANT_ONLY');
      assertError(await call(null, 'GET', '/api/development/my-case'), 401, 'AUTH_REQUIRED');
      // Nothing was written by the refusals.
      assert.equal((await call(a.cookie, 'GET', '/api/development/my-case')).json().case, null);
      // Any active branch on the platform may be chosen (细则 第六条), not only one in some scope.
      assert.equal((await apply({ ...base, orgId: org.heping1, appliedOn: addMonths(s.platform.clock.today(), -1) })).statusCode, 201);
    });

    test('an applicant sees only their own case and none of the staff endpoints', async () => {
      const a = await register('申请人甲隔离');
      const b = await register('申请人乙隔离');
      const ca = (await call(a.cookie, 'POST', '/api/development/apply', { orgId: org.chunhui1, idNumber: a.idNumber })).json().case;
      const cb = (await call(b.cookie, 'POST', '/api/development/apply', { orgId: org.chunhui1, idNumber: b.idNumber })).json().case;
      assert.equal((await call(a.cookie, 'GET', `/api/development/cases/${ca.id}`)).statusCode, 200, 'their own');
      assertError(await call(a.cookie, 'GET', `/api/development/cases/${cb.id}`), 404, 'NOT_FOUND');
      assertError(await call(a.cookie, 'GET', `/api/development/cases/${ca.id}/notes`), 404, 'NOT_FOUND');
      assertError(await call(a.cookie, 'POST', `/api/development/cases/${ca.id}/notes`, { writtenOn: s.platform.clock.today(), text: '自评' }), 404, 'NOT_FOUND');
      assertError(await call(a.cookie, 'POST', `/api/development/cases/${ca.id}/steps`, { step: 'talk', date: s.platform.clock.today(), talkers: ['我'], summary: '自己谈' }), 403, 'FORBIDDEN');
      assertError(await call(a.cookie, 'GET', '/api/development/cases'), 403, 'FORBIDDEN');
      assertError(await call(a.cookie, 'POST', '/api/development/cases', { orgId: org.chunhui1, name: '代人申请', idNumber: freshIdNumber().idNumber, appliedOn: '2026-11-01' }), 403, 'FORBIDDEN');
      assertError(await call(a.cookie, 'GET', '/api/development/mentoring'), 403, 'FORBIDDEN');
      for (const url of ['/api/members', '/api/orgs/directory?q=a', '/api/transfers/targets?q=a', '/api/accounts', '/api/audit/events']) {
        assert.ok([403, 404].includes((await call(a.cookie, 'GET', url)).statusCode), url);
      }
      // Other accounts may not use the applicant's branch search unless they open cases.
      assertError(await call(await as('member1'), 'GET', '/api/development/branches?q=a'), 403, 'FORBIDDEN');
      assert.equal((await call(await as('branch1'), 'GET', '/api/development/branches?q=a')).statusCode, 200);
      assertError(await call(a.cookie, 'GET', `/api/development/branches?q=${'长'.repeat(51)}`), 400, 'VALIDATION_FAILED', 'q');
    });
  });
}
