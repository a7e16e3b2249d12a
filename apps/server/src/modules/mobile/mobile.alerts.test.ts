import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertSafe } from '../../test-support/assertions.ts';
import { one } from '../../platform/db/db.ts';
import { systemCtx } from '../../platform/context.ts';
import { createTestMember, freshIdNumber } from '../../test-support/members.ts';
import { rolePermissions } from '@xianfeng/contracts/account/account.permissions';
import { importOutflows, mobileFiguresForStatistics, scanMobileAlerts, type OutflowImportItem } from './mobile.service.ts';

/**
 * The hourly `mobile.alert_scan`: six months at a fixed place without a transfer (第二十五条) and no contact for
 * six months (第二十四条) alert the branch and one level up; an overdue yearly report alerts the branch; an inflow
 * member here six months alerts the host. Each case once, however often the scan runs. Clock: 2026-11-22.
 */
for (const engine of engines) {
  describe(`mobile alert scan (${engine})`, () => {
    let s: TestServer;
    let chunhui1: string;

    before(async () => {
      s = await openTestServer(engine);
      chunhui1 = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = '春晖社区第一网格党支部'`))!.id;
    });
    after(() => s.stop());

    async function ok(user: string, method: string, url: string, body?: unknown) {
      const res = await s.request({ method, url, cookie: await s.login(user), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      assert.ok(res.statusCode === 200 || res.statusCode === 201, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    }
    const titles = async (user: string, title: string) => ((await ok(user, 'GET', '/api/notifications?pageSize=100')).items as { title: string }[]).filter((n) => n.title === title).length;
    const register = async (name: string, over: Record<string, unknown>) => {
      const memberId = (await createTestMember(s, 'branch1', chunhui1, name)).id;
      return ok('branch1', 'POST', '/api/mobile/outflows', { memberId, destination: '广东省东莞市', reason: '外出务工', fixedPlace: false, ...over });
    };

    test('each case alerts its people once: the branch, and one level up where the rule is grave', async () => {
      await register('预警甲', { leftOn: '2026-05-10', fixedPlace: true }).then((o) => ok('branch1', 'POST', `/api/mobile/outflows/${o.id}/reports`, { kind: 'contact', reportedOn: '2026-11-01', content: '电话联系' }));
      await register('预警乙', { leftOn: '2026-04-01' });
      const c = await register('预警丙', { leftOn: '2025-10-01' });
      await ok('branch1', 'POST', `/api/mobile/outflows/${c.id}/reports`, { kind: 'contact', reportedOn: '2026-11-10', content: '电话联系，提醒书面汇报' });
      await register('预警丁', { leftOn: '2026-10-01', fixedPlace: true });
      await ok('branch1', 'POST', '/api/mobile/inflows', { hostOrgId: chunhui1, name: '预警戊', idNumber: freshIdNumber().idNumber, homeOrgName: '中共某市某街道工作委员会', arrivedOn: '2026-04-15' });

      const first = await scanMobileAlerts(systemCtx(s.platform));
      assert.ok(first.transferDue >= 1 && first.lostContact >= 1 && first.reportDue >= 1 && first.inflowTransferDue >= 1, JSON.stringify(first));
      const expected: [string, number, number][] = [
        ['流动党员应转接组织关系：预警甲', 1, 1],
        ['流动党员长期未联系：预警甲', 0, 0],
        ['流动党员长期未联系：预警乙', 1, 1],
        ['流动党员汇报逾期：预警丙', 1, 0],
        ['流动党员长期未联系：预警丙', 0, 0],
        ['流动党员应转接组织关系：预警丁', 0, 0],
        ['流入党员应转接组织关系：预警戊', 1, 0],
      ];
      const check = async () => {
        for (const [title, branch, up] of expected) {
          assert.equal(await titles('branch1', title), branch, `branch1: ${title}`);
          assert.equal(await titles('community1', title), up, `community1 (one level up): ${title}`);
          assert.equal(await titles('street1', title), 0, `street1 (two levels up): ${title}`);
        }
      };
      await check();
      assert.deepEqual(await scanMobileAlerts(systemCtx(s.platform)), { transferDue: 0, lostContact: 0, reportDue: 0, inflowTransferDue: 0 }, 'nothing twice');
      // The registered job does the same, hourly.
      await s.jobs.drain();
      s.platform.clock.advance(2 * 3600_000);
      try {
        await s.jobs.drain();
        await check();
        const job = await one<{ state: string }>(s.platform.database.db, sql`SELECT state FROM job WHERE name = 'mobile.alert_scan' ORDER BY created_at DESC LIMIT 1`);
        assert.equal(job?.state, 'done');
      } finally {
        s.platform.clock.advance(-2 * 3600_000);
      }
    });

    test('the scan reads every candidate a page at a time, not only the first page', async () => {
      await register('分页甲', { leftOn: '2026-04-02' });
      // A page of one: the older candidates (already alerted) come first; the new one must still be reached.
      const r = await scanMobileAlerts(systemCtx(s.platform), { batch: 1 });
      assert.equal(r.lostContact, 1, JSON.stringify(r));
      assert.equal(await titles('branch1', '流动党员长期未联系：分页甲'), 1);
      assert.equal((await scanMobileAlerts(systemCtx(s.platform), { batch: 1 })).lostContact, 0, 'nothing twice');
    });

    test('figures for the statistics module count the subtree', async () => {
      const path = (await one<{ path: string }>(s.platform.database.db, sql`SELECT path FROM org WHERE id = ${chunhui1}`))!.path;
      const before = await mobileFiguresForStatistics(systemCtx(s.platform), { path });
      await register('统计甲', { leftOn: '2026-11-01' });
      const after = await mobileFiguresForStatistics(systemCtx(s.platform), { path });
      assert.equal(after.outflowByStatus.away, before.outflowByStatus.away + 1);
      assert.equal(after.outflowOpen, before.outflowOpen + 1);
      assert.ok(after.inflowHosted >= 1);
    });

    test('the set-based import: same rules and encryption, all or nothing, one audit event', async () => {
      const org = (name: string) => one<{ id: string; path: string }>(s.platform.database.db, sql`SELECT id, path FROM org WHERE name = ${name}`);
      const branch = (await org('春晖社区第一网格党支部'))!;
      const ctx = {
        ...systemCtx(s.platform),
        actor: { accountId: '00000000-0000-4000-8000-000000000001', username: 'import-test', kind: 'staff' as const, displayName: '导入测试', memberId: null, grants: [{ role: 'secretary' as const, orgId: branch.id, orgPath: branch.path, permissions: rolePermissions.secretary }] },
      };
      const a = (await createTestMember(s, 'branch1', chunhui1, '导入甲')).id;
      const b = (await createTestMember(s, 'branch2', (await org('和平社区第一网格党支部'))!.id, '导入乙')).id;
      const item = (memberId: string): OutflowImportItem => ({
        memberId,
        destination: '福建省厦门市',
        inflowOrgName: null,
        reason: '外出务工',
        contactPhone: '13655556666',
        contactNote: null,
        leftOn: '2026-02-01',
        expectedReturnOn: null,
        fixedPlace: true,
        reports: [{ kind: 'activity', reportedOn: '2026-06-01', content: '参加主题党日' }],
        certificate: true,
      });
      const count = async () => (await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM mobile_outflow`))!.n;
      const before = await count();
      await assert.rejects(importOutflows(ctx, { items: [item(a), item(b)], source: 'test' }), (e: { code?: string }) => e.code === 'NOT_FOUND', 'a member out of scope');
      await assert.rejects(importOutflows(ctx, { items: [{ ...item(a), leftOn: '2030-01-01' }], source: 'test' }), (e: { code?: string }) => e.code === 'MOBILE_DATES_INVALID');
      assert.equal(await count(), before, 'nothing written');
      assert.deepEqual(await importOutflows(ctx, { items: [item(a)], source: 'test' }), { outflows: 1, reports: 1, certificates: 1 });
      const row = (await one<{ t: string; last: string; cert: string }>(s.platform.database.db, sql`SELECT row_to_json(f)::text AS t, last_contact_on::text AS last, certificate_no AS cert FROM mobile_outflow f WHERE member_id = ${a}`))!;
      assert.ok(!row.t.includes('13655556666'));
      assert.equal(row.last, '2026-06-01');
      assert.match(row.cert, /^20261122\d{6}$/);
      const view = (await ok('branch1', 'GET', `/api/mobile/outflows?orgId=${chunhui1}&q=导入甲`)).items[0];
      assert.deepEqual([view.contactPhone, view.alerts.transferDue, view.lastReportOn], ['136****6666', true, '2026-06-01']);
      await assert.rejects(importOutflows(ctx, { items: [item(a)], source: 'test' }), (e: { code?: string }) => e.code === 'MOBILE_OUTFLOW_EXISTS');
    });
  });
}
