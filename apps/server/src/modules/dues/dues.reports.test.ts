import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, findInTree, type TreeNode } from '../../test-support/assertions.ts';
import { routeCalls } from '../../test-support/route-calls.ts';
import { one } from '../../platform/db/db.ts';

/** The generated 党费 documents end to end: data entered through the API, each report in both formats, figures read back. */

const hasPdftotext = (() => {
  try {
    execFileSync('which', ['pdftotext']);
    return true;
  } catch {
    return false;
  }
})();
/** The PDF's text without whitespace (pdftotext -layout pads wide glyph runs). */
function pdfText(payload: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfdues-'));
  try {
    fs.writeFileSync(path.join(dir, 'r.pdf'), payload);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
/** Every row of the first sheet as text, merged cells included once. */
async function sheetRows(res: LightMyRequestResponse): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}
const rowStarting = (rows: string[][], first: string, col = 0) => rows.find((r) => r[col] === first);
/** Integer fen as the yuan a money cell reads back as ("75.02", "32", "0"). */
const cellYuan = (fen: number) => String(fen / 100);
const yuanText = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
const floorRate = (paid: number, billed: number) => Math.floor((paid * 10_000) / billed);
const out = process.env.DUES_REPORTS_OUT;

for (const engine of engines) {
  void describe(`dues reports (${engine})`, () => {
    let s: TestServer;
    let branch: TreeNode;
    let community: TreeNode;
    let street: TreeNode;
    let lianxin: TreeNode;
    let keyN = 0;
    const m: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
    let aReceipt = '';
    const aBills: { month: string; amountFen: number }[] = [];

    const { call, ok } = routeCalls(() => s);
    const idem = () => ({ 'idempotency-key': `dues-report-${engine}-${++keyN}-${Date.now()}` });
    const pay = (user: string, body: Record<string, unknown>) => ok(user, 'POST', '/api/dues/payments', { method: 'cash', paidOn: '2026-11-20', ...body }, idem());
    const bills = async (user: string, orgId: string, memberId: string) => (await ok(user, 'GET', `/api/dues/bills?orgId=${orgId}&memberId=${memberId}&pageSize=100`)).items as { id: string; month: string; amountFen: number; paidFen: number }[];
    const download = async (user: string, url: string, format: 'xlsx' | 'pdf', save?: string) => {
      const res = await call(user, 'GET', `${url}&format=${format}`);
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="dues-[a-z-]+-[\d-]+\.(xlsx|pdf)"; filename\*=UTF-8''/);
      if (format === 'pdf') assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
      if (out && save) {
        fs.mkdirSync(out, { recursive: true });
        fs.writeFileSync(path.join(out, `${save}.${format}`), res.rawPayload);
      }
      return res;
    };

    /** A fresh full member (the demo seed's members may carry dues of their own). */
    async function newMember(user: string, orgId: string, name: string): Promise<string> {
      const n = ++keyN;
      const body17 = `11010119${String(70 + (n % 20)).padStart(2, '0')}0${(n % 9) + 1}1${String(n % 10)}${String(300 + (n % 600)).padStart(3, '0')}`.slice(0, 17);
      const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const sum = [...body17].reduce((acc, d, i) => acc + Number(d) * w[i]!, 0);
      const created = await ok(user, 'POST', '/api/members', {
        orgId,
        name,
        gender: Number(body17[16]) % 2 === 1 ? 'male' : 'female',
        birthDate: `19${body17.slice(8, 10)}-0${body17[11]}-1${body17[13]}`,
        idNumber: body17 + '10X98765432'[sum % 11],
        joinedOn: '2010-07-01',
        fullMemberOn: '2011-07-01',
        status: 'full',
        category: 'resident',
      });
      return created.id as string;
    }

    before(async () => {
      s = await openTestServer(engine);
      branch = (await call('branch1', 'GET', '/api/orgs/tree')).json()[0];
      community = (await call('community1', 'GET', '/api/orgs/tree')).json()[0];
      street = (await call('street1', 'GET', '/api/orgs/tree?depth=1')).json()[0];
      lianxin = findInTree([street], '明德精密机械有限公司党支部');

      // Branch 1: 甲 pays every bill at once; 乙's first month is paid by 甲 (代缴); a second payment of 乙 is reversed.
      m.a = await newMember('branch1', branch.id, '党费报表甲');
      m.b = await newMember('branch1', branch.id, '党费报表乙');
      await ok('branch1', 'POST', `/api/members/${m.a}/dues/base`, { duesCategory: 'in_service', baseFen: 500100, effectiveMonth: '2026-01' });
      await ok('branch1', 'POST', `/api/members/${m.b}/dues/base`, { duesCategory: 'in_service', baseFen: 320000, effectiveMonth: '2026-01' });
      await ok('branch1', 'POST', '/api/dues/bills/generate', { orgId: branch.id, month: '2026-11' });
      aBills.push(...(await bills('branch1', branch.id, m.a)));
      assert.ok(aBills.length >= 1 && aBills.every((b) => b.amountFen === 7502));
      aReceipt = (await pay('branch1', { memberId: m.a, amountFen: 7502 * aBills.length })).receiptNo;
      await pay('branch1', { memberId: m.b, amountFen: 3200, payerMemberId: m.a });
      const second = await pay('branch1', { memberId: m.b, amountFen: 3200 });
      await ok('branch1', 'POST', `/api/dues/payments/${second.id}/reverse`, { reason: '重复登记' }, idem());

      // A 两新 branch under the street, and a return rate of 33%.
      m.c = await newMember('street1', lianxin.id, '党费报表丙');
      await ok('street1', 'POST', `/api/members/${m.c}/dues/base`, { duesCategory: 'in_service', baseFen: 500100, effectiveMonth: '2026-01' });
      await ok('street1', 'POST', '/api/dues/bills/generate', { orgId: lianxin.id, month: '2026-11' });
      const cBills = await bills('street1', lianxin.id, m.c);
      await pay('street1', { memberId: m.c, amountFen: cBills.reduce((t, b) => t + b.amountFen, 0) });
      await ok('street1', 'PUT', `/api/orgs/${street.id}/settings/dues.lianxinReturnPercent`, { value: 33 });
    });
    after(() => s.stop());

    test('member ledger: the months with 75.02 a month, payments with the reversal negative, no base; audited', async () => {
      const url = `/api/dues/reports/member-ledger?memberId=${m.a}&year=2026`;
      const rows = await sheetRows(await download('branch1', url, 'xlsx', 'member-ledger'));
      const flat = rows.flat();
      assert.ok(flat.includes('党费报表甲') && flat.includes('2026-11'), '党费交至 2026-11 after paying every bill');
      assert.ok(flat.includes('在职（按月领取工资）') && flat.includes('1.5%'));
      assert.ok(!flat.some((v) => v.includes('5001') || v.includes('500100')), 'the base itself never appears');
      const nov = rowStarting(rows, '2026-11')!;
      assert.deepEqual([nov[3], nov[4], nov[5], nov[6], nov[7]], ['75.02', '75.02', '已交', '2026-11-20', aReceipt]);
      assert.equal(rowStarting(rows, '2026-12')![5], '无账单');
      const total = rowStarting(rows, '合计')!;
      assert.deepEqual([total[3], total[4]], [cellYuan(7502 * aBills.length), cellYuan(7502 * aBills.length)]);
      const paidRow = rowStarting(rows, aReceipt)!;
      assert.equal(paidRow[3], cellYuan(7502 * aBills.length));
      const first = aBills.map((b) => b.month).sort()[0]!;
      assert.equal(paidRow[6], first === '2026-11' ? '2026-11' : `${first} 至 2026-11`, 'consecutive months shown as a run');

      // 乙: the 代缴 payment names 甲; the reversal is a negative entry and the net is one month.
      const rowsB = await sheetRows(await download('branch1', `/api/dues/reports/member-ledger?memberId=${m.b}&year=2026`, 'xlsx'));
      const reversal = rowsB.find((r) => r[1] === '冲正')!;
      assert.equal(reversal[3], '-32');
      assert.ok(reversal[7]!.includes('重复登记'));
      assert.ok(rowsB.some((r) => r[1] === '交纳' && r[5] === '党费报表甲'), '代缴人 shown');
      assert.equal(rowStarting(rowsB, '合计（净额）')![3], '32');

      const pdf = await download('branch1', url, 'pdf', 'member-ledger');
      if (hasPdftotext) {
        const text = pdfText(pdf.rawPayload);
        for (const want of ['党员党费缴纳明细', '党费报表甲', '75.02', aReceipt, '党费交至2026-11']) assert.ok(text.includes(want), `PDF shows ${want}`);
      }
      const audit = await one<{ details: Record<string, unknown>; target_type: string }>(
        s.platform.database.db,
        sql`SELECT details, target_type FROM audit_event WHERE action = 'dues.report.export' AND target_id = ${m.a} AND details->>'format' = 'pdf'`,
      );
      assert.equal(audit?.target_type, 'member');
      assert.deepEqual({ ...audit?.details, rowCount: undefined }, { report: 'member_ledger', format: 'pdf', memberId: m.a, period: '2026', rowCount: undefined });
    });

    test('member ledger: the member themself may download it; another member or an auditor may not; out of scope is 404', async () => {
      const me = (await ok('member1', 'GET', '/api/auth/me')).memberId as string;
      assert.equal((await call('member1', 'GET', `/api/dues/reports/member-ledger?memberId=${me}&year=2026`)).statusCode, 200);
      assertError(await call('member1', 'GET', `/api/dues/reports/member-ledger?memberId=${m.a}&year=2026`), 403, 'FORBIDDEN');
      assertError(await call('auditor', 'GET', `/api/dues/reports/member-ledger?memberId=${m.a}&year=2026`), 403, 'FORBIDDEN');
      assertError(await call('branch2', 'GET', `/api/dues/reports/member-ledger?memberId=${m.a}&year=2026`), 404, 'NOT_FOUND');
    });

    test('collection sheet: one row per member billed for the month, totals and rate from the bills', async () => {
      const url = `/api/dues/reports/collection-sheet?orgId=${branch.id}&month=2026-11`;
      const res = await download('branch1', url, 'xlsx', 'collection-sheet');
      const rows = await sheetRows(res);
      const a = rowStarting(rows, '党费报表甲', 1)!;
      assert.deepEqual([a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]], ['75.02', '75.02', '已交', '2026-11-20', aReceipt, '现金', '', '']);
      const b = rowStarting(rows, '党费报表乙', 1)!;
      assert.deepEqual([b[3], b[4], b[5]], ['32', '0', '未交']);
      const api = (await ok('branch1', 'GET', `/api/dues/bills?orgId=${branch.id}&month=2026-11&pageSize=1`)) as { total: number; totals: { amountFen: number; paidFen: number } };
      assert.equal(res.headers['x-row-count'], String(api.total));
      const total = rowStarting(rows, '合计', 1)!;
      assert.deepEqual([total[3], total[4]], [cellYuan(api.totals.amountFen), cellYuan(api.totals.paidFen)]);
      const rate = floorRate(api.totals.paidFen, api.totals.amountFen);
      assert.equal(rowStarting(rows, '收缴率', 1)![2], `${Math.floor(rate / 100)}.${String(rate % 100).padStart(2, '0')}%`);

      const pdf = await download('branch1', url, 'pdf', 'collection-sheet');
      if (hasPdftotext) {
        const text = pdfText(pdf.rawPayload);
        for (const want of ['党费收缴登记表', '党费报表甲', '党费报表乙', '75.02', '32.00', '本人签字', yuanText(api.totals.amountFen)]) assert.ok(text.includes(want), `PDF shows ${want}`);
      }
      // Above the branches the rows come grouped by branch with a subtotal each.
      const grouped = await sheetRows(await download('community1', `/api/dues/reports/collection-sheet?orgId=${community.id}&month=2026-11`, 'xlsx'));
      assert.ok(grouped.some((r) => r[0] === branch.name));
      assert.ok(rowStarting(grouped, '小计', 1)![2]!.startsWith(branch.name));
    });

    test('collection sheet: out of scope 404, no dues.read 403, bad input 400 naming the field, 党小组 422, an empty month', async () => {
      assertError(await call('branch2', 'GET', `/api/dues/reports/collection-sheet?orgId=${branch.id}&month=2026-11`), 404, 'NOT_FOUND');
      assertError(await call('auditor', 'GET', `/api/dues/reports/collection-sheet?orgId=${branch.id}&month=2026-11`), 403, 'FORBIDDEN');
      const badMonth = await call('branch1', 'GET', `/api/dues/reports/collection-sheet?orgId=${branch.id}&month=2026-13`);
      assertError(badMonth, 400, 'VALIDATION_FAILED', 'month');
      assert.match(badMonth.json().error.message, /月份/);
      const badFormat = await call('branch1', 'GET', `/api/dues/reports/collection-sheet?orgId=${branch.id}&month=2026-11&format=doc`);
      assertError(badFormat, 400, 'VALIDATION_FAILED', 'format');
      assert.match(badFormat.json().error.message, /格式应为 xlsx 或 pdf/);
      assertError(await call('branch1', 'GET', `/api/dues/reports/yearly?orgId=${branch.id}&year=1999`), 400, 'VALIDATION_FAILED', 'year');
      assertError(await call(null, 'GET', `/api/dues/reports/yearly?orgId=${branch.id}&year=2026`), 401, 'AUTH_REQUIRED');
      // 党小组 hold no dues of their own; an empty month is a valid (empty) sheet.
      const group = (await ok('branch1', 'GET', `/api/orgs/tree?rootId=${branch.id}&depth=1`))[0].children.find((c: TreeNode) => c.kind === 'group') as TreeNode;
      assertError(await call('branch1', 'GET', `/api/dues/reports/collection-sheet?orgId=${group.id}&month=2026-11`), 422, 'DUES_ORG_KIND_INVALID');
      const empty = await sheetRows(await download('branch1', `/api/dues/reports/collection-sheet?orgId=${branch.id}&month=2026-12`, 'xlsx'));
      assert.ok(empty.some((r) => r[0] === '该月没有党费账单（请先生成该月账单）。'));
      assert.equal(rowStarting(empty, '收缴率', 1)![2], '—');
      await download('branch1', `/api/dues/reports/collection-sheet?orgId=${branch.id}&month=2026-12`, 'pdf');
      await download('branch1', `/api/dues/reports/yearly?orgId=${branch.id}&year=2020`, 'pdf');
    });

    test('yearly report: per child by bill month, totals from dues_org_month; 两新 returns at the set percent', async () => {
      const res = await download('community1', `/api/dues/reports/yearly?orgId=${community.id}&year=2026`, 'xlsx', 'yearly-community');
      const rows = await sheetRows(res);
      const trend = async (orgId: string) => (await ok('community1', 'GET', `/api/dues/collection/trend?orgId=${orgId}&year=2026`)).months as { amountFen: number; paidFen: number }[];
      const expectRow = (r: string[], t: { amountFen: number; paidFen: number }[]) => {
        const paid = t.reduce((x, mo) => x + mo.paidFen, 0);
        const billed = t.reduce((x, mo) => x + mo.amountFen, 0);
        assert.deepEqual(r.slice(1, 15), [...t.map((mo) => cellYuan(mo.paidFen)), cellYuan(billed), cellYuan(paid)]);
        return { paid, billed };
      };
      // The branch's row, from dues_org_month, agrees with its bills month by month (paid credited to the bill's month).
      const fromBills = [];
      for (let mo = 1; mo <= 12; mo += 1) fromBills.push((await ok('community1', 'GET', `/api/dues/bills?orgId=${branch.id}&month=2026-${String(mo).padStart(2, '0')}&pageSize=1`)).totals);
      const mine = expectRow(rowStarting(rows, branch.name)!, fromBills);
      // Asked of the branch itself: its 党小组 are the children, the branch's own members the 本级 row.
      await download('branch1', `/api/dues/reports/yearly?orgId=${branch.id}&year=2026`, 'pdf', 'yearly-branch');
      const own = await sheetRows(await download('branch1', `/api/dues/reports/yearly?orgId=${branch.id}&year=2026`, 'xlsx'));
      expectRow(rowStarting(own, `${branch.name}（本级）`)!, fromBills);
      expectRow(rowStarting(own, '合计')!, fromBills);
      assert.ok(mine.paid >= 7502 * aBills.length + 3200 && mine.billed >= 7502 * aBills.length + 3200 * aBills.length, 'our bills are in the branch row');
      expectRow(rowStarting(rows, '合计')!, await trend(community.id));
      assert.ok(rows.some((r) => r[0] === '管辖范围内没有两新组织党组织。'));

      const streetRows = await sheetRows(await download('street1', `/api/dues/reports/yearly?orgId=${street.id}&year=2026`, 'xlsx', 'yearly-street'));
      const lx = rowStarting(streetRows, lianxin.name)!;
      const ret = streetRows.find((r) => r[0] === lianxin.name && r[1] === '非公企业')!;
      const paid = Math.round(Number(lx[14]) * 100);
      assert.ok(paid >= 7502, 'the 两新 branch collected');
      assert.equal(ret[3], cellYuan(paid));
      assert.equal(ret[4], '33%');
      assert.equal(ret[5], cellYuan(Math.floor((2 * paid * 33 + 100) / 200)), 'returns = collected × 33%, rounded half up to the fen');
      assert.equal(ret[6], cellYuan(paid - Math.floor((2 * paid * 33 + 100) / 200)));
      assert.ok(streetRows.some((r) => r[0] === '东城街道商圈联合党支部' && r[1] === '非公企业'), 'every 两新 org is listed');

      const pdf = await download('street1', `/api/dues/reports/yearly?orgId=${street.id}&year=2026`, 'pdf', 'yearly-street');
      if (hasPdftotext) {
        const text = pdfText(pdf.rawPayload);
        for (const want of ['党费收缴年度报表', '两新组织党费上缴与返还', lianxin.name, '大额党费未单独统计', yuanText(paid)]) assert.ok(text.includes(want), `PDF shows ${want}`);
      }
      assertError(await call('branch2', 'GET', `/api/dues/reports/yearly?orgId=${community.id}&year=2026`), 404, 'NOT_FOUND');
    });
  });
}
