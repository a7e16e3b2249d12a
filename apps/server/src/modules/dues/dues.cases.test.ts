import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, type TreeNode } from '../../test-support/assertions.ts';
import { routeCalls } from '../../test-support/route-calls.ts';
import { multipartOf, xlsxOf } from '../../test-support/xlsx.ts';
import { rows } from '../../platform/db/db.ts';
import { createTestMember, orgMonthTotalsViolations } from './dues.fixtures.ts';

const DAY = 24 * 3600_000;

/** Ledger invariants under random operations, reductions, arrears and the 自行脱党 flag, probationary back-billing, bulk import. */
for (const engine of engines) {
  describe(`dues cases (${engine})`, () => {
    let s: TestServer;
    let branch: TreeNode;
    let n = 0;
    const key = () => `cases-${engine}-${++n}-${Date.now()}`;

    before(async () => {
      s = await openTestServer(engine);
      branch = (await call('branch1', 'GET', '/api/orgs/tree')).json()[0];
    });
    after(() => s.stop());

    const { call, ok } = routeCalls(() => s);
    const member = async (name: string, base: Record<string, unknown>, over: Record<string, unknown> = {}) => {
      const m = await createTestMember(s, 'branch1', branch.id, name, over);
      await ok('branch1', 'POST', `/api/members/${m.id}/dues/base`, base);
      return m.id;
    };
    const generate = (month: string) => ok('branch1', 'POST', '/api/dues/bills/generate', { orgId: branch.id, month });
    const db = () => s.platform.database.db;

    async function invariantViolations(): Promise<string[]> {
      const bad: string[] = [];
      for (const r of await rows<{ id: string }>(db(), sql`SELECT b.id FROM dues_bill b LEFT JOIN dues_allocation a ON a.bill_id = b.id GROUP BY b.id HAVING b.paid_fen <> coalesce(sum(a.amount_fen), 0)`)) bad.push(`bill ${r.id}: paid ≠ Σ allocations`);
      for (const r of await rows<{ member_id: string }>(
        db(),
        sql`SELECT c.member_id FROM dues_account c
            WHERE c.credit_fen <> coalesce((SELECT sum(p.amount_fen) FROM dues_payment p WHERE p.member_id = c.member_id), 0)
                               - coalesce((SELECT sum(a.amount_fen) FROM dues_allocation a JOIN dues_payment p ON p.id = a.payment_id WHERE p.member_id = c.member_id), 0)`,
      ))
        bad.push(`account ${r.member_id}: credit ≠ payments − allocations`);
      for (const r of await rows<{ org_id: string; month: string }>(
        db(),
        orgMonthTotalsViolations,
      ))
        bad.push(`totals ${r.org_id} ${r.month} differ from the bills`);
      return bad;
    }

    test('ledger invariants hold after randomized payments, bill payments, reversals and bill runs', async () => {
      const ms = [
        await member('随机甲', { duesCategory: 'in_service', baseFen: 734_500, effectiveMonth: '2026-01' }),
        await member('随机乙', { duesCategory: 'retired', baseFen: 512_300, effectiveMonth: '2026-01' }),
        await member('随机丙', { duesCategory: 'farmer', effectiveMonth: '2026-01' }),
      ];
      await generate('2026-11');
      let seed = 20261122;
      const rnd = (k: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % k;
      };
      const payments: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        const m = ms[rnd(ms.length)] as string;
        const op = rnd(4);
        if (op <= 1) {
          const r = await call('branch1', 'POST', '/api/dues/payments', { memberId: m, amountFen: 1 + rnd(30_000), method: (['cash', 'bank_transfer', 'other'] as const)[rnd(3)], paidOn: '2026-11-21' }, { 'idempotency-key': key() });
          assert.equal(r.statusCode, 201, r.body);
          payments.push(r.json().id);
        } else if (op === 2) {
          const open = (await ok('branch1', 'GET', `/api/dues/bills?orgId=${branch.id}&memberId=${m}&status=unpaid`)).items as { id: string; amountFen: number }[];
          if (open[0]) {
            const r = await call('branch1', 'POST', '/api/dues/payments', { billIds: [open[0].id], amountFen: open[0].amountFen, method: 'cash', paidOn: '2026-11-21' }, { 'idempotency-key': key() });
            assert.equal(r.statusCode, 201, r.body);
            payments.push(r.json().id);
          }
        } else if (payments.length) {
          const p = payments.splice(rnd(payments.length), 1)[0] as string;
          const r = await call('branch1', 'POST', `/api/dues/payments/${p}/reverse`, { reason: '随机冲正' }, { 'idempotency-key': key() });
          assert.equal(r.statusCode, 201, r.body);
        }
        assert.deepEqual(await invariantViolations(), [], `after operation ${i}`);
      }
      s.platform.clock.advance(12 * DAY);
      await generate('2026-12');
      assert.deepEqual(await invariantViolations(), [], 'after a bill run that spends prepayments');
      s.platform.clock.advance(-12 * DAY);
    });

    test('reductions: the branch requests, only the higher committee approves, never the requester; bills follow', async () => {
      const m = await member('减免甲', { duesCategory: 'in_service', baseFen: 400_000, effectiveMonth: '2026-01' });
      await generate('2026-11');
      const req = await ok('branch1', 'POST', '/api/dues/reductions', { memberId: m, kind: 'reduce', monthlyFen: 1000, fromMonth: '2026-09', toMonth: '2027-02', reason: '家庭困难，长期患病' });
      assert.equal(req.status, 'pending');
      assertError(await call('branch1', 'POST', '/api/dues/reductions', { memberId: m, kind: 'exempt', fromMonth: '2026-10', toMonth: '2026-12', reason: '重复' }), 422, 'DUES_REDUCTION_OVERLAP', 'fromMonth');
      assertError(await call('branch1', 'POST', '/api/dues/reductions', { memberId: m, kind: 'exempt', fromMonth: '2027-01', toMonth: '2028-06', reason: '太长' }), 422, 'DUES_REDUCTION_PERIOD_INVALID', 'toMonth');
      assertError(await call('branch1', 'POST', `/api/dues/reductions/${req.id}/decision`, { approve: true }), 403, 'FORBIDDEN');
      const approved = await ok('community1', 'POST', `/api/dues/reductions/${req.id}/decision`, { approve: true, note: '同意' });
      assert.equal(approved.status, 'approved');
      assert.equal(approved.billsRepriced, 3, 'September to November');
      const bills = (await ok('branch1', 'GET', `/api/dues/bills?orgId=${branch.id}&memberId=${m}&pageSize=50`)).items as { month: string; amountFen: number; standardFen: number }[];
      assert.deepEqual(bills.filter((b) => b.month >= '2026-09').map((b) => b.amountFen), [1000, 1000, 1000]);
      assert.ok(bills.filter((b) => b.month < '2026-09').every((b) => b.amountFen === 4000));
      assertError(await call('community1', 'POST', `/api/dues/reductions/${req.id}/decision`, { approve: false }), 422, 'DUES_REDUCTION_NOT_PENDING');
      // The community asking and approving itself is refused.
      const own = await ok('community1', 'POST', '/api/dues/reductions', { memberId: m, kind: 'exempt', fromMonth: '2027-03', toMonth: '2027-04', reason: '社区提出' });
      assertError(await call('community1', 'POST', `/api/dues/reductions/${own.id}/decision`, { approve: true }), 422, 'DUES_REDUCTION_SELF_APPROVAL');
      const listed = await ok('community1', 'GET', `/api/dues/reductions?orgId=${branch.id}&status=pending`);
      assert.ok(listed.items.some((r: { id: string }) => r.id === own.id));
    });

    test('arrears: reminder, then the 自行脱党 review for the branch at six months; a recorded reason excuses', async () => {
      const m = await member('欠交甲', { duesCategory: 'student', effectiveMonth: '2026-01' });
      await generate('2026-11');
      // The run back-bills six months plus the current one (2026-05 to 2026-11); May is paid.
      const paid = await call('branch1', 'POST', '/api/dues/payments', { memberId: m, amountFen: 20, method: 'cash', paidOn: '2026-11-21' }, { 'idempotency-key': key() });
      assert.equal(paid.statusCode, 201, paid.body);
      let board = await ok('branch1', 'GET', `/api/dues/arrears?orgId=${branch.id}&pageSize=100`);
      let row = board.items.find((r: { memberId: string }) => r.memberId === m);
      assert.deepEqual([row.consecutiveUnpaid, row.level, row.paidUntil, row.oldestUnpaid], [5, 'reminder', '2026-05', '2026-06']);
      // A month later the sixth month is overdue.
      s.platform.clock.advance(12 * DAY);
      await generate('2026-12');
      board = await ok('branch1', 'GET', `/api/dues/arrears?orgId=${branch.id}&level=lapse_review&pageSize=100`);
      row = board.items.find((r: { memberId: string }) => r.memberId === m);
      assert.equal(row.consecutiveUnpaid, 6);
      await s.jobs.drain();
      const inbox = await ok('branch1', 'GET', '/api/notifications?pageSize=50');
      const flagged = (inbox.items as { title: string }[]).filter((x) => x.title.includes('欠交甲'));
      assert.equal(flagged.length, 1, 'the branch secretary is told once');
      await s.jobs.drain();
      assert.equal(((await ok('branch1', 'GET', '/api/notifications?pageSize=50')).items as { title: string }[]).filter((x) => x.title.includes('欠交甲')).length, 1, 'never twice');
      const state = await rows<{ state: string }>(db(), sql`SELECT state FROM member WHERE id = ${m}`);
      assert.equal(state[0]?.state, 'active', 'the system removes nobody');
      await ok('branch1', 'POST', `/api/members/${m}/dues/arrears-reason`, { fromMonth: '2026-08', toMonth: '2026-09', reason: '住院治疗' });
      board = await ok('branch1', 'GET', `/api/dues/arrears?orgId=${branch.id}&pageSize=100`);
      row = board.items.find((r: { memberId: string }) => r.memberId === m);
      assert.deepEqual([row.consecutiveUnpaid, row.level, row.reason.reason], [2, 'none', '住院治疗']);
      s.platform.clock.advance(-12 * DAY);
    });

    test('probationary members are billed from the acceptance month past the back-payment limit; members who left stop', async () => {
      const p = await member('预备甲', { duesCategory: 'in_service', baseFen: 250_000, effectiveMonth: '2025-12' }, { status: 'probationary', joinedOn: '2025-12-15', fullMemberOn: undefined });
      const left = await member('离开甲', { duesCategory: 'student', effectiveMonth: '2026-01' });
      await generate('2026-11');
      const bills = (await ok('branch1', 'GET', `/api/dues/bills?orgId=${branch.id}&memberId=${p}&pageSize=50`)).items as { month: string; fromAcceptance: boolean }[];
      assert.equal(bills.length, 12, '2025-12 to 2026-11');
      assert.deepEqual(bills.filter((b) => b.fromAcceptance).map((b) => b.month).sort(), ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
      // The oldest months may be paid although past the 6-month back-payment limit.
      const r = await call('branch1', 'POST', '/api/dues/payments', { memberId: p, amountFen: 1250 * 12, method: 'cash', paidOn: '2026-11-21' }, { 'idempotency-key': key() });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal((await ok('branch1', 'GET', `/api/members/${p}/dues`)).paidUntil, '2026-11');
      await ok('branch1', 'POST', `/api/members/${left}/leave`, { kind: 'withdrawal', leftOn: '2026-11-21', reason: '本人申请退党' });
      s.platform.clock.advance(12 * DAY);
      await generate('2026-12');
      const dec = (await ok('branch1', 'GET', `/api/dues/bills?orgId=${branch.id}&memberId=${left}&month=2026-12`)).items;
      assert.equal(dec.length, 0, 'no bill after leaving');
      s.platform.clock.advance(-12 * DAY);
    });

    test('back-payment beyond the limit needs a recorded reason; an opening 党费交至 is honoured', async () => {
      const m = await member('补交甲', { duesCategory: 'student', effectiveMonth: '2026-01' });
      await ok('branch1', 'POST', `/api/members/${m}/dues/opening`, { paidUntil: '2026-08' });
      await generate('2026-11');
      const months = ((await ok('branch1', 'GET', `/api/dues/bills?orgId=${branch.id}&memberId=${m}`)).items as { month: string }[]).map((b) => b.month).sort();
      assert.deepEqual(months, ['2026-09', '2026-10', '2026-11']);
      assertError(await call('branch1', 'POST', `/api/members/${m}/dues/opening`, { paidUntil: '2026-10' }), 422, 'DUES_OPENING_LOCKED', 'paidUntil');
      assert.equal((await ok('branch1', 'GET', `/api/members/${m}/dues`)).paidUntil, '2026-08');
      // Paid in May 2027, September 2026 lies past the 6-month limit.
      s.platform.clock.advance(200 * DAY);
      assertError(await call('branch1', 'POST', '/api/dues/payments', { memberId: m, amountFen: 20, method: 'cash', paidOn: '2027-06-10' }, { 'idempotency-key': key() }), 422, 'DUES_BACK_PAYMENT_LIMIT', 'memberId');
      await ok('branch1', 'POST', `/api/members/${m}/dues/arrears-reason`, { fromMonth: '2026-09', toMonth: '2026-11', reason: '外出务工失联后恢复联系' });
      const r = await call('branch1', 'POST', '/api/dues/payments', { memberId: m, amountFen: 60, method: 'cash', paidOn: '2027-06-10' }, { 'idempotency-key': key() });
      assert.equal(r.statusCode, 201, r.body);
      s.platform.clock.advance(-200 * DAY);
    });

    test('bulk import of bases: good rows kept, each bad row named with its column', async () => {
      const a = await createTestMember(s, 'branch1', branch.id, '导入甲');
      const b = await createTestMember(s, 'branch1', branch.id, '导入乙');
      const tpl = await call('branch1', 'GET', '/api/dues/bases/template');
      assert.equal(tpl.statusCode, 200);
      assert.equal(tpl.rawPayload.subarray(0, 2).toString(), 'PK');
      const file = await xlsxOf({
        rows: [
          ['姓名', '身份证号码*', '党费类别*', '计算基数（元）', '生效月份*'],
          ['导入甲', a.idNumber, '在职（按月领取工资）', '5001.00', '2026-01'],
          ['导入乙', b.idNumber, '公务员', '3000', '2026-01'],
          ['导入丙', '110101199001011237', '学生', null, '2026-01'],
          ['导入乙', b.idNumber, '学生', '100', '2026-01'],
        ],
        numFmt: { 2: '@' },
      });
      const { payload, headers } = multipartOf('file', '基数.xlsx', file);
      const res = await s.request({ method: 'POST', url: `/api/dues/bases/import?orgId=${branch.id}`, cookie: await s.login('branch1'), body: payload, headers });
      assert.equal(res.statusCode, 200, res.body);
      const out = res.json();
      assert.equal(out.imported, 1);
      assert.deepEqual(out.errors.map((e: { row: number; column: string }) => [e.row, e.column]), [[3, 'C'], [4, 'B'], [5, 'D']]);
      const dues = await ok('branch1', 'GET', `/api/members/${a.id}/dues`);
      assert.equal(dues.currentMonthlyFen, 7502);
    });
  });
}
