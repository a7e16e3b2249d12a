import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertSafe } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { orgMonthTotalsViolations } from './dues.fixtures.ts';

/** Subtree collection totals: one row per org and month, right after a subtree moves between streets. */
for (const engine of engines) {
  describe(`dues collection totals (${engine})`, () => {
    let s: TestServer;
    before(async () => {
      s = await openTestServer(engine);
    });
    after(() => s.stop());

    const idOf = async (name: string) => {
      const r = await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`);
      assert.ok(r, name);
      return r.id;
    };
    async function collection(orgId: string, month: string) {
      const res = await s.request({ method: 'GET', url: `/api/dues/collection?orgId=${orgId}&month=${month}`, cookie: await s.login('district') });
      assertSafe(res);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { bills: number; amountFen: number; paidFen: number; settledBills: number; children: { orgId: string; orgName: string; bills: number; amountFen: number; paidFen: number }[] };
    }

    test('the drill-down adds up, and a moved branch takes its totals from the old street to the new one', async () => {
      const month = '2026-10';
      const [root, east, west, branch, heping] = await Promise.all(
        ['中共明德区委员会', '中共明德区东城街道党工委', '中共明德区西城街道党工委', '春晖社区第二网格党支部', '中共明德区西城街道和平社区委员会'].map(idOf),
      );
      const before = { root: await collection(root!, month), east: await collection(east!, month), west: await collection(west!, month), branch: await collection(branch!, month) };
      assert.ok(before.branch.bills > 0, 'the demo seed billed the branch');
      for (const c of [before.root, before.east]) {
        const sum = c.children.reduce((t, r) => t + r.amountFen, 0);
        assert.equal(sum, c.amountFen, 'children (and 本级) add up to the total');
      }

      const res = await s.request({ method: 'POST', url: `/api/orgs/${branch}/move`, cookie: await s.login('district'), body: { newParentId: heping } });
      assert.equal(res.statusCode, 200, res.body);

      const after = { root: await collection(root!, month), east: await collection(east!, month), west: await collection(west!, month) };
      assert.deepEqual([after.root.bills, after.root.amountFen, after.root.paidFen], [before.root.bills, before.root.amountFen, before.root.paidFen]);
      assert.deepEqual([after.east.bills, after.east.amountFen, after.east.paidFen], [before.east.bills - before.branch.bills, before.east.amountFen - before.branch.amountFen, before.east.paidFen - before.branch.paidFen]);
      assert.deepEqual([after.west.bills, after.west.amountFen, after.west.paidFen], [before.west.bills + before.branch.bills, before.west.amountFen + before.branch.amountFen, before.west.paidFen + before.branch.paidFen]);
      assert.deepEqual(await rows(s.platform.database.db, orgMonthTotalsViolations), [], 'every org and month agrees with its bills');
    });
  });
}
