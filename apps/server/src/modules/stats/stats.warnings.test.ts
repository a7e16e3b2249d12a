import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { routeCalls } from '../../test-support/route-calls.ts';
import { createTestMember } from '../../test-support/members.ts';
import { one } from '../../platform/db/db.ts';

/**
 * The overview's DUES_ARREARS_SIX_MONTHS and SECRETARY_MISSING warnings against the lists behind them: the dues
 * arrears list (连续 6 个月) and the org module's warnings (书记空缺), on the demo district and after changes.
 */
for (const engine of engines) {
  describe(`stats warnings: dues arrears and vacant secretaries (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};
    let n = 0;

    before(async () => {
      s = await openTestServer(engine);
      const names = { district: '中共明德区委员会', east: '中共明德区东城街道党工委', chunhui: '中共明德区东城街道春晖社区委员会', chunhui1: '春晖社区第一网格党支部' };
      for (const [k, name] of Object.entries(names)) org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
    });
    after(() => s.stop());

    const { ok } = routeCalls(() => s);
    const warningOf = async (user: string, orgId: string, code: string) => {
      const o = await ok(user, 'GET', `/api/stats/orgs/${orgId}/overview`);
      const w = o.warnings.find((x: { code: string }) => x.code === code);
      assert.ok(w, `${code} is in the overview`);
      return w as { level: string; code: string; zh: string; count: number; link: string };
    };
    /** What the dues arrears page lists under 连续 6 个月 for the org. */
    const lapseListed = async (user: string, orgId: string) => (await ok(user, 'GET', `/api/dues/arrears?orgId=${orgId}&level=lapse_review&pageSize=1`)).total as number;
    /** The orgs the org module's warnings tab names as 书记空缺. */
    const vacantListed = async (user: string, orgId: string) =>
      ((await ok(user, 'GET', `/api/orgs/${orgId}/warnings?pageSize=100`)).items as { code: string; orgId: string }[]).filter((w) => w.code === 'SECRETARY_MISSING').map((w) => w.orgId);

    test('DUES_ARREARS_SIX_MONTHS equals the arrears list at every level of the demo district; red, linking to the list', async () => {
      for (const [user, key] of [['district', 'district'], ['street1', 'east'], ['community1', 'chunhui'], ['branch1', 'chunhui1']] as const) {
        const w = await warningOf(user, org[key]!, 'DUES_ARREARS_SIX_MONTHS');
        assert.equal(w.count, await lapseListed(user, org[key]!), key);
        assert.equal(w.level, w.count > 0 ? 'red' : 'green');
        assert.equal(w.link, `/admin/dues/arrears?org=${org[key]}`);
        assert.equal(w.zh, '连续六个月以上未交纳党费的党员');
      }
      assert.ok((await warningOf('district', org.district!, 'DUES_ARREARS_SIX_MONTHS')).count > 0, 'the demo district has members at the 自行脱党 review');
    });

    test('a member six months unpaid is counted like the list; a later paid month or a recorded reason stops it', async () => {
      const branch = org.chunhui1!;
      const before = (await warningOf('branch1', branch, 'DUES_ARREARS_SIX_MONTHS')).count;
      const member = async (name: string) => {
        const m = await createTestMember(s, 'branch1', branch, name);
        await ok('branch1', 'POST', `/api/members/${m.id}/dues/base`, { duesCategory: 'student', effectiveMonth: '2026-01' });
        return m.id;
      };
      const lapsed = await member('统计欠交甲');
      const paidLast = await member('统计欠交乙');
      // The run back-bills six months and the current one: May to October are overdue and unpaid.
      await ok('branch1', 'POST', '/api/dues/bills/generate', { orgId: branch, month: '2026-11' });
      const october = (await ok('branch1', 'GET', `/api/dues/bills?orgId=${branch}&memberId=${paidLast}&month=2026-10`)).items[0];
      await ok('branch1', 'POST', '/api/dues/payments', { billIds: [october.id], amountFen: october.amountFen, method: 'cash', paidOn: '2026-11-22' }, { 'idempotency-key': `stats-warnings-${engine}-${++n}-${Date.now()}` });

      const listed = (await ok('branch1', 'GET', `/api/dues/arrears?orgId=${branch}&pageSize=100`)).items as { memberId: string; level: string; consecutiveUnpaid: number }[];
      assert.deepEqual(listed.filter((r) => r.memberId === lapsed).map((r) => [r.level, r.consecutiveUnpaid]), [['lapse_review', 6]]);
      assert.deepEqual(listed.filter((r) => r.memberId === paidLast).map((r) => r.level), ['none'], 'the latest overdue month is paid: no run');
      for (const [user, orgId] of [['branch1', branch], ['street1', org.east!], ['district', org.district!]] as const) {
        const w = await warningOf(user, orgId, 'DUES_ARREARS_SIX_MONTHS');
        assert.equal(w.count, await lapseListed(user, orgId));
      }
      assert.equal((await warningOf('branch1', branch, 'DUES_ARREARS_SIX_MONTHS')).count, before + 1, 'only the lapsed member joins');

      // A valid reason recorded for two of the months breaks the run (08–09): no longer counted, as in the list.
      await ok('branch1', 'POST', `/api/members/${lapsed}/dues/arrears-reason`, { fromMonth: '2026-08', toMonth: '2026-09', reason: '住院治疗' });
      const w = await warningOf('branch1', branch, 'DUES_ARREARS_SIX_MONTHS');
      assert.equal(w.count, before);
      assert.equal(w.count, await lapseListed('branch1', branch));
      assert.equal((await warningOf('district', org.district!, 'DUES_ARREARS_SIX_MONTHS')).count, await lapseListed('district', org.district!));
    });

    test('SECRETARY_MISSING counts live orgs without a current secretary, as the org warnings tab names them; PUT leadership clears it', async () => {
      const count = async () => {
        const w = await warningOf('street1', org.east!, 'SECRETARY_MISSING');
        assert.equal(w.link, `/admin/orgs/${org.east}?tab=warnings`);
        assert.equal(w.level, w.count > 0 ? 'yellow' : 'green');
        assert.equal(w.zh, '书记空缺的党组织');
        const named = await vacantListed('street1', org.east!);
        assert.equal(w.count, named.length, 'the count equals the orgs the warnings tab names');
        return { count: w.count, named };
      };
      const start = await count();
      assert.ok(!start.named.includes(org.chunhui1!), 'the demo branch has its secretary');

      // A new branch has no 班子: counted. A 党小组 under it is not (its head is a 组长).
      const created = await ok('community1', 'POST', '/api/orgs', { parentId: org.chunhui, name: '春晖社区统计预警党支部', kind: 'branch', domain: 'community' });
      await ok('community1', 'POST', '/api/orgs', { parentId: created.id, name: '统计预警党小组', kind: 'group', domain: 'community' });
      let now = await count();
      assert.equal(now.count, start.count + 1);
      assert.ok(now.named.includes(created.id));
      const view = await ok('community1', 'GET', `/api/orgs/${created.id}`);
      assert.ok(view.warnings.some((w: { code: string; article: string }) => w.code === 'SECRETARY_MISSING' && w.article.includes('第二十条')));

      // A 班子 without a secretary is still a vacancy; one with a secretary is not.
      const a = await createTestMember(s, 'community1', created.id, '统计书记甲');
      const b = await createTestMember(s, 'community1', created.id, '统计委员乙');
      await ok('community1', 'PUT', `/api/orgs/${created.id}/leadership`, { termStart: '2026-11-01', leaders: [{ position: 'organisation_member', memberId: b.id }] });
      assert.equal((await count()).count, start.count + 1);
      await ok('community1', 'PUT', `/api/orgs/${created.id}/leadership`, { termStart: '2026-11-10', leaders: [{ position: 'secretary', memberId: a.id }, { position: 'organisation_member', memberId: b.id }] });
      now = await count();
      assert.equal(now.count, start.count);
      assert.ok(!now.named.includes(created.id));

      // A dissolved org is no longer counted.
      const gone = await ok('community1', 'POST', '/api/orgs', { parentId: org.chunhui, name: '春晖社区统计撤销党支部', kind: 'branch', domain: 'community' });
      assert.equal((await count()).count, start.count + 1);
      await ok('community1', 'POST', `/api/orgs/${gone.id}/dissolve`, { reason: '测试撤销', dissolvedOn: '2026-11-22' });
      assert.equal((await count()).count, start.count);
    });
  });
}
