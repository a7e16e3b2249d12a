import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, type TreeNode } from '../../test-support/assertions.ts';
import { routeCalls } from '../../test-support/route-calls.ts';
import { one } from '../../platform/db/db.ts';
import { createTestMember } from './dues.fixtures.ts';
import { requestFingerprint } from '../../platform/http/idempotency.ts';

/** The dues API end to end: quote, bases, bill runs, payments with Idempotency-Key, reversal, arrears, reductions, scope. */
for (const engine of engines) {
  describe(`dues routes (${engine})`, () => {
    let s: TestServer;
    let branch: TreeNode;
    let otherBranch: TreeNode;
    const ids: Record<string, string> = {};
    let keyN = 0;
    const key = () => `test-key-${engine}-${++keyN}-${Date.now()}`;

    before(async () => {
      s = await openTestServer(engine);
      branch = (await call('branch1', 'GET', '/api/orgs/tree')).json()[0];
      otherBranch = (await call('branch2', 'GET', '/api/orgs/tree')).json()[0];
      for (const u of ['branch1', 'recorder1', 'member1', 'branch2']) ids[u] = (await call(u, 'GET', '/api/auth/me')).json().memberId;
    });
    after(() => s.stop());

    const { call, ok } = routeCalls(() => s);
    const pay = (user: string, body: unknown, k = key()) => call(user, 'POST', '/api/dues/payments', body, { 'idempotency-key': k });

    /** A fresh member in branch1 (the demo seed may have billed the demo ones already). */
    const newMember = async (name: string) => (await createTestMember(s, 'branch1', branch.id, name)).id;

    test('quote: the exact contract, whole-amount brackets, cap and fixed categories', async () => {
      assert.deepEqual(await ok('member1', 'POST', '/api/dues/quote', { category: 'in_service', baseFen: 300000 }), { monthlyFen: 1500, rateBasisPoints: 50, capped: false });
      assert.deepEqual(await ok('member1', 'POST', '/api/dues/quote', { category: 'in_service', baseFen: 300001 }), { monthlyFen: 3000, rateBasisPoints: 100, capped: false });
      assert.deepEqual(await ok('member1', 'POST', '/api/dues/quote', { category: 'in_service', baseFen: 6000000 }), { monthlyFen: 100000, rateBasisPoints: 200, capped: true });
      assert.deepEqual(await ok('member1', 'POST', '/api/dues/quote', { category: 'student' }), { monthlyFen: 20, rateBasisPoints: null, capped: false });
      assertError(await call('member1', 'POST', '/api/dues/quote', { category: 'in_service' }), 422, 'DUES_BASE_REQUIRED', 'baseFen');
      assertError(await call('member1', 'POST', '/api/dues/quote', { category: 'pensioner', baseFen: 1 }), 400, 'VALIDATION_FAILED', 'category');
      assertError(await call('member1', 'POST', '/api/dues/quote', { category: 'retired', baseFen: 1.5 }), 400, 'VALIDATION_FAILED', 'baseFen');
      assert.equal((await call(null, 'POST', '/api/dues/quote', { category: 'student' })).statusCode, 401);
    });

    test('bases, an idempotent bill run, payments by member with prepayment, 党费交至', async () => {
      const m = await newMember('党费测试甲');
      // 2017 rule: fixed at the start of the year; a mid-year change of the same category is refused.
      const base = await ok('branch1', 'POST', `/api/members/${m}/dues/base`, { duesCategory: 'in_service', baseFen: 500100, effectiveMonth: '2026-01' });
      assert.equal(base.standardFen, 7502);
      assert.equal(base.baseFen, null, 'staff never see the base itself');
      assertError(await call('branch1', 'POST', `/api/members/${m}/dues/base`, { duesCategory: 'in_service', baseFen: 800000, effectiveMonth: '2026-06' }), 422, 'DUES_BASE_FIXED_FOR_YEAR', 'effectiveMonth');
      const row = await one<{ base_enc: string }>(s.platform.database.db, sql`SELECT base_enc FROM dues_base WHERE id = ${base.id}`);
      assert.ok(row && !row.base_enc.includes('500100'), 'the base is stored encrypted');

      const first = await ok('branch1', 'POST', '/api/dues/bills/generate', { orgId: branch.id, month: '2026-11' });
      const again = await ok('branch1', 'POST', '/api/dues/bills/generate', { orgId: branch.id, month: '2026-11' });
      assert.ok(first.created >= 6, `back-billed to the 6-month limit: ${first.created}`);
      assert.equal(again.created, 0, 'a second run creates nothing');
      const billedNow = await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM dues_bill b JOIN member mm ON mm.id = b.member_id WHERE mm.org_id = ${branch.id} AND mm.state = 'active' AND b.month = '2026-11'`);
      assert.equal(again.existing, billedNow!.n, 'every member billed for the month counts as existing');
      assert.equal(again.missingBaseTotal, first.missingBaseTotal, 'members without a declaration are reported again, no one else');
      const bills = (await ok('branch1', 'GET', `/api/dues/bills?orgId=${branch.id}&memberId=${m}&pageSize=50`)).items as { month: string; amountFen: number; status: string; id: string }[];
      assert.deepEqual(bills.map((b) => b.month).sort(), ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
      assert.ok(bills.every((b) => b.amountFen === 7502 && b.status === 'unpaid'));

      // Paying by member: oldest first, the excess kept as prepayment.
      const res = await pay('branch1', { memberId: m, amountFen: 7502 * 3 + 100, method: 'cash', paidOn: '2026-11-20' });
      assert.equal(res.statusCode, 201, res.body);
      const p = res.json();
      assert.match(p.receiptNo, /^DF2026\d{8}$/);
      // Oldest first; what is left goes to the next open month (partly paid), not to prepayment.
      assert.deepEqual(p.allocations.map((a: { month: string; amountFen: number }) => [a.month, a.amountFen]), [['2026-05', 7502], ['2026-06', 7502], ['2026-07', 7502], ['2026-08', 100]]);
      assert.equal(p.creditFen, 0);
      const rest = await pay('branch1', { memberId: m, amountFen: 7502 * 4 + 7502 * 2 - 100, method: 'bank_transfer', paidOn: '2026-11-21' });
      assert.equal(rest.statusCode, 201, rest.body);
      assert.equal(rest.json().creditFen, 7502 * 2, 'two months prepaid');
      const dues = await ok('branch1', 'GET', `/api/members/${m}/dues`);
      assert.equal(dues.paidUntil, '2027-01', 'paid through November plus two prepaid months');
      assert.equal(dues.owedFen, 0);

      // A new month's bill is settled from the prepayment at once.
      s.platform.clock.advance(40 * 24 * 3600_000);
      const dec = await ok('branch1', 'POST', '/api/dues/bills/generate', { orgId: branch.id, month: '2026-12' });
      assert.ok(dec.settledFromCredit >= 1);
      const after = await ok('branch1', 'GET', `/api/members/${m}/dues`);
      assert.equal(after.creditFen, 7502);
      assert.equal(after.paidUntil, '2027-01');
      s.platform.clock.advance(-40 * 24 * 3600_000);
    });

    test('Idempotency-Key: required, replayed identically, refused for a different body; 4xx refusals replay too', async () => {
      const m = await newMember('党费测试乙');
      await ok('branch1', 'POST', `/api/members/${m}/dues/base`, { duesCategory: 'retired', baseFen: 420000, effectiveMonth: '2026-01' });
      await ok('branch1', 'POST', '/api/dues/bills/generate', { orgId: branch.id, month: '2026-11' });
      const body = { memberId: m, amountFen: 2100, method: 'cash', paidOn: '2026-11-20' };
      assertError(await call('branch1', 'POST', '/api/dues/payments', body), 400, 'IDEMPOTENCY_KEY_REQUIRED');
      assertError(await call('branch1', 'POST', '/api/dues/payments', body, { 'idempotency-key': 'x' }), 400, 'IDEMPOTENCY_KEY_INVALID');
      const k = key();
      const a = await pay('branch1', body, k);
      const b = await pay('branch1', body, k);
      assert.equal(a.statusCode, 201);
      assert.equal(b.statusCode, 201);
      assert.equal(b.body, a.body, 'identical body');
      assert.equal(b.headers['idempotent-replayed'], 'true');
      assertError(await pay('branch1', { ...body, amountFen: 2101 }, k), 422, 'IDEMPOTENCY_KEY_REUSED');
      const n = await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM dues_payment WHERE member_id = ${m}`);
      assert.equal(n?.n, 1);
      // Another account's same key is its own.
      const other = await pay('community1', body, k);
      assert.equal(other.statusCode, 201, other.body);
      // A business refusal is stored and replayed as it was.
      const k2 = key();
      const r1 = await pay('branch1', { ...body, paidOn: '2030-01-01' }, k2);
      assertError(r1, 422, 'DUES_PAID_ON_INVALID', 'paidOn');
      const r2 = await pay('branch1', { ...body, paidOn: '2030-01-01' }, k2);
      assert.equal(r2.statusCode, 422);
      assert.equal(r2.body, r1.body);
    });

    test('10 concurrent replays of one payment: exactly one effect', async () => {
      const m = await newMember('党费测试丙');
      await ok('branch1', 'POST', `/api/members/${m}/dues/base`, { duesCategory: 'in_service', baseFen: 200000, effectiveMonth: '2026-01' });
      await ok('branch1', 'POST', '/api/dues/bills/generate', { orgId: branch.id, month: '2026-11' });
      const cookie = await s.login('branch1');
      const k = key();
      const body = { memberId: m, amountFen: 1000, method: 'cash', paidOn: '2026-11-20' };
      const all = await Promise.all(Array.from({ length: 10 }, () => s.request({ method: 'POST', url: '/api/dues/payments', cookie, body, headers: { 'idempotency-key': k } })));
      const statuses = all.map((r) => r.statusCode);
      assert.ok(statuses.every((c) => c === 201 || c === 409), statuses.join(','));
      const bodies = new Set(all.filter((r) => r.statusCode === 201).map((r) => r.body));
      assert.equal(bodies.size, 1, 'every 201 carries the same body');
      const n = await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM dues_payment WHERE member_id = ${m}`);
      assert.equal(n?.n, 1);
      const after = await pay('branch1', body, k);
      assert.equal(after.statusCode, 201);
      assert.equal(after.body, [...bodies][0]);
    });

    test('a request still in flight answers 409; a claim left by a crashed request is taken over after 2 minutes', async () => {
      const m = await newMember('党费测试己');
      await ok('branch1', 'POST', `/api/members/${m}/dues/base`, { duesCategory: 'student', effectiveMonth: '2026-01' });
      const body = { memberId: m, amountFen: 20, method: 'cash', paidOn: '2026-11-20' };
      const k = key();
      const accountId = (await ok('branch1', 'GET', '/api/auth/me')).accountId as string;
      const fingerprint = requestFingerprint(s.platform, { method: 'POST', route: '/api/dues/payments', params: {}, body });
      const now = s.platform.clock.now();
      await s.platform.database.db.execute(
        sql`INSERT INTO idempotency_key (account_id, key, fingerprint, status, created_at, expires_at) VALUES (${accountId}, ${k}, ${fingerprint}, 'in_flight', ${now}, ${new Date(now.getTime() + 3600_000)})`,
      );
      assertError(await pay('branch1', body, k), 409, 'IDEMPOTENCY_IN_FLIGHT');
      s.platform.clock.advance(3 * 60_000);
      const r = await pay('branch1', body, k);
      assert.equal(r.statusCode, 201, r.body);
      assert.equal((await pay('branch1', body, k)).body, r.body);
    });

    test('by bills: the amount must match; reversal is a reversing entry, once; the ledger cannot be edited', async () => {
      const m = await newMember('党费测试丁');
      await ok('branch1', 'POST', `/api/members/${m}/dues/base`, { duesCategory: 'student', effectiveMonth: '2026-01' });
      await ok('branch1', 'POST', '/api/dues/bills/generate', { orgId: branch.id, month: '2026-11' });
      const bills = (await ok('branch1', 'GET', `/api/dues/bills?orgId=${branch.id}&memberId=${m}`)).items as { id: string; month: string }[];
      const nov = bills.find((b) => b.month === '2026-11')!;
      assertError(await pay('branch1', { billIds: [nov.id], amountFen: 21, method: 'cash', paidOn: '2026-11-20' }), 422, 'DUES_AMOUNT_MISMATCH', 'amountFen');
      const paid = (await pay('branch1', { billIds: [nov.id], amountFen: 20, method: 'cash', paidOn: '2026-11-20', payerMemberId: ids.recorder1 })).json();
      assert.equal(paid.payerMemberId, ids.recorder1);
      assertError(await pay('branch1', { billIds: [nov.id], amountFen: 20, method: 'cash', paidOn: '2026-11-20' }), 422, 'DUES_BILL_NOT_PAYABLE', 'billIds');
      assertError(await call('branch1', 'POST', `/api/dues/payments/${paid.id}/reverse`, { reason: '重复登记' }), 400, 'IDEMPOTENCY_KEY_REQUIRED');
      const rev = await call('branch1', 'POST', `/api/dues/payments/${paid.id}/reverse`, { reason: '重复登记' }, { 'idempotency-key': key() });
      assert.equal(rev.statusCode, 201, rev.body);
      assert.equal(rev.json().amountFen, -20);
      assert.equal(rev.json().reversesPaymentId, paid.id);
      assertError(await call('branch1', 'POST', `/api/dues/payments/${paid.id}/reverse`, { reason: '再次' }, { 'idempotency-key': key() }), 422, 'DUES_PAYMENT_ALREADY_REVERSED');
      const bill = (await ok('branch1', 'GET', `/api/dues/bills?orgId=${branch.id}&memberId=${m}&month=2026-11`)).items[0];
      assert.equal(bill.status, 'unpaid');
      await assert.rejects(s.platform.database.db.execute(sql`UPDATE dues_payment SET amount_fen = 1 WHERE id = ${paid.id}`));
      await assert.rejects(s.platform.database.db.execute(sql`DELETE FROM dues_allocation`));
    });

    test('scope: out-of-scope members and orgs answer 404, no dues permission 403; members see only their own', async () => {
      const m = await newMember('党费测试戊');
      await ok('branch1', 'POST', `/api/members/${m}/dues/base`, { duesCategory: 'student', effectiveMonth: '2026-01' });
      assertError(await pay('branch2', { memberId: m, amountFen: 20, method: 'cash', paidOn: '2026-11-20' }), 404, 'NOT_FOUND');
      assertError(await call('branch2', 'GET', `/api/members/${m}/dues`), 404, 'NOT_FOUND');
      assertError(await call('branch2', 'POST', '/api/dues/bills/generate', { orgId: branch.id, month: '2026-11' }), 404, 'NOT_FOUND');
      assertError(await call('branch2', 'GET', `/api/dues/arrears?orgId=${branch.id}`), 404, 'NOT_FOUND');
      assertError(await call('auditor', 'GET', `/api/dues/bills?orgId=${branch.id}`), 403, 'FORBIDDEN');
      assertError(await call('member1', 'GET', `/api/members/${m}/dues`), 403, 'FORBIDDEN');
      assertError(await call('branch1', 'POST', '/api/dues/bills/generate', { orgId: otherBranch.id, month: '2026-11' }), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'POST', '/api/dues/bills/generate', { orgId: branch.id, month: '2027-01' }), 422, 'DUES_MONTH_IN_FUTURE', 'month');
      assertError(await call('branch1', 'POST', '/api/dues/bills/generate', { orgId: branch.id, month: '2026-13' }), 400, 'VALIDATION_FAILED', 'month');
      const mine = await ok('member1', 'GET', '/api/dues/me');
      assert.equal(mine.memberId, ids.member1);
      // A member pays online only, for themselves; the development provider moves no money and says so.
      assertError(await pay('member1', { memberId: ids.member1, amountFen: 100, method: 'cash', paidOn: '2026-11-20' }), 422, 'DUES_ONLINE_SELF_ONLY', 'method');
      const online = await pay('member1', { memberId: ids.member1, amountFen: 100, method: 'online', paidOn: '2026-11-22' });
      assert.equal(online.statusCode, 201, online.body);
      assert.equal(online.json().provider, 'development');
      assert.equal(online.json().moneyMoved, false);
    });
  });
}
