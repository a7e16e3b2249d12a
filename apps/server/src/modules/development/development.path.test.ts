import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertSafe } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { createTestMember, freshIdNumber } from '../../test-support/members.ts';

/**
 * 发展党员 from application to archive on the fake clock (细则 2026, 25 steps): each step recorded on its day by
 * the branch or the street committee; on approval the probationary member file with joinedOn = the branch
 * meeting's date and dues billed from that month; on approved regularisation full membership dated from the
 * end of probation. A second case goes through an approved extension and then a cancellation.
 */

const BRANCH = 'branch1';
const COMMITTEE = 'street1';

/** The same date `n` years on (the timeline's dates avoid Feb 29). */
const later = (d: string, n: number) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`;

for (const engine of engines) {
  describe(`development path (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};
    let groupId: string;
    let mentors: string[];

    before(async () => {
      s = await openTestServer(engine);
      for (const [k, name] of Object.entries({ street1: '中共明德区东城街道党工委', chunhui1: '春晖社区第一网格党支部' })) {
        org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
      }
      groupId = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE parent_id = ${org.chunhui1} AND kind = 'group' ORDER BY code LIMIT 1`))!.id;
      mentors = [(await createTestMember(s, BRANCH, org.chunhui1!, '联系人赵')).id, (await createTestMember(s, BRANCH, org.chunhui1!, '联系人钱')).id];
    });
    after(() => s.stop());

    /** Moves the fake clock forward to 10:00 Beijing time on `date`. */
    const on = (date: string) => {
      const target = Date.parse(`${date}T10:00:00+08:00`);
      const now = s.platform.clock.now().getTime();
      assert.ok(target >= now - 86_400_000, `the timeline goes forward: ${date}`);
      if (target > now) s.platform.clock.advance(target - now);
    };
    async function ok(user: string, method: string, url: string, body?: unknown) {
      const res = await s.request({ method, url, cookie: await s.login(user), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      assert.ok(res.statusCode === 200 || res.statusCode === 201, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    }
    /** Records a step on its own day, as the branch or the committee. */
    const take = async (caseId: string, user: string, body: Record<string, unknown> & { date: string }) => {
      on(body.date);
      return ok(user, 'POST', `/api/development/cases/${caseId}/steps`, { responsible: ['王书记'], ...body });
    };
    const vote = { votingShouldAttend: 40, votingPresent: 36, yes: 34, no: 1, abstain: 1 };

    /** Application (on `appliedOn`) to the committee's approval, `shift` years after the first timeline. */
    async function toApproval(name: string, shift: number) {
      const d = (x: string) => later(x, shift);
      on(d('2026-11-22'));
      const created = await ok(BRANCH, 'POST', '/api/development/cases', { orgId: org.chunhui1, name, idNumber: freshIdNumber().idNumber, appliedOn: d('2026-11-22'), phone: '13912345678' });
      const id = created.id as string;
      assert.equal(created.stage, 1);
      await take(id, BRANCH, { step: 'talk', date: d('2026-12-10'), talkers: ['王书记'], summary: '了解入党动机和对党的认识' });
      const activist = await take(id, BRANCH, { step: 3, date: d('2027-01-15'), nomination: 'member_recommendation', meeting: 'branch_committee' });
      assert.equal(activist.stage, 2);
      assert.equal(activist.activistOn, d('2027-01-15'));
      await take(id, COMMITTEE, { step: 'activist_filing', date: d('2027-01-20'), filedWithOrgId: org.street1 });
      await take(id, BRANCH, { step: 'mentors', date: d('2027-01-20'), mentorMemberIds: mentors });
      await take(id, BRANCH, { step: 'assessment', date: d('2027-07-10'), summary: '学习认真', conclusion: 'good' });
      await take(id, BRANCH, { step: 'assessment', date: d('2028-01-08'), summary: '表现突出', conclusion: 'good' });
      const candidate = await take(id, BRANCH, { step: 'candidate_decision', date: d('2028-01-18'), meeting: 'branch_committee', opinionsHeard: true });
      assert.equal(candidate.stage, 3);
      // The holiday calendar ships the years someone verified; for a later notice the committee records it with
      // an authorised override and its reason (第十三条: the five working days cannot be counted without it).
      const notice = await take(id, COMMITTEE, {
        step: 'candidate_consent_notice',
        date: d('2028-02-28'),
        consentOrgId: org.street1,
        consentOn: d('2028-02-20'),
        noticeFrom: d('2028-02-21'),
        noticeTo: d('2028-02-27'),
        noticePlace: '春晖社区公示栏',
        noticeResult: 'no_objection',
        override: { reason: '公示期内无法定节假日，已人工核对工作日' },
      });
      assert.equal(notice.candidateOn, d('2028-02-28'));
      await take(id, BRANCH, { step: 'sponsors', date: d('2028-03-01'), sponsorMemberIds: mentors });
      await take(id, BRANCH, { step: 'political_review', date: d('2028-03-10'), conclusion: 'pass', reviewOrg: '东城街道党工委', summary: '政治审查合格' });
      await take(id, COMMITTEE, { step: 'training', date: d('2028-03-20'), days: 3, provider: '东城街道党校' });
      const review = await take(id, BRANCH, { step: 'committee_review', date: d('2028-04-10'), conclusion: 'pass', committeePresent: 4, committeeSize: 5 });
      assert.equal(review.stage, 4);
      await take(id, COMMITTEE, { step: 'pre_review', date: d('2028-04-20'), conclusion: 'pass' });
      await take(id, BRANCH, { step: 'application_form', date: d('2028-04-25'), formNo: `RDZYS-${name}` });
      const accepted = await take(id, BRANCH, { step: 'branch_vote', date: d('2028-05-15'), ...vote, resolution: '同意接收为预备党员' });
      assert.equal(accepted.acceptedOn, d('2028-05-15'));
      assert.equal(accepted.memberId, null, 'no member file before the approval');
      await take(id, COMMITTEE, { step: 'committee_talk', date: d('2028-06-01'), talker: '李组织员', talkerRole: 'organiser', summary: '谈话合格' });
      const approved = await take(id, COMMITTEE, { step: 17, date: d('2028-07-10'), conclusion: 'approve' });
      return { id, approved };
    }

    test('application to archive: the member file on approval, dues from the acceptance month, full membership on regularisation', async () => {
      const { id, approved } = await toApproval('发展对象孙', 0);
      assert.equal(approved.approvedOn, '2028-07-10');
      assert.equal(approved.probationEndsOn, '2029-05-15', 'one year from the branch meeting (第三十一条)');
      const memberId = approved.memberId as string;
      assert.ok(memberId);
      const file = await ok(BRANCH, 'GET', `/api/members/${memberId}`);
      assert.deepEqual([file.orgId, file.status, file.state, file.joinedOn, file.fullMemberOn], [org.chunhui1, 'probationary', 'active', '2028-05-15', null]);
      assert.equal(file.name, '发展对象孙');
      assert.match(file.idNumber, /\*/);
      const unmasked = await ok('district', 'GET', `/api/members/${memberId}?unmask=idNumber,phone&reason=${encodeURIComponent('核对发展档案')}`);
      assert.equal(unmasked.phone, '13912345678', 'PII copied from the case');
      assert.equal(unmasked.birthDate, file.birthDate);
      const people = await rows<{ role: string; n: number }>(s.platform.database.db, sql`SELECT role, count(*)::int AS n FROM development_case_person WHERE case_id = ${id} GROUP BY role ORDER BY role`);
      assert.deepEqual(people, [{ role: 'mentor', n: 2 }, { role: 'sponsor', n: 2 }]);

      // 党费: a probationary member pays from the month the branch meeting accepted them.
      await ok(BRANCH, 'POST', `/api/members/${memberId}/dues/base`, { duesCategory: 'in_service', baseFen: 500100, effectiveMonth: '2028-01' });
      await ok(BRANCH, 'POST', '/api/dues/bills/generate', { orgId: org.chunhui1, month: '2028-07' });
      const bills = (await ok(BRANCH, 'GET', `/api/dues/bills?orgId=${org.chunhui1}&memberId=${memberId}&pageSize=50`)).items as { month: string }[];
      assert.deepEqual(bills.map((b) => b.month).sort(), ['2028-05', '2028-06', '2028-07']);

      await take(id, COMMITTEE, { step: 'approval_filing', date: '2028-07-15', filedWith: '明德区委组织部' });
      await take(id, BRANCH, { step: 'assign_group', date: '2028-07-20', groupId });
      assert.equal((await ok(BRANCH, 'GET', `/api/members/${memberId}`)).groupId, groupId);
      const oath = await take(id, BRANCH, { step: 'oath', date: '2028-08-01', place: '春晖社区党群服务中心' });
      assert.equal(oath.stage, 5);
      await take(id, BRANCH, { step: 'continued_education', date: '2028-11-01', summary: '参加组织生活，表现良好' });
      await take(id, BRANCH, { step: 'regularisation_application', date: '2029-04-20' });
      await take(id, BRANCH, { step: 'regularisation_vote', date: '2029-05-20', ...vote, outcome: 'regularise', resolution: '同意按期转为正式党员' });
      const regular = await take(id, COMMITTEE, { step: 'regularisation_approval', date: '2029-06-10', conclusion: 'approve' });
      assert.equal(regular.fullMemberOn, '2029-05-15', '党龄 from the end of probation (第三十三条)');
      const full = await ok(BRANCH, 'GET', `/api/members/${memberId}`);
      assert.deepEqual([full.status, full.fullMemberOn, full.joinedOn], ['full', '2029-05-15', '2028-05-15']);
      const history = (await ok(BRANCH, 'GET', `/api/members/${memberId}/history`)) as { kind: string }[];
      assert.ok(history.some((e) => e.kind === 'regularised'), JSON.stringify(history.map((e) => e.kind)));

      const archived = await take(id, BRANCH, { step: 'archive', date: '2029-06-20', archivedTo: 'committee', location: '东城街道党工委档案室' });
      assert.equal(archived.status, 'archived');
      assert.equal(archived.stage, 5);
      assert.deepEqual(archived.next, []);
      assert.equal(archived.steps.length, 26, 'the 25 steps, the six-monthly assessment twice');
      assert.deepEqual([...new Set(archived.steps.map((x: { number: number }) => x.number) as number[])].sort((a, b) => a - b), Array.from({ length: 25 }, (_, i) => i + 1));
      const notice = archived.steps.find((x: { key: string }) => x.key === 'candidate_consent_notice');
      assert.equal(notice.orgId, org.street1);
      const actions = ((await ok('auditor', 'GET', `/api/audit/events?targetId=${memberId}&pageSize=50`)).items as { action: string }[]).map((e) => e.action);
      assert.ok(actions.includes('member.create') && actions.includes('member.regularise'), actions.join(','));
    });

    test('an approved extension moves the end of probation; an approved cancellation ends the file and the case', async () => {
      const { id, approved } = await toApproval('发展对象李', 3);
      const memberId = approved.memberId as string;
      assert.equal(approved.probationEndsOn, '2032-05-15');
      await take(id, BRANCH, { step: 'assign_group', date: '2031-07-20' });
      await take(id, BRANCH, { step: 'oath', date: '2031-08-01', place: '春晖社区党群服务中心' });
      await take(id, BRANCH, { step: 'regularisation_application', date: '2032-04-20' });
      await take(id, BRANCH, { step: 'regularisation_vote', date: '2032-05-20', ...vote, outcome: 'extend', extensionMonths: 6, resolution: '延长预备期六个月' });
      const extended = await take(id, COMMITTEE, { step: 'regularisation_approval', date: '2032-06-10', conclusion: 'approve' });
      assert.equal(extended.probationEndsOn, '2032-11-15', 'one extension of 6 months (第三十一条)');
      assert.equal(extended.status, 'open');
      assert.equal((await ok(BRANCH, 'GET', `/api/members/${memberId}`)).status, 'probationary');

      await take(id, BRANCH, { step: 'regularisation_application', date: '2032-10-01' });
      await take(id, BRANCH, { step: 'regularisation_vote', date: '2032-10-20', ...vote, outcome: 'cancel', resolution: '取消预备党员资格' });
      const cancelled = await take(id, COMMITTEE, { step: 'regularisation_approval', date: '2032-11-01', conclusion: 'approve' });
      assert.equal(cancelled.status, 'stopped');
      assert.equal(cancelled.fullMemberOn, null);
      const file = await ok(BRANCH, 'GET', `/api/members/${memberId}`);
      assert.deepEqual([file.state, file.status, file.leftOn, file.leftReason], ['left', 'probationary', '2032-11-01', '取消预备党员资格']);
      const kinds = ((await ok(BRANCH, 'GET', `/api/members/${memberId}/history`)) as { kind: string }[]).map((e) => e.kind);
      assert.ok(kinds.includes('probation_extended') && kinds.includes('left'), kinds.join(','));
    });
  });
}
