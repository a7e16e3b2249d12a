import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rolePermissions, type Role } from '@xianfeng/contracts/account/account.permissions';
import { meetingTypes } from '@xianfeng/contracts/life/life.enums';
import type { MinutesView } from '@xianfeng/contracts/life/life.schemas';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe, type TreeNode } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { systemCtx, type Actor } from '../../platform/context.ts';
import type { AppError } from '../../platform/http/errors.ts';
import { subtreeComplianceItems } from './life.compliance.ts';
import { findAttendees, findMeeting } from './life.repository.ts';
import { approvalHashInput, defaultComplianceRules, type ComplianceItem } from './life.rules.ts';
import { complianceCountsForStatistics } from './life.stats.ts';

const MIN = 60_000;
const order = ['overdue', 'due_soon', 'not_due', 'met', 'not_applicable'];
const QUARTERLY_LECTURE = [{ rule: 'party_lecture', every: 'quarter', required: 1, source: '春晖社区党委：党课每季度一次' }];

for (const engine of engines) {
  describe(`compliance with local rules, for upper levels and statistics (${engine})`, () => {
    let s: TestServer;
    let community: TreeNode;
    let otherCommunity: TreeNode;
    let branch: TreeNode;
    let otherBranch: TreeNode;
    const pathOf = async (id: string) => (await one<{ path: string }>(s.platform.database.db, sql`SELECT path FROM org WHERE id = ${id}`))!.path;
    /** A service context acting as an org admin of `orgId` (what the completion sheet's route will pass). */
    const adminCtx = async (orgId: string) => {
      const actor: Actor = { accountId: randomUUID(), username: 'test-admin', kind: 'staff', displayName: null, memberId: null, grants: [{ role: 'org_admin' as Role, orgId, orgPath: await pathOf(orgId), permissions: rolePermissions.org_admin }] };
      return systemCtx(s.platform, actor);
    };

    before(async () => {
      s = await openTestServer(engine);
      community = (await call('community1', 'GET', '/api/orgs/tree')).json()[0];
      otherCommunity = (await call('community2', 'GET', '/api/orgs/tree')).json()[0];
      branch = (await call('branch1', 'GET', '/api/orgs/tree')).json()[0];
      otherBranch = (await call('branch2', 'GET', '/api/orgs/tree')).json()[0];
    });
    after(() => s.stop());

    async function call(user: string | null, method: string, url: string, body?: unknown) {
      const res = await s.request({ method, url, ...(user ? { cookie: await s.login(user) } : {}), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    }
    const setting = async (orgId: string, key: string, value: unknown, user = 'community1') => {
      const res = await call(user, 'PUT', `/api/orgs/${orgId}/settings/${key}`, { value });
      assert.equal(res.statusCode, 200, res.body);
    };
    const itemsOf = async (user: string, orgId: string, period: string) => {
      const res = await call(user, 'GET', `/api/orgs/${orgId}/compliance?period=${period}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items as ComplianceItem[];
    };
    const lectures = (items: ComplianceItem[]) => items.filter((i) => i.rule === 'party_lecture').map((i) => [i.period, i.source]);

    test('党课 quarterly set on one community: its branches get four items a year, the other community keeps one; the board follows each branch', async () => {
      await setting(community.id, 'life.localRules', QUARTERLY_LECTURE);
      const quarterly = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map((p) => [p, '春晖社区党委：党课每季度一次']);
      assert.deepEqual(lectures(await itemsOf('branch1', branch.id, '2026')), quarterly);
      assert.deepEqual(lectures(await itemsOf('branch2', otherBranch.id, '2026')), [['2026', '支部工作条例 第十五条']]);
      // The life plan proposes this quarter's lecture (the seed's model branch held its last one in September).
      const plan = (await call('branch1', 'GET', `/api/orgs/${branch.id}/life-plan?month=2026-12`)).json();
      assert.ok(plan.proposals.some((p: { type: string; period: string; source: string }) => p.type === 'party_lecture' && p.period === '2026-Q4' && p.source.startsWith('春晖')), JSON.stringify(plan.proposals));

      // One set-based pass over the whole district judges each branch by its own settings.
      const district = (await call('district', 'GET', '/api/orgs/tree')).json()[0] as TreeNode;
      const sheet = await subtreeComplianceItems(await adminCtx(district.id), { id: district.id, period: '2026' });
      const row = (id: string) => sheet.branches.find((b) => b.orgId === id)!;
      assert.deepEqual(lectures(row(branch.id).items), quarterly);
      assert.deepEqual(lectures(row(otherBranch.id).items), [['2026', '支部工作条例 第十五条']]);
      assert.deepEqual(row(branch.id).items, await itemsOf('branch1', branch.id, '2026'), 'the board and the branch agree item for item');
      // The board's counts add up the same items.
      const board = (await call('community1', 'GET', `/api/orgs/${community.id}/compliance/branches?period=2026&pageSize=100`)).json();
      const mine = board.items.find((b: { orgId: string }) => b.orgId === branch.id);
      assert.equal(Object.values(mine.counts as Record<string, number>).reduce((a, b) => a + b, 0), row(branch.id).items.length);

      // A branch below may set its own (nearest wins); clearing restores the default.
      await setting(branch.id, 'life.localRules', [{ rule: 'party_lecture', every: 'month', required: 1, source: '本支部：每月一课' }]);
      assert.equal(lectures(await itemsOf('branch1', branch.id, '2026-Q4')).length, 3);
      await setting(branch.id, 'life.localRules', null);
      await setting(community.id, 'life.localRules', null);
      assert.deepEqual(lectures(await itemsOf('branch1', branch.id, '2026')), [['2026', '支部工作条例 第十五条']]);
    });

    test('local rules: bad values refused naming the field; another community’s admin cannot set them (404); a secretary cannot (403)', async () => {
      assertError(await call('community1', 'PUT', `/api/orgs/${community.id}/settings/life.localRules`, { value: [{ rule: 'party_lecture', every: 'fortnight', required: 1, source: 'x' }] }), 400, 'SETTING_VALUE_INVALID', 'value');
      assertError(await call('community1', 'PUT', `/api/orgs/${community.id}/settings/life.localRules`, { value: [{ rule: 'party_lecture', every: 'quarter', required: 0, source: 'x' }] }), 400, 'SETTING_VALUE_INVALID', 'value');
      assertError(await call('community2', 'PUT', `/api/orgs/${community.id}/settings/life.localRules`, { value: QUARTERLY_LECTURE }), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'PUT', `/api/orgs/${branch.id}/settings/life.localRules`, { value: QUARTERLY_LECTURE }), 403, 'FORBIDDEN');
      assert.deepEqual(lectures(await itemsOf('branch1', branch.id, '2026')), [['2026', '支部工作条例 第十五条']], 'nothing was stored');
    });

    test('a custom type with a frequency is a rule (source 本地规定), its meetings count, and the meetings read reach back over its own period', async () => {
      await setting(community.id, 'life.customTypes', [{ id: 'custom_volunteer', label: '志愿服务日', appliesTo: 'branch', every: 'quarter', required: 1 }]);
      // Every other rule made monthly on this branch: only the custom rule needs more than the month asked about.
      await setting(branch.id, 'life.localRules', defaultComplianceRules.filter((r) => r.every !== 'month').map((r) => ({ rule: r.rule, every: 'month', required: 1, source: '测试：按月' })));
      const custom = async (period: string) => (await itemsOf('branch1', branch.id, period)).filter((i) => i.rule === 'custom_volunteer');
      assert.deepEqual((await custom('2026-11')).map((i) => [i.period, i.held, i.status, i.source]), [['2026-Q4', 0, 'not_due', '本地规定']]);
      assert.deepEqual((await itemsOf('branch2', otherBranch.id, '2026-11')).filter((i) => i.rule === 'custom_volunteer'), [], 'not a rule in the other community');

      // Held in October (recorded late), confirmed: it counts for the quarter when November is asked about.
      const res = await call('branch1', 'POST', '/api/meetings', {
        orgId: branch.id,
        type: 'custom_volunteer',
        title: '志愿服务日：清理楼道堆物',
        startsAt: '2026-10-17T09:00:00+08:00',
        endsAt: '2026-10-17T11:00:00+08:00',
        place: '春晖小区',
        lateEntryReason: '活动当天未在系统登记，会后补录',
      });
      assert.equal(res.statusCode, 201, res.body);
      await s.platform.database.db.execute(sql`UPDATE meeting SET status = 'confirmed' WHERE id = ${res.json().id}`);
      assert.deepEqual((await custom('2026-11')).map((i) => [i.period, i.held, i.lateEntries, i.status]), [['2026-Q4', 1, 1, 'met']]);
      // The board reads as far back for the same reason.
      const sheet = await subtreeComplianceItems(await adminCtx(community.id), { id: community.id, period: '2026-11' });
      const row = sheet.branches.find((b) => b.orgId === branch.id)!;
      assert.deepEqual(row.items.filter((i) => i.rule === 'custom_volunteer').map((i) => [i.period, i.held, i.status]), [['2026-Q4', 1, 'met']]);
      assert.ok(sheet.branches.filter((b) => b.orgId !== branch.id).every((b) => b.items.some((i) => i.rule === 'custom_volunteer' && i.held === 0)), 'the community’s other branches have the rule, not the meeting');

      await setting(branch.id, 'life.localRules', null);
      await setting(community.id, 'life.customTypes', null);
      assert.deepEqual(await custom('2026-11'), []);
    });

    test('subtreeComplianceItems: every branch with its items, worst first then by code; scoped like the board; period checked', async () => {
      const sheet = await subtreeComplianceItems(await adminCtx(community.id), { id: community.id, period: '2026-Q4' });
      assert.equal(sheet.period, '2026-Q4');
      const expected = await rows<{ id: string }>(
        s.platform.database.db,
        sql`SELECT o.id FROM org o WHERE o.parent_id = ${community.id} AND o.kind IN ('branch', 'joint_branch', 'temporary_branch', 'general_branch') AND o.dissolved_on IS NULL`,
      );
      assert.deepEqual(sheet.branches.map((b) => b.orgId).sort(), expected.map((r) => r.id).sort());
      sheet.branches.forEach((b, i) => {
        const worst = order.find((w) => b.items.some((x) => x.status === w)) ?? 'not_applicable';
        assert.equal(b.worst, worst, b.name);
        assert.ok(b.items.every((x) => x.orgId === b.orgId));
        const prev = sheet.branches[i - 1];
        if (prev) assert.ok(order.indexOf(prev.worst) < order.indexOf(b.worst) || (prev.worst === b.worst && prev.code.localeCompare(b.code) < 0), `${prev.code} before ${b.code}`);
      });
      const summary = (await call('community1', 'GET', `/api/orgs/${community.id}/compliance/summary?period=2026-Q4`)).json();
      for (const w of order) assert.equal(sheet.branches.filter((b) => b.worst === w).length, summary.byWorst[w], w);
      assert.deepEqual(sheet.branches.find((b) => b.orgId === branch.id)!.items, await itemsOf('branch1', branch.id, '2026-Q4'));

      await assert.rejects(subtreeComplianceItems(await adminCtx(otherCommunity.id), { id: community.id, period: '2026-Q4' }), (e) => (e as AppError).code === 'NOT_FOUND');
      await assert.rejects(subtreeComplianceItems(await adminCtx(community.id), { id: community.id, period: '2026-Q5' }), (e) => (e as AppError).code === 'VALIDATION_FAILED' && (e as AppError).details?.[0]?.path === 'period');
      await assert.rejects(subtreeComplianceItems(systemCtx(s.platform, null), { id: community.id, period: '2026-Q4' }), (e) => [401, 403].includes((e as AppError).status));
    });

    test('statistics: the board’s counts and the meetings held in the period, by type, with late entries', async () => {
      const path = await pathOf(community.id);
      const stats = await complianceCountsForStatistics(systemCtx(s.platform), { orgPath: path, period: '2026-Q4' });
      const summary = (await call('community1', 'GET', `/api/orgs/${community.id}/compliance/summary?period=2026-Q4`)).json();
      assert.deepEqual({ period: stats.period, branches: stats.branches, byWorst: stats.byWorst }, { period: '2026-Q4', branches: summary.branches, byWorst: summary.byWorst });
      const db = await rows<{ type: string; n: number; late: number }>(
        s.platform.database.db,
        sql`SELECT mt.type, count(*)::int AS n, (count(*) FILTER (WHERE mt.late_entry))::int AS late FROM meeting mt JOIN org o ON o.id = mt.org_id
            WHERE o.path LIKE ${`${path}%`} AND mt.status IN ('confirmed', 'approved')
              AND mt.starts_at >= '2026-10-01T00:00:00+08:00' AND mt.starts_at < '2027-01-01T00:00:00+08:00' GROUP BY mt.type`,
      );
      assert.ok(db.length > 0, 'the demo seed held meetings this quarter');
      assert.equal(stats.meetings.held, db.reduce((a, r) => a + Number(r.n), 0));
      assert.equal(stats.meetings.lateEntries, db.reduce((a, r) => a + Number(r.late), 0));
      for (const t of meetingTypes) assert.equal(stats.meetings.byType[t], Number(db.find((r) => r.type === t)?.n ?? 0), t);
      // Nothing under an unknown path; a bad period names the field.
      const none = await complianceCountsForStatistics(systemCtx(s.platform), { orgPath: '/zzzz/', period: '2026' });
      assert.deepEqual([none.branches, none.meetings.held, Object.values(none.byWorst).reduce((a, b) => a + b, 0)], [0, 0, 0]);
      await assert.rejects(complianceCountsForStatistics(systemCtx(s.platform), { orgPath: path, period: '2026-13' }), (e) => (e as AppError).code === 'VALIDATION_FAILED');
    });

    test('the demo year: a true mix on the community board; late entries with reasons; one returned; approved records hashed as the review step does', async () => {
      const board = (await call('community1', 'GET', `/api/orgs/${community.id}/compliance/branches?period=2026-Q4&pageSize=100`)).json();
      const worstOf = (name: string) => board.items.find((b: { name: string }) => b.name === name)?.worst;
      assert.equal(worstOf('春晖社区第三网格党支部'), 'overdue', 'gaps: October has no theme day');
      assert.equal(worstOf('春晖社区第二网格党支部'), 'overdue', 'its October committee record was returned');
      assert.notEqual(worstOf(branch.name), 'overdue');
      assert.ok(!(await itemsOf('branch1', branch.id, '2026')).some((i) => i.status === 'overdue'), 'the model branch is complete for the year');

      // Late entries of the branch and its 党小组s: each with its reason, each entered after the start.
      const late = await rows<{ reason: string | null; after: boolean }>(
        s.platform.database.db,
        sql`SELECT mt.late_entry_reason AS reason, mt.created_at > mt.starts_at AS after FROM meeting mt JOIN org o ON o.id = mt.org_id LEFT JOIN org p ON p.id = o.parent_id
            WHERE '春晖社区第二网格党支部' IN (o.name, p.name) AND mt.late_entry`,
      );
      assert.ok(late.length >= 3 && late.every((l) => l.reason && l.after), JSON.stringify(late));
      const returned = await one<{ comment: string }>(
        s.platform.database.db,
        sql`SELECT mt.minutes->'review'->>'comment' AS comment FROM meeting mt JOIN org o ON o.id = mt.org_id WHERE o.name = '春晖社区第二网格党支部' AND mt.status = 'returned'`,
      );
      assert.match(returned?.comment ?? '', /缺席人员/);

      // The hash `reviewMinutes` gives: the previous approved record's hash in the org, the meeting, the minutes
      // (as read back, with the review as written) and the attendees as listed.
      const approved = await rows<{ id: string; minutes: MinutesView }>(
        s.platform.database.db,
        sql`SELECT id, minutes FROM meeting WHERE org_id = ${branch.id} AND status = 'approved' ORDER BY updated_at, id`,
      );
      assert.ok(approved.length > 20);
      let prev: string | null = null;
      for (const a of approved) {
        const m = (await findMeeting(s.platform.database.db, a.id))!;
        const { decision, comment, by, at } = a.minutes.review!;
        const recomputed = s.platform.crypto.sm3(
          approvalHashInput({ prev, meeting: m, minutes: { ...a.minutes, review: { decision, comment, by, at } }, attendees: await findAttendees(s.platform.database.db, m.id) }),
        );
        assert.equal(a.minutes.hash, recomputed, `${m.title} (${a.id})`);
        prev = a.minutes.hash;
      }
      // Approving a seeded confirmed record chains onto the seed's last hash.
      const confirmed = await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM meeting WHERE org_id = ${branch.id} AND status = 'confirmed' ORDER BY starts_at LIMIT 1`);
      assert.ok(confirmed);
      s.platform.clock.advance(MIN);
      const res = await call('community1', 'POST', `/api/meetings/${confirmed.id}/review`, { decision: 'approve' });
      assert.equal(res.statusCode, 200, res.body);
      const m = (await findMeeting(s.platform.database.db, confirmed.id))!;
      const after = res.json() as MinutesView;
      const stored = (await one<{ minutes: MinutesView }>(s.platform.database.db, sql`SELECT minutes FROM meeting WHERE id = ${m.id}`))!.minutes;
      const again = s.platform.crypto.sm3(approvalHashInput({ prev, meeting: m, minutes: { ...stored, review: after.review }, attendees: await findAttendees(s.platform.database.db, m.id) }));
      assert.equal(after.hash, again);
    });
  });
}
