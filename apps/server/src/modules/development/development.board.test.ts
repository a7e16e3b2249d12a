import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { one } from '../../platform/db/db.ts';
import { systemCtx } from '../../platform/context.ts';
import { developmentFiguresForStatistics } from './development.service.ts';

/**
 * 发展党员 boards over the demo seed (seed/demo-development.ts, today 2026-11-22): cases by stage, limits due soon and
 * overdue, plan vs actual, the share aged 35 and under, overrides shown upward; scope; the yearly plan; the figures
 * for statistics.
 */
for (const engine of engines) {
  describe(`development boards (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};

    before(async () => {
      s = await openTestServer(engine);
      const names = {
        district: '中共明德区委员会',
        east: '中共明德区东城街道党工委',
        west: '中共明德区西城街道党工委',
        chunhui: '中共明德区东城街道春晖社区委员会',
        chunhui1: '春晖社区第一网格党支部',
        heping1: '和平社区第一网格党支部',
      };
      for (const [k, name] of Object.entries(names)) org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
    });
    after(() => s.stop());

    async function call(user: string, method: string, url: string, body?: unknown) {
      const res = await s.request({ method, url, cookie: await s.login(user), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    }
    const ok = async (user: string, method: string, url: string, body?: unknown) => {
      const res = await call(user, method, url, body);
      assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`);
      return res.json();
    };
    type Item = { name: string; stepKey: string; kind: string; days: number; dueBy: string; article: string };

    test('a branch board: open cases by stage, the limits due soon and overdue, the override with its reason', async () => {
      const b = await ok('branch1', 'GET', `/api/development/board?orgId=${org.chunhui1}`);
      assert.equal(b.org.name, '春晖社区第一网格党支部');
      assert.equal(b.asOf, '2026-11-22');
      assert.equal(b.year, 2026);
      assert.deepEqual(
        b.stages.map((x: { open: number }) => x.open),
        [3, 2, 2, 1, 0],
      );
      assert.equal(b.open, 8, 'the case whose vote was not adopted is stopped, not open');
      const items = b.deadlines.items as Item[];
      assert.deepEqual(
        items.map((d) => [d.name, d.stepKey, d.kind, d.article]),
        [
          ['赵一鸣', 'assessment', 'overdue', '第十一条'],
          ['周子航', 'talk', 'overdue', '第七条'],
          ['郑凯文', 'branch_vote', 'due_soon', '第十九条'],
          ['林晓雨', 'talk', 'due_soon', '第七条'],
        ],
      );
      assert.deepEqual([b.deadlines.overdue, b.deadlines.dueSoon, b.deadlines.dueSoonDays, b.deadlines.truncated], [2, 2, 14, false]);
      assert.deepEqual(
        items.map((d) => d.days),
        [-55, -9, 8, 10],
      );
      assert.equal(items[1]!.dueBy, '2026-11-13', 'applied 2026-10-13: talk within one month');
      assert.equal(b.overrides.count, 1);
      const o = b.overrides.items[0];
      assert.deepEqual([o.name, o.stepKey, o.stepNumber, o.stepName], ['吴雅琴', 'talk', 2, '党组织派人谈话']);
      assert.match(o.reason, /外出务工/);
      assert.deepEqual(o.overridden, [{ code: 'DEVELOPMENT_TIME_LIMIT', rule: 'talk_within_1_month', article: '第七条', zh: '收到入党申请书后一个月内派人谈话' }]);
      assert.deepEqual(b.children, [], 'a branch has no children on the board');
    });

    test('upward: the street and the district see the subtree, per child, with overrides and the year’s approvals', async () => {
      const street = await ok('street1', 'GET', `/api/development/board?orgId=${org.east}`);
      assert.deepEqual([street.open, street.deadlines.overdue, street.deadlines.dueSoon, street.overrides.count], [8, 2, 2, 1]);
      const chunhui = street.children.find((c: { orgId: string }) => c.orgId === org.chunhui);
      assert.deepEqual([chunhui.open, chunhui.byStage, chunhui.overdue, chunhui.dueSoon], [8, [3, 2, 2, 1, 0], 2, 2]);
      assert.ok(street.children.filter((c: { orgId: string }) => c.orgId !== org.chunhui).every((c: { open: number }) => c.open === 0));

      const district = await ok('district', 'GET', '/api/development/board');
      assert.equal(district.org.id, org.district, 'no orgId: the caller’s widest scope');
      assert.deepEqual(
        district.stages.map((x: { open: number }) => x.open),
        [4, 3, 2, 2, 1],
      );
      const west = district.children.find((c: { orgId: string }) => c.orgId === org.west);
      assert.deepEqual([west.open, west.byStage, west.actual], [4, [1, 1, 0, 1, 1], 1]);
      // 徐梦瑶 (born 1997-03-19) was approved in 2026: one new member, aged 35 or under on the approval date.
      assert.deepEqual(district.youth, { age: 35, approved: 1, youth: 1, percent: 100 });
      assert.equal(district.plan.actual, 1);
      assert.equal(district.overrides.items[0].name, '吴雅琴', 'upper levels see the override');
      // Another year: nothing approved, nothing to share.
      const y2025 = await ok('district', 'GET', '/api/development/board?year=2025');
      assert.deepEqual([y2025.plan.actual, y2025.youth.approved, y2025.youth.percent], [0, 0, null]);
    });

    test('scope: out of scope 404, no right 403, bad input 400', async () => {
      assertError(await call('branch2', 'GET', `/api/development/board?orgId=${org.chunhui1}`), 404, 'NOT_FOUND');
      assertError(await call('street2', 'GET', `/api/development/board?orgId=${org.east}`), 404, 'NOT_FOUND');
      assertError(await call('member1', 'GET', '/api/development/board'), 403, 'FORBIDDEN');
      assertError(await call('admin', 'GET', '/api/development/board'), 403, 'FORBIDDEN');
      assertError(await call('branch1', 'GET', '/api/development/board?orgId=nope'), 400, 'VALIDATION_FAILED', 'orgId');
      assertError(await call('branch1', 'GET', '/api/development/board?year=1999'), 400, 'VALIDATION_FAILED', 'year');
      // branch2 sees only its own branch: no override of 春晖 leaks.
      const own = await ok('branch2', 'GET', '/api/development/board');
      assert.deepEqual([own.org.id, own.open, own.overrides.count], [org.heping1, 4, 0]);
      const overrides = await ok('branch2', 'GET', '/api/development/overrides');
      assert.deepEqual([overrides.items, overrides.total], [[], 0]);
      assertError(await call('branch2', 'GET', `/api/development/overrides?orgId=${org.east}`), 404, 'NOT_FOUND');
    });

    test('the overrides list, paged, for upper levels', async () => {
      const page = await ok('street1', 'GET', '/api/development/overrides?pageSize=1');
      assert.deepEqual([page.total, page.page, page.pageSize, page.items.length], [1, 1, 1, 1]);
      assert.equal(page.items[0].actor, '区委组织部');
      assertError(await call('street1', 'GET', '/api/development/overrides?pageSize=500'), 400, 'VALIDATION_FAILED', 'pageSize');
    });

    test('the yearly plan: PUT by an org in scope (audited), plan against actual on the board, dates from settings', async () => {
      const put = await ok('street2', 'PUT', `/api/development/plans/${org.west}/2026`, { planned: 3 });
      assert.deepEqual([put.orgId, put.year, put.planned, put.actual, put.remaining], [org.west, 2026, 3, 1, 2]);
      assert.deepEqual([put.planDueOn, put.planMissing, put.quotaDueOn, put.quotaDaysLeft], ['2026-03-31', false, '2026-11-30', 8]);
      assert.ok(put.updatedAt);
      const again = await ok('street2', 'PUT', `/api/development/plans/${org.west}/2026`, { planned: 4 });
      assert.equal(again.planned, 4);
      const events = (await ok('auditor', 'GET', `/api/audit/events?targetId=${org.west}&pageSize=50`)).items as { action: string; details: Record<string, unknown> }[];
      const set = events.filter((e) => e.action === 'development.plan.set');
      assert.equal(set.length, 2);
      assert.ok(set.some((e) => e.details.planned === 4 && e.details.before === 3 && e.details.year === 2026), JSON.stringify(set));

      const district = await ok('district', 'GET', '/api/development/board');
      assert.deepEqual([district.plan.planned, district.plan.planMissing], [null, true], 'the district set none and 03-31 has passed');
      const west = district.children.find((c: { orgId: string }) => c.orgId === org.west);
      assert.deepEqual([west.planned, west.actual], [4, 1]);
      assert.equal((await ok('street2', 'GET', `/api/development/plans/${org.west}/2026`)).planned, 4);
      assert.equal((await ok('street2', 'GET', `/api/development/plans/${org.west}/2027`)).planned, null);

      // The plan and quota dates are settings.
      await ok('district', 'PUT', `/api/orgs/${org.west}/settings/development.quotaDueDate`, { value: '12-15' });
      assert.equal((await ok('street2', 'GET', `/api/development/plans/${org.west}/2026`)).quotaDueOn, '2026-12-15');

      assertError(await call('street1', 'PUT', `/api/development/plans/${org.west}/2026`, { planned: 1 }), 404, 'NOT_FOUND');
      assertError(await call('member1', 'PUT', `/api/development/plans/${org.chunhui1}/2026`, { planned: 1 }), 403, 'FORBIDDEN');
      assertError(await call('street2', 'PUT', `/api/development/plans/${org.west}/2026`, { planned: -1 }), 400, 'VALIDATION_FAILED', 'planned');
      assertError(await call('street2', 'PUT', `/api/development/plans/${org.west}/2026`, {}), 400, 'VALIDATION_FAILED', 'planned');
      assertError(await call('street2', 'PUT', `/api/development/plans/${org.west}/20x6`, { planned: 1 }), 400, 'VALIDATION_FAILED', 'year');
    });

    test('figures for the statistics module: the pipeline of a subtree', async () => {
      const root = (await one<{ path: string }>(s.platform.database.db, sql`SELECT path FROM org WHERE id = ${org.district}`))!.path;
      const f = await developmentFiguresForStatistics(systemCtx(s.platform), { path: root });
      assert.deepEqual(f, {
        applicants: 4,
        activists: 3,
        candidates: 2,
        inAcceptance: 2,
        probationaryInProcess: 1,
        approvedThisYear: 1,
        approvedYouth: 1,
        youthAge: 35,
        youthPercent: 100,
        overdueSteps: 2,
        overrides: 1,
      });
      const eastPath = (await one<{ path: string }>(s.platform.database.db, sql`SELECT path FROM org WHERE id = ${org.east}`))!.path;
      const east = await developmentFiguresForStatistics(systemCtx(s.platform), { path: eastPath });
      assert.deepEqual([east.applicants, east.probationaryInProcess, east.approvedThisYear, east.youthPercent], [3, 0, 0, null]);
    });
  });
}
