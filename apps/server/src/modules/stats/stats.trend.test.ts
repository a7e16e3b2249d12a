import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { createTestMember } from '../../test-support/members.ts';
import { one, rows } from '../../platform/db/db.ts';
import { systemCtx } from '../../platform/context.ts';
import { monthEndsBefore } from './stats.trend.ts';
import { takeMonthSnapshots } from './stats.service.ts';

/**
 * Trends (docs/stats.md "Trends"), both engines, on the fake clock (2026-11-22): month-ends before the snapshots are
 * computed from history and stored; the hourly job `stats.month_snapshot` takes the month that ended from the
 * rollups at its first run after the turn, once; a stored month is frozen while the live point moves.
 */

interface Point {
  month: string;
  asOf: string;
  total: number;
  full: number;
  probationary: number;
  source: string;
}

test('month-ends before today, oldest first; the last day of a month is not yet its end', () => {
  assert.deepEqual(monthEndsBefore('2026-03-15', 3), [
    { month: '2025-12', lastDay: '2025-12-31' },
    { month: '2026-01', lastDay: '2026-01-31' },
    { month: '2026-02', lastDay: '2026-02-28' },
  ]);
  assert.deepEqual(monthEndsBefore('2024-03-31', 1), [{ month: '2024-02', lastDay: '2024-02-29' }]);
  assert.deepEqual(monthEndsBefore('2026-01-01', 1), [{ month: '2025-12', lastDay: '2025-12-31' }]);
});

for (const engine of engines) {
  describe(`stats trend (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};

    before(async () => {
      s = await openTestServer(engine);
      const names = { east: '中共明德区东城街道党工委', chunhui: '中共明德区东城街道春晖社区委员会', chunhui1: '春晖社区第一网格党支部' };
      for (const [k, name] of Object.entries(names)) org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
    });
    after(() => s.stop());

    const db = () => s.platform.database.db;
    async function call(user: string | null, url: string) {
      const res = await s.request({ method: 'GET', url, ...(user ? { cookie: await s.login(user) } : {}) });
      assertSafe(res);
      return res;
    }
    async function ok(user: string, url: string) {
      const res = await call(user, url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json();
    }
    const trend = async (months: number) => (await ok('street1', `/api/stats/orgs/${org.east}/trend?months=${months}`)).points as Point[];
    const figures = async (asOf?: string) => {
      const f = await ok('street1', `/api/stats/orgs/${org.east}/members${asOf ? `?asOf=${asOf}` : ''}`);
      return { total: f.total as number, full: f.byStatus.full as number, probationary: f.byStatus.probationary as number };
    };
    const counts = (p: Point) => ({ total: p.total, full: p.full, probationary: p.probationary });
    const snapshots = (where = sql`TRUE`) =>
      rows<{ orgId: string; month: string; total: number; source: string }>(
        db(),
        sql`SELECT org_id AS "orgId", month, total, source FROM stats_month_snapshot WHERE ${where} ORDER BY org_id, month`,
      );

    test('months before any snapshot come from history (the past-date figures), are stored once, then today live', async () => {
      const points = await trend(3);
      assert.deepEqual(
        points.map((p) => [p.month, p.asOf, p.source]),
        [
          ['2026-08', '2026-08-31', 'history'],
          ['2026-09', '2026-09-30', 'history'],
          ['2026-10', '2026-10-31', 'history'],
          ['2026-11', '2026-11-22', 'live'],
        ],
      );
      for (const p of points.slice(0, 3)) assert.deepEqual(counts(p), await figures(p.asOf), p.month);
      assert.deepEqual(counts(points[3]!), await figures());
      assert.ok(points[2]!.total > 0);
      const stored = await snapshots(sql`org_id = ${org.east}`);
      assert.deepEqual(
        stored.map((r) => [r.month, r.source]),
        [
          ['2026-08', 'history'],
          ['2026-09', 'history'],
          ['2026-10', 'history'],
        ],
      );
      // Asked again: read, not recomputed (a stored month is frozen — a changed row shows as stored).
      await db().execute(sql`UPDATE stats_month_snapshot SET total = total + 1000 WHERE org_id = ${org.east} AND month = '2026-09'`);
      assert.equal((await trend(3))[1]!.total, points[1]!.total + 1000);
      await db().execute(sql`UPDATE stats_month_snapshot SET total = total - 1000 WHERE org_id = ${org.east} AND month = '2026-09'`);
      assert.equal((await snapshots(sql`org_id = ${org.east}`)).length, 3);
    });

    test('the job takes the month that ended from the rollups at its first run, once; the month stays frozen', async () => {
      await createTestMember(s, 'branch1', org.chunhui1!, '趋势甲');
      await createTestMember(s, 'branch1', org.chunhui1!, '趋势乙', { status: 'probationary', fullMemberOn: null, joinedOn: '2026-06-01' });
      const november = await figures();
      assert.deepEqual(await snapshots(sql`month = '2026-11'`), []);
      // To 1 December, 00:30 in Beijing: November is over.
      s.platform.clock.advance(Date.parse('2026-11-30T16:30:00Z') - s.platform.clock.now().getTime());
      assert.equal(s.platform.clock.today(), '2026-12-01');
      await s.jobs.drain();
      const taken = await snapshots(sql`month = '2026-11'`);
      const live = await one<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM org WHERE dissolved_on IS NULL OR dissolved_on > '2026-11-30'`);
      assert.equal(taken.length, live!.n, 'one row per org live at the month’s end');
      assert.ok(taken.every((r) => r.source === 'rollup'));
      const row = await one<{ total: number; full: number; probationary: number; source: string }>(
        db(),
        sql`SELECT total, "full", probationary, source FROM stats_month_snapshot WHERE org_id = ${org.east} AND month = '2026-11'`,
      );
      assert.deepEqual(row, { ...november, source: 'rollup' });

      const points = await trend(4);
      assert.deepEqual(
        points.map((p) => [p.month, p.asOf, p.source]),
        [
          ['2026-08', '2026-08-31', 'history'],
          ['2026-09', '2026-09-30', 'history'],
          ['2026-10', '2026-10-31', 'history'],
          ['2026-11', '2026-11-30', 'rollup'],
          ['2026-12', '2026-12-01', 'live'],
        ],
      );
      assert.deepEqual(counts(points[3]!), november);

      // December moves on: a member and a new branch, then the next hourly runs.
      await createTestMember(s, 'branch1', org.chunhui1!, '趋势丙');
      const res = await s.request({
        method: 'POST',
        url: '/api/orgs',
        cookie: await s.login('district'),
        body: { parentId: org.chunhui, name: '春晖社区趋势测试党支部', kind: 'branch', domain: 'community' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const newBranch = res.json().id as string;
      s.platform.clock.advance(3600_000);
      await s.jobs.drain();
      assert.equal(await takeMonthSnapshots(systemCtx(s.platform)), 0, 'nothing left to take');
      assert.deepEqual(await snapshots(sql`month = '2026-11'`), taken, 'a second run inserts nothing and changes nothing');
      assert.deepEqual(await snapshots(sql`org_id = ${newBranch}`), [], 'an org created after the month’s end has no snapshot of it');
      const later = await trend(4);
      assert.deepEqual(counts(later[3]!), november, 'November stays as taken');
      assert.equal(later[4]!.total, november.total + 1, 'the live point moved');
      assert.deepEqual(counts(later[4]!), await figures());
      // The new branch's trend: history, zeros before it held anyone.
      const own = (await ok('district', `/api/stats/orgs/${newBranch}/trend?months=2`)).points as Point[];
      assert.deepEqual(
        own.map((p) => [p.month, p.source, p.total]),
        [
          ['2026-10', 'history', 0],
          ['2026-11', 'history', 0],
          ['2026-12', 'live', 0],
        ],
      );
    });

    test('default 12 months; scope like the overview (404 out of scope, 403, 401); months out of range → 400', async () => {
      const points = (await ok('street1', `/api/stats/orgs/${org.east}/trend`)).points as Point[];
      assert.equal(points.length, 13);
      assert.deepEqual(
        points.map((p) => p.month),
        ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'],
      );
      assert.equal(points[11]!.source, 'rollup');
      assertError(await call('street2', `/api/stats/orgs/${org.east}/trend`), 404, 'NOT_FOUND');
      assertError(await call('branch1', `/api/stats/orgs/${org.east}/trend`), 404, 'NOT_FOUND');
      assertError(await call('district', `/api/stats/orgs/${randomUUID()}/trend`), 404, 'NOT_FOUND');
      assertError(await call('member1', `/api/stats/orgs/${org.chunhui1}/trend`), 403, 'FORBIDDEN');
      assert.equal((await call(null, `/api/stats/orgs/${org.east}/trend`)).statusCode, 401);
      for (const bad of ['0', '37', '-1', '1.5', 'x']) assertError(await call('street1', `/api/stats/orgs/${org.east}/trend?months=${bad}`), 400, 'VALIDATION_FAILED', 'months');
      // Out of scope computed nothing.
      assert.deepEqual(await snapshots(sql`source = 'history' AND org_id <> ${org.east} AND month < '2026-10'`), []);
    });
  });
}
