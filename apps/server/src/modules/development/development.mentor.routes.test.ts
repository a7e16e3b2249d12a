import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { createTestMember, freshIdNumber } from '../../test-support/members.ts';
import { addMonths } from '../../platform/dates.ts';

/**
 * 发展党员 on the mentor's H5 (培养联系人, 细则 第九条至第十一条): a member named as mentor sees their mentees with
 * the next six-monthly assessment, writes assessment notes; the branch and the levels above read them; nobody
 * else, the applicant included, sees them (404). A replaced mentor loses access; a closed case takes no notes.
 */

for (const engine of engines) {
  describe(`development mentor H5 (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};
    let caseId = '';
    let applicantCookie = '';
    const mentor: Record<'a' | 'b', { memberId: string; cookie: string }> = {} as never;

    async function call(cookie: string | null, method: string, url: string, body?: unknown) {
      const res = await s.request({ method, url, ...(cookie ? { cookie } : {}), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    }
    const as = (user: string) => s.login(user);
    const ok = async (cookie: string, method: string, url: string, body?: unknown) => {
      const res = await call(cookie, method, url, body);
      assert.ok(res.statusCode === 200 || res.statusCode === 201, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const step = async (body: Record<string, unknown>) => ok(await as('branch1'), 'POST', `/api/development/cases/${caseId}/steps`, body);

    /** A full member of 春晖一支部 with their own member account (logged in). */
    async function memberWithAccount(username: string, name: string) {
      const m = await createTestMember(s, 'branch1', org.chunhui1!, name);
      const acc = await ok(await as('community1'), 'POST', '/api/accounts', { username, kind: 'member', displayName: name, memberId: m.id, orgId: org.chunhui1, role: 'member' });
      return { memberId: m.id, cookie: await s.login(username, acc.temporaryPassword as string) };
    }

    before(async () => {
      s = await openTestServer(engine);
      const names = { chunhui1: '春晖社区第一网格党支部' };
      for (const [k, name] of Object.entries(names)) org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
      mentor.a = await memberWithAccount('mentor.a', '联系人甲');
      mentor.b = await memberWithAccount('mentor.b', '联系人乙');
      // An applicant applies on the H5; the branch talks to them, makes them an activist and names mentor A.
      const idNumber = freshIdNumber().idNumber;
      const reg = await call(null, 'POST', '/api/development/register', { name: '积极分子赵', idNumber, phone: '13911112222', password: 'Apply@2026x' });
      assert.equal(reg.statusCode, 201, reg.body);
      const raw = reg.headers['set-cookie'];
      applicantCookie = String(Array.isArray(raw) ? raw[0] : raw).split(';')[0]!;
      caseId = (await ok(applicantCookie, 'POST', '/api/development/apply', { orgId: org.chunhui1, idNumber, appliedOn: '2026-10-01' })).case.id;
      await step({ step: 'talk', date: '2026-10-15', talkers: ['王书记'], summary: '了解入党动机' });
      await step({ step: 'activist_decision', date: '2026-11-01', nomination: 'member_recommendation', meeting: 'branch_committee' });
      await step({ step: 'mentors', date: '2026-11-05', mentorMemberIds: [mentor.a.memberId] });
    });
    after(() => s.stop());

    test('the mentor sees their mentee with the next six-monthly assessment; another member sees none', async () => {
      const list = await ok(mentor.a.cookie, 'GET', '/api/development/mentoring');
      assert.equal(list.length, 1, JSON.stringify(list));
      const x = list[0];
      assert.deepEqual(
        [x.caseId, x.name, x.stage, x.activistOn, x.mentorSince, x.lastAssessmentOn, x.nextAssessmentDueBy, x.lastNoteOn],
        [caseId, '积极分子赵', 2, '2026-11-01', '2026-11-05', null, addMonths('2026-11-01', 6), null],
      );
      assert.ok(!JSON.stringify(list).includes('idNumber'), 'no ID numbers for mentors');
      assert.deepEqual(await ok(mentor.b.cookie, 'GET', '/api/development/mentoring'), []);
      // Accounts without a member file have no mentees to list.
      assertError(await call(await as('street1'), 'GET', '/api/development/mentoring'), 403, 'FORBIDDEN');
      assertError(await call(null, 'GET', '/api/development/mentoring'), 401, 'AUTH_REQUIRED');
    });

    test('notes: written by the case mentor and the branch, read by them and the levels above; 404 for everyone else', async () => {
      const today = s.platform.clock.today();
      const url = `/api/development/cases/${caseId}/notes`;
      const n = await ok(mentor.a.cookie, 'POST', url, { writtenOn: today, text: '谈心一次：学习党章，思想积极。' });
      assert.equal(n.authorName, '联系人甲');
      assert.equal(n.mine, true);
      const byBranch = await ok(await as('branch1'), 'POST', url, { writtenOn: '2026-11-10', text: '支部了解：工作积极。' });
      assert.equal(byBranch.authorName.length > 0, true);

      const seen = await ok(mentor.a.cookie, 'GET', url);
      assert.equal(seen.name, '积极分子赵');
      assert.equal(seen.canWrite, true);
      assert.deepEqual(
        seen.notes.map((x: { writtenOn: string; mine: boolean }) => [x.writtenOn, x.mine]),
        [
          [today, true],
          ['2026-11-10', false],
        ],
      );
      for (const u of ['branch1', 'community1', 'street1', 'district']) assert.equal((await call(await as(u), 'GET', url)).statusCode, 200, u);
      for (const u of ['branch2', 'community2', 'street2', 'member1', 'auditor']) assertError(await call(await as(u), 'GET', url), 404, 'NOT_FOUND');
      assertError(await call(mentor.b.cookie, 'GET', url), 404, 'NOT_FOUND');
      assertError(await call(mentor.b.cookie, 'POST', url, { writtenOn: today, text: '冒充' }), 404, 'NOT_FOUND');
      assertError(await call(await as('branch2'), 'POST', url, { writtenOn: today, text: '越权' }), 404, 'NOT_FOUND');
      assertError(await call(null, 'GET', url), 401, 'AUTH_REQUIRED');
      // The applicant sees their case but never the notes, neither there nor in their progress.
      assertError(await call(applicantCookie, 'GET', url), 404, 'NOT_FOUND');
      const progress = JSON.stringify((await ok(applicantCookie, 'GET', '/api/development/my-case')).case);
      assert.ok(!progress.includes('谈心一次') && !progress.includes('联系人甲'), progress);
      assert.match(progress, /指定培养联系人/);
      assert.equal(JSON.parse(progress).stage, 2);

      // Audited, without the text.
      const audit = await rows<{ details: Record<string, unknown> }>(
        s.platform.database.db,
        sql`SELECT details FROM audit_event WHERE action = 'development.note.create' AND target_id = ${caseId} ORDER BY seq`,
      );
      assert.deepEqual(
        audit.map((e) => e.details.as),
        ['mentor', 'staff'],
      );
      assert.ok(!JSON.stringify(audit).includes('谈心'));

      // The last note shows on the mentor's list.
      assert.equal((await ok(mentor.a.cookie, 'GET', '/api/development/mentoring'))[0].lastNoteOn, today);
    });

    test('notes: bad input names the field', async () => {
      const url = `/api/development/cases/${caseId}/notes`;
      const c = mentor.a.cookie;
      const today = s.platform.clock.today();
      assertError(await call(c, 'POST', url, { writtenOn: today, text: '   ' }), 400, 'VALIDATION_FAILED', 'text');
      assertError(await call(c, 'POST', url, { writtenOn: today }), 400, 'VALIDATION_FAILED', 'text');
      assertError(await call(c, 'POST', url, { writtenOn: today, text: '长'.repeat(2001) }), 400, 'VALIDATION_FAILED', 'text');
      assertError(await call(c, 'POST', url, { writtenOn: '2026-02-30', text: 'x' }), 400, 'VALIDATION_FAILED', 'writtenOn');
      assertError(await call(c, 'POST', url, { writtenOn: today, text: 'x', extra: 1 }), 400, 'VALIDATION_FAILED', 'extra');
      assertError(await call(c, 'POST', url, { writtenOn: addMonths(today, 1), text: '未来' }), 422, 'DEVELOPMENT_NOTE_DATE_INVALID', 'writtenOn');
      assertError(await call(c, 'POST', url, { writtenOn: '2026-09-30', text: '申请之前' }), 422, 'DEVELOPMENT_NOTE_DATE_INVALID', 'writtenOn');
      assertError(await call(c, 'GET', '/api/development/cases/not-a-uuid/notes'), 400, 'VALIDATION_FAILED', 'id');
      assertError(await call(c, 'GET', '/api/development/cases/00000000-0000-4000-8000-000000000000/notes'), 404, 'NOT_FOUND');
    });

    test("the branch's assessment moves the next due date; a replaced mentor loses access; a stopped case takes no notes", async () => {
      const url = `/api/development/cases/${caseId}/notes`;
      await step({ step: 'assessment', date: '2026-11-20', summary: '半年考察：表现良好', conclusion: 'good' });
      const x = (await ok(mentor.a.cookie, 'GET', '/api/development/mentoring'))[0];
      assert.deepEqual([x.lastAssessmentOn, x.nextAssessmentDueBy], ['2026-11-20', addMonths('2026-11-20', 6)]);

      await step({ step: 'mentors', date: '2026-11-21', mentorMemberIds: [mentor.b.memberId] });
      assert.deepEqual(await ok(mentor.a.cookie, 'GET', '/api/development/mentoring'), []);
      assertError(await call(mentor.a.cookie, 'GET', url), 404, 'NOT_FOUND');
      assert.equal((await ok(mentor.b.cookie, 'GET', '/api/development/mentoring'))[0].caseId, caseId);
      const seen = await ok(mentor.b.cookie, 'GET', url);
      assert.ok(seen.notes.length >= 2 && seen.notes.every((n: { mine: boolean }) => !n.mine), 'the new mentor reads the earlier notes');

      await ok(await as('branch1'), 'POST', `/api/development/cases/${caseId}/stop`, { reason: '本人撤回申请' });
      assertError(await call(await as('branch1'), 'POST', url, { writtenOn: s.platform.clock.today(), text: '结案后' }), 422, 'DEVELOPMENT_CASE_CLOSED');
      assert.equal((await ok(await as('branch1'), 'GET', url)).canWrite, false);
      assert.deepEqual(await ok(mentor.b.cookie, 'GET', '/api/development/mentoring'), [], 'only open cases are listed');
      const mine = (await ok(applicantCookie, 'GET', '/api/development/my-case')).case;
      assert.equal(mine.status, 'stopped');
      assert.deepEqual(mine.next, []);
      assert.ok(!JSON.stringify(mine).includes('撤回'), 'the reason is the branch’s record');
    });
  });
}
