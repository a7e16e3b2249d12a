import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { one } from '../../platform/db/db.ts';
import { createTestMember, freshIdNumber } from '../../test-support/members.ts';

/**
 * 发展党员 API end to end: the exact contract of item 9, bad input (400 naming the field), refusals with their
 * article (422), the override (only with development.override, audited, shown upward), who takes the committee's
 * steps, scope (404), the one-open-case and one-step races, the list and stopping a case.
 */

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
let serial = 0;
/** A valid GB 11643 ID number born on `birthDate` (a different one each call). */
function idBornOn(birthDate: string): string {
  const body17 = `110105${birthDate.replaceAll('-', '')}${String(100 + (++serial % 800)).padStart(3, '0')}`;
  return body17 + '10X98765432'[[...body17].reduce((s, d, i) => s + Number(d) * W[i]!, 0) % 11];
}

for (const engine of engines) {
  describe(`development routes (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};

    before(async () => {
      s = await openTestServer(engine);
      const names = {
        street1: '中共明德区东城街道党工委',
        chunhui: '中共明德区东城街道春晖社区委员会',
        chunhui1: '春晖社区第一网格党支部',
        heping1: '和平社区第一网格党支部',
      };
      for (const [k, name] of Object.entries(names)) org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
    });
    after(() => s.stop());

    async function call(user: string | null, method: string, url: string, body?: unknown) {
      const res = await s.request({ method, url, ...(user ? { cookie: await s.login(user) } : {}), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    }
    const ok = async (user: string, method: string, url: string, body?: unknown) => {
      const res = await call(user, method, url, body);
      assert.ok(res.statusCode === 200 || res.statusCode === 201, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const newCase = async (name: string, appliedOn: string, user = 'branch1') => {
      const res = await call(user, 'POST', '/api/development/cases', { orgId: org.chunhui1, name, idNumber: freshIdNumber().idNumber, appliedOn });
      assert.equal(res.statusCode, 201, res.body);
      return res.json();
    };
    const step = (user: string, id: string, body: Record<string, unknown>) => call(user, 'POST', `/api/development/cases/${id}/steps`, body);
    const auditActions = async (id: string) => ((await ok('auditor', 'GET', `/api/audit/events?targetId=${id}&pageSize=50`)).items as { action: string; details: Record<string, unknown> }[]);

    test('POST /api/development/cases: the exact contract; GET answers the stage, the steps done and what is next', async () => {
      const id = freshIdNumber();
      const res = await call('branch1', 'POST', '/api/development/cases', { orgId: org.chunhui1, name: '申请人甲', idNumber: id.idNumber, appliedOn: '2026-11-20' });
      assert.equal(res.statusCode, 201, res.body);
      const c = res.json();
      assert.ok(c.id);
      assert.equal(c.stage, 1);
      assert.equal(c.status, 'open');
      assert.deepEqual(
        c.steps.map((x: { key: string; number: number; date: string }) => [x.key, x.number, x.date]),
        [['apply', 1, '2026-11-20']],
      );
      assert.equal(c.birthDate, id.birthDate, 'birth date from the ID number');
      assert.equal(c.gender, id.gender);
      assert.notEqual(c.idNumber, id.idNumber);
      assert.match(c.idNumber, /^\d{6}\*+\d{3}[\dX]$/, 'masked');
      const row = await one<{ id_number_enc: string }>(s.platform.database.db, sql`SELECT id_number_enc FROM development_case WHERE id = ${c.id}`);
      assert.ok(row && !row.id_number_enc.includes(id.idNumber), 'stored encrypted');

      const got = await ok('branch1', 'GET', `/api/development/cases/${c.id}`);
      assert.equal(got.stage, 1);
      assert.deepEqual(got.steps.map((x: { key: string; number: number }) => [x.key, x.number]), [['apply', 1]]);
      const talk = got.next.find((n: { key: string }) => n.key === 'talk');
      assert.ok(talk, JSON.stringify(got.next));
      assert.equal(talk.number, 2);
      assert.equal(talk.dueBy, '2026-12-20', 'talk within one month of the application (第七条)');
      // Upper levels see it; the applicant's case is audited.
      assert.equal((await call('street1', 'GET', `/api/development/cases/${c.id}`)).statusCode, 200);
      assert.ok((await auditActions(c.id)).some((e) => e.action === 'development.case.create'));
    });

    test('creating: bad input is 400 naming the field; age, an open case, a member, a non-branch org are refused', async () => {
      const base = { orgId: org.chunhui1, name: '申请人乙', idNumber: freshIdNumber().idNumber, appliedOn: '2026-11-01' };
      assertError(await call('branch1', 'POST', '/api/development/cases', { ...base, name: undefined }), 400, 'VALIDATION_FAILED', 'name');
      assertError(await call('branch1', 'POST', '/api/development/cases', { ...base, appliedOn: '2026-02-30' }), 400, 'VALIDATION_FAILED', 'appliedOn');
      assertError(await call('branch1', 'POST', '/api/development/cases', { ...base, extra: 1 }), 400, 'VALIDATION_FAILED', 'extra');
      assertError(await call('branch1', 'POST', '/api/development/cases', { ...base, idNumber: base.idNumber.slice(0, 17) + (base.idNumber.endsWith('1') ? '2' : '1') }), 400, 'MEMBER_ID_NUMBER_INVALID', 'idNumber');
      // 18 on the application date: the birthday itself is enough (regulations §10).
      const young = idBornOn('2008-11-02');
      assertError(await call('branch1', 'POST', '/api/development/cases', { ...base, idNumber: young, appliedOn: '2026-11-01' }), 422, 'DEVELOPMENT_UNDER_AGE', 'appliedOn');
      assert.equal((await call('branch1', 'POST', '/api/development/cases', { ...base, idNumber: young, appliedOn: '2026-11-02' })).statusCode, 201);
      assertError(await call('branch1', 'POST', '/api/development/cases', { ...base, idNumber: young, appliedOn: '2026-11-03' }), 422, 'DEVELOPMENT_CASE_OPEN', 'idNumber');
      assertError(await call('branch1', 'POST', '/api/development/cases', { ...base, appliedOn: '2026-12-01' }), 422, 'DEVELOPMENT_PRECONDITION', 'appliedOn');
      const member = await createTestMember(s, 'branch1', org.chunhui1!, '已是党员');
      assertError(await call('branch1', 'POST', '/api/development/cases', { ...base, idNumber: member.idNumber }), 422, 'DEVELOPMENT_ALREADY_MEMBER', 'idNumber');
      assertError(await call('community1', 'POST', '/api/development/cases', { ...base, orgId: org.chunhui }), 422, 'DEVELOPMENT_ORG_INVALID', 'orgId');
      assertError(await call('branch1', 'POST', '/api/development/cases', { ...base, orgId: org.heping1 }), 404, 'NOT_FOUND', 'orgId');
      assertError(await call('member1', 'POST', '/api/development/cases', base), 403, 'FORBIDDEN');
      assert.equal((await call(null, 'POST', '/api/development/cases', base)).statusCode, 401);
    });

    test('one open case per person, even when two applications arrive at once', async () => {
      const body = { orgId: org.chunhui1, name: '并发申请', idNumber: freshIdNumber().idNumber, appliedOn: '2026-11-10' };
      const cookie = await s.login('branch1');
      const answers = await Promise.all([0, 1].map(() => s.request({ method: 'POST', url: '/api/development/cases', cookie, body })));
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 422], answers.map((r) => r.body).join(' | '));
      assert.equal(answers.find((r) => r.statusCode === 422)!.json().error.code, 'DEVELOPMENT_CASE_OPEN');
    });

    test('steps: unknown step 400, a missing field 400 naming it, a late talk 422 with its article', async () => {
      const c = await newCase('谈话超期', '2026-09-01');
      assertError(await step('branch1', c.id, { step: 99, date: '2026-11-01' }), 400, 'DEVELOPMENT_STEP_UNKNOWN', 'step');
      assertError(await step('branch1', c.id, { step: 'nonsense', date: '2026-11-01' }), 400, 'DEVELOPMENT_STEP_UNKNOWN', 'step');
      assertError(await step('branch1', c.id, { date: '2026-11-01' }), 400, 'VALIDATION_FAILED', 'step');
      assertError(await step('branch1', c.id, { step: 2, date: '2026-10-01', talkers: ['王书记'] }), 400, 'VALIDATION_FAILED', 'summary');
      assertError(await step('branch1', c.id, { step: 'talk', date: '2026-10-01', talkers: ['王书记'], summary: '谈话', bogus: true }), 400, 'VALIDATION_FAILED', 'bogus');
      assertError(await step('branch1', c.id, { step: 'talk', date: '2026-13-01', talkers: ['王书记'], summary: '谈话' }), 400, 'VALIDATION_FAILED', 'date');
      // 第七条: within one month of the application — 2026-10-01 is the last day.
      const late = await step('branch1', c.id, { step: 'talk', date: '2026-10-02', talkers: ['王书记'], summary: '了解入党动机' });
      assertError(late, 422, 'DEVELOPMENT_TIME_LIMIT');
      const details = late.json().error.details as { path: string; message: string; article: string }[];
      assert.ok(details.some((d) => d.path === 'date' && d.article === '第七条'), late.body);
      const done = await step('branch1', c.id, { step: 'talk', date: '2026-10-01', talkers: ['王书记'], summary: '了解入党动机' });
      assert.equal(done.statusCode, 201, done.body);
      assert.deepEqual(done.json().steps.map((x: { key: string }) => x.key), ['apply', 'talk']);
      assert.ok(Array.isArray(done.json().warnings));
      assertError(await step('branch1', c.id, { step: 'talk', date: '2026-10-01', talkers: ['王书记'], summary: '再谈' }), 422, 'DEVELOPMENT_STEP_DONE');
    });

    test('override: only with development.override over the acting org, with a reason; audited and shown upward', async () => {
      const c = await newCase('越过时限', '2026-08-01');
      const body = { step: 'talk', date: '2026-09-15', talkers: ['李委员'], summary: '补谈', override: { reason: '申请书在转递中遗失，补登' } };
      assertError(await step('branch1', c.id, body), 403, 'DEVELOPMENT_OVERRIDE_FORBIDDEN');
      assertError(await step('community1', c.id, { ...body, override: { reason: '' } }), 400, 'VALIDATION_FAILED', 'override.reason');
      const res = await step('community1', c.id, body);
      assert.equal(res.statusCode, 201, res.body);
      const talk = res.json().steps.find((x: { key: string }) => x.key === 'talk');
      assert.equal(talk.overrideReason, '申请书在转递中遗失，补登');
      assert.ok(talk.overridden.some((o: { rule: string; article: string }) => o.article === '第七条'), JSON.stringify(talk.overridden));
      const upper = await ok('district', 'GET', `/api/development/cases/${c.id}`);
      assert.equal(upper.steps.find((x: { key: string }) => x.key === 'talk').overrideReason, '申请书在转递中遗失，补登');
      const events = await auditActions(c.id);
      const ov = events.find((e) => e.action === 'development.override');
      assert.ok(ov, JSON.stringify(events.map((e) => e.action)));
      assert.equal(ov.details.reason, '申请书在转递中遗失，补登');
    });

    test('a candidate less than a year after becoming an activist is refused with 第十三条', async () => {
      const c = await newCase('发展对象未满一年', '2025-10-01');
      const steps: [string, Record<string, unknown>][] = [
        ['branch1', { step: 'talk', date: '2025-10-20', talkers: ['王书记'], summary: '谈话' }],
        ['branch1', { step: 'activist_decision', date: '2025-12-01', nomination: 'member_recommendation', meeting: 'branch_committee' }],
        ['street1', { step: 'activist_filing', date: '2025-12-05', filedWithOrgId: org.street1 }],
        ['branch1', { step: 'mentors', date: '2025-12-05', mentorMemberIds: [(await createTestMember(s, 'branch1', org.chunhui1!, '联系人甲')).id] }],
      ];
      for (const [user, body] of steps) {
        const res = await step(user, c.id, body);
        assert.equal(res.statusCode, 201, `${String(body.step)}: ${res.body}`);
      }
      // A late six-monthly assessment goes through with a warning naming 第十一条.
      const late = await step('branch1', c.id, { step: 'assessment', date: '2026-06-10', summary: '表现良好', conclusion: 'good' });
      assert.equal(late.statusCode, 201, late.body);
      assert.ok(late.json().warnings.some((w: { rule: string; article: string; path: string }) => w.rule === 'assessment_every_6_months' && w.article === '第十一条' && w.path === 'date'), late.body);
      const early = await step('branch1', c.id, { step: 7, date: '2026-11-20', meeting: 'branch_committee', opinionsHeard: true });
      assertError(early, 422, 'DEVELOPMENT_TIME_LIMIT');
      assert.ok((early.json().error.details as { article: string }[]).some((d) => d.article === '第十三条'), early.body);
      const got = await ok('branch1', 'GET', `/api/development/cases/${c.id}`);
      assert.equal(got.stage, 2);
      assert.equal(got.activistOn, '2025-12-01');
      const cand = got.next.find((n: { key: string }) => n.key === 'candidate_decision');
      assert.equal(cand?.earliest, '2026-12-01', JSON.stringify(got.next));
    });

    test("the committee's steps: only staff with development.approve over the handling committee (an org with approval power)", async () => {
      const c = await newCase('上级党委环节', '2026-11-01');
      await ok('branch1', 'POST', `/api/development/cases/${c.id}/steps`, { step: 'talk', date: '2026-11-05', talkers: ['王书记'], summary: '谈话' });
      await ok('branch1', 'POST', `/api/development/cases/${c.id}/steps`, { step: 'activist_decision', date: '2026-11-10', nomination: 'member_recommendation', meeting: 'branch_committee' });
      const filing = { step: 'activist_filing', date: '2026-11-12', filedWithOrgId: org.street1 };
      // The branch and the community committee (no approval power) cannot take the street committee's step.
      assertError(await step('branch1', c.id, filing), 403, 'DEVELOPMENT_NOT_APPROVER');
      assertError(await step('community1', c.id, filing), 403, 'DEVELOPMENT_NOT_APPROVER');
      assertError(await step('community1', c.id, { step: 'approval', date: '2026-11-12', conclusion: 'approve' }), 403, 'DEVELOPMENT_NOT_APPROVER');
      const res = await step('street1', c.id, filing);
      assert.equal(res.statusCode, 201, res.body);
      const filed = res.json().steps.find((x: { key: string }) => x.key === 'activist_filing');
      assert.equal(filed.orgId, org.street1, 'the step belongs to the handling committee');
      // The district acts for the street committee; the approval itself is refused by the rules at this stage.
      const approval = await step('district', c.id, { step: 17, date: '2026-11-20', conclusion: 'approve' });
      assert.equal(approval.statusCode, 422, approval.body);
      assert.equal(approval.json().error.code, 'DEVELOPMENT_PRECONDITION');
    });

    test('scope: another street gets 404 for the case, its steps and the branch filter', async () => {
      const c = await newCase('范围测试', '2026-11-15');
      assertError(await call('street2', 'GET', `/api/development/cases/${c.id}`), 404, 'NOT_FOUND');
      assertError(await step('street2', c.id, { step: 'talk', date: '2026-11-16', talkers: ['某人'], summary: '谈话' }), 404, 'NOT_FOUND');
      assertError(await call('street2', 'POST', `/api/development/cases/${c.id}/stop`, { reason: '无' }), 404, 'NOT_FOUND');
      assertError(await call('street2', 'GET', `/api/development/cases?orgId=${org.chunhui1}`), 404, 'NOT_FOUND');
      const list = await ok('street2', 'GET', '/api/development/cases?pageSize=100');
      assert.ok(!list.items.some((x: { id: string }) => x.id === c.id));
      assertError(await call('branch2', 'GET', `/api/development/cases/${c.id}`), 404, 'NOT_FOUND');
      assertError(await call('member1', 'GET', `/api/development/cases/${c.id}`), 404, 'NOT_FOUND');
      // A mentor from outside the caller's scope is a 404 naming the field.
      const far = await createTestMember(s, 'street2', org.heping1!, '外街道党员');
      await ok('branch1', 'POST', `/api/development/cases/${c.id}/steps`, { step: 'talk', date: '2026-11-16', talkers: ['王书记'], summary: '谈话' });
      await ok('branch1', 'POST', `/api/development/cases/${c.id}/steps`, { step: 'activist_decision', date: '2026-11-18', nomination: 'member_recommendation', meeting: 'branch_committee' });
      assertError(await step('branch1', c.id, { step: 'mentors', date: '2026-11-19', mentorMemberIds: [far.id] }), 404, 'NOT_FOUND', 'mentorMemberIds.0');
    });

    test('two posts of the same step at once: one 201, one 422', async () => {
      const c = await newCase('并发环节', '2026-11-01');
      const cookie = await s.login('branch1');
      const body = { step: 'talk', date: '2026-11-05', talkers: ['王书记'], summary: '谈话' };
      const answers = await Promise.all([0, 1].map(() => s.request({ method: 'POST', url: `/api/development/cases/${c.id}/steps`, cookie, body })));
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 422], answers.map((r) => r.body).join(' | '));
      assert.equal(answers.find((r) => r.statusCode === 422)!.json().error.code, 'DEVELOPMENT_STEP_DONE');
      const n = await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM development_step WHERE case_id = ${c.id} AND step_key = 'talk'`);
      assert.equal(n?.n, 1);
    });

    test('list: scoped, filtered by stage, status and name or ID number, paged', async () => {
      const id = freshIdNumber();
      const c = (await call('branch1', 'POST', '/api/development/cases', { orgId: org.chunhui1, name: '列表查找人', idNumber: id.idNumber, appliedOn: '2026-11-18' })).json();
      const byName = await ok('branch1', 'GET', `/api/development/cases?q=${encodeURIComponent('列表查找')}`);
      assert.deepEqual(byName.items.map((x: { id: string }) => x.id), [c.id]);
      assert.equal(byName.items[0].lastStep, 1);
      assert.equal(byName.items[0].nextDueBy, '2026-12-18');
      assert.equal(byName.items[0].overdue, false);
      const byId = await ok('street1', 'GET', `/api/development/cases?q=${id.idNumber}`);
      assert.deepEqual(byId.items.map((x: { id: string }) => x.id), [c.id]);
      assert.match(byId.items[0].idNumber, /\*/);
      const stage1 = await ok('community1', 'GET', `/api/development/cases?orgId=${org.chunhui1}&stage=1&status=open&pageSize=2&page=1`);
      assert.equal(stage1.pageSize, 2);
      assert.ok(stage1.items.length <= 2 && stage1.total >= stage1.items.length);
      assert.ok(stage1.items.every((x: { stage: number; status: string }) => x.stage === 1 && x.status === 'open'));
      assertError(await call('branch1', 'GET', '/api/development/cases?stage=6'), 400, 'VALIDATION_FAILED', 'stage');
      assertError(await call('member1', 'GET', '/api/development/cases'), 403, 'FORBIDDEN');
    });

    test('stop: with a reason, audited; a stopped case takes no more steps', async () => {
      const c = await newCase('撤回申请', '2026-11-01');
      assertError(await call('branch1', 'POST', `/api/development/cases/${c.id}/stop`, {}), 400, 'VALIDATION_FAILED', 'reason');
      const stopped = await ok('branch1', 'POST', `/api/development/cases/${c.id}/stop`, { reason: '本人书面申请撤回' });
      assert.equal(stopped.status, 'stopped');
      assert.equal(stopped.stoppedReason, '本人书面申请撤回');
      assert.deepEqual(stopped.next, []);
      assertError(await call('branch1', 'POST', `/api/development/cases/${c.id}/stop`, { reason: '再次' }), 422, 'DEVELOPMENT_CASE_CLOSED');
      assertError(await step('branch1', c.id, { step: 'talk', date: '2026-11-05', talkers: ['王书记'], summary: '谈话' }), 422, 'DEVELOPMENT_CASE_CLOSED');
      assert.ok((await auditActions(c.id)).some((e) => e.action === 'development.case.stop'));
    });
  });
}
