import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { exportHeaders, exportTuning } from './member.export.ts';
import { neutraliseCell } from '../../platform/files/spreadsheet.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MASKED_ID = /^\d{6}\*+[\dX]{4}$/;
const MASKED_PHONE = /^\d{3}\*{4}\d{4}$/;
const col = (h: (typeof exportHeaders)[number]) => exportHeaders.indexOf(h) + 1;

interface Sheet {
  headers: string[];
  rows: string[][];
}

async function readXlsx(payload: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= exportHeaders.length; i++) {
      const v = row.getCell(i).value;
      assert.ok(v === null || typeof v === 'string', `cell ${row.number}:${i} should be text, got ${JSON.stringify(v)}`);
      cells.push(v ?? '');
    }
    out.push(cells);
  });
  return { headers: out[0] ?? [], rows: out.slice(1) };
}

interface ListItem {
  id: string;
  name: string;
  idNumber: string;
  orgId: string;
}

for (const engine of engines) {
  describe(`member Excel export (${engine})`, () => {
    let s: TestServer;
    before(async () => {
      s = await openTestServer(engine);
    });
    after(() => s.stop());

    const download = async (user: string | null, query = '') => {
      const res = await s.request({ method: 'GET', url: `/api/members/export.xlsx${query}`, ...(user ? { cookie: await s.login(user) } : {}) });
      assertSafe(res);
      return res;
    };
    /** Every page of the list for these filters. */
    const listAll = async (user: string, query = '') => {
      const items: ListItem[] = [];
      let total = 0;
      for (let page = 1; ; page++) {
        const res = await s.request({ method: 'GET', url: `/api/members?pageSize=100&page=${page}${query ? '&' + query : ''}`, cookie: await s.login(user) });
        assert.equal(res.statusCode, 200, res.body);
        total = res.json().total;
        items.push(...res.json().items);
        if (items.length >= total || res.json().items.length === 0) break;
      }
      return { items, total };
    };
    const key = (name: string, id: string) => `${name}|${id}`;

    test('community1 downloads its scope: Chinese headers, the list’s rows, PII masked', async () => {
      const res = await download('community1');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], XLSX);
      assert.match(String(res.headers['content-disposition']), /^attachment;.*filename\*=UTF-8''%E5%85%9A%E5%91%98%E5%90%8D%E5%8D%95-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const sheet = await readXlsx(res.rawPayload);
      assert.deepEqual(sheet.headers, [...exportHeaders]);
      const list = await listAll('community1');
      assert.ok(list.total > 0);
      assert.equal(sheet.rows.length, list.total);
      for (const r of sheet.rows) {
        assert.match(r[col('身份证号码') - 1]!, MASKED_ID);
        const phone = r[col('手机号码') - 1]!;
        if (phone) assert.match(phone, MASKED_PHONE);
        assert.match(r[col('出生日期') - 1]!, /^\d{4}-\d{2}-\d{2}$/);
        assert.ok(['男', '女'].includes(r[col('性别') - 1]!));
        assert.ok(['正式党员', '预备党员'].includes(r[col('党员类型') - 1]!));
        assert.equal(r[col('状态') - 1], '在册');
      }
      const exported = sheet.rows.map((r) => key(r[0]!, r[col('身份证号码') - 1]!)).sort();
      assert.deepEqual(exported, list.items.map((m) => key(m.name, m.idNumber)).sort(), 'exactly the rows of the list');
      // Nothing outside community1's subtree: the whole district has more members, and none of the others appear.
      const all = await listAll('district');
      assert.ok(all.total > list.total);
      const inScope = new Set(list.items.map((m) => m.id));
      const outside = new Set(all.items.filter((m) => !inScope.has(m.id)).map((m) => key(m.name, m.idNumber)));
      assert.ok(exported.every((k) => !outside.has(k)));
    });

    test('filters: status=probationary and orgId match the list total; out-of-scope orgId 404', async () => {
      const probationary = await listAll('community1', 'status=probationary');
      const res = await download('community1', '?status=probationary');
      assert.equal(res.statusCode, 200, res.body);
      const sheet = await readXlsx(res.rawPayload);
      assert.equal(sheet.rows.length, probationary.total);
      assert.ok(sheet.rows.every((r) => r[col('党员类型') - 1] === '预备党员'));
      const orgId = probationary.items[0]?.orgId ?? (await listAll('community1')).items[0]!.orgId;
      const byOrg = await listAll('community1', `orgId=${orgId}`);
      const sheet2 = await readXlsx((await download('community1', `?orgId=${orgId}`)).rawPayload);
      assert.equal(sheet2.rows.length, byOrg.total);
      const district = await listAll('district');
      const mine = new Set((await listAll('community1')).items.map((m) => m.orgId));
      const foreignOrg = district.items.find((m) => !mine.has(m.orgId))!.orgId;
      assertError(await download('community1', `?orgId=${foreignOrg}`), 404, 'NOT_FOUND');
      assertError(await download('community1', '?status=nonsense'), 400, 'VALIDATION_FAILED');
    });

    test('unmask: 403 without member.pii.unmask, 400 without a reason, full ID numbers with one, audited once', async () => {
      assertError(await download('community1', '?unmask=true&reason=' + encodeURIComponent('核对党员信息统计报表数据')), 403, 'FORBIDDEN');
      assertError(await download('district', '?unmask=true'), 400, 'MEMBER_UNMASK_REASON_REQUIRED', 'reason');
      const reason = '年度党内统计报表核对党员基本信息';
      const res = await download('district', `?unmask=true&status=probationary&reason=${encodeURIComponent(reason)}`);
      assert.equal(res.statusCode, 200, res.body);
      const sheet = await readXlsx(res.rawPayload);
      const list = await listAll('district', 'status=probationary');
      assert.equal(sheet.rows.length, list.total);
      assert.ok(sheet.rows.length > 0);
      for (const r of sheet.rows) assert.match(r[col('身份证号码') - 1]!, /^\d{17}[\dX]$/);
      const audit = await rows<{ details: Record<string, unknown>; text: string; actor: string }>(
        s.platform.database.db,
        sql`SELECT details, details::text AS text, actor_username AS actor FROM audit_event WHERE action = 'member.export' AND details->>'unmasked' = 'true'`,
      );
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor, 'district');
      assert.equal(audit[0]!.details.rowCount, list.total);
      assert.equal(audit[0]!.details.reason, reason);
      assert.deepEqual(audit[0]!.details.filters, { status: 'probationary' });
      for (const r of sheet.rows) assert.ok(!audit[0]!.text.includes(r[col('身份证号码') - 1]!), 'no PII in the audit event');
      const masked = await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'member.export' AND details->>'unmasked' = 'false'`);
      assert.ok(masked!.n >= 1, 'masked exports are audited too');
    });

    test('formula injection: cells starting with = + - @ come back as text prefixed with a quote', async () => {
      const community = await listAll('community1');
      const payloads = ['=HYPERLINK("http://x","y")', '+1+1', '@SUM(A1)', '-2+3'];
      const targets = community.items.slice(0, payloads.length);
      for (const [i, m] of targets.entries()) {
        const res = await s.request({ method: 'PATCH', url: `/api/members/${m.id}`, cookie: await s.login('district'), body: { workUnit: payloads[i] } });
        assert.equal(res.statusCode, 200, res.body);
      }
      const sheet = await readXlsx((await download('community1')).rawPayload);
      for (const [i, m] of targets.entries()) {
        const row = sheet.rows.find((r) => r[0] === m.name && r[col('身份证号码') - 1] === m.idNumber);
        assert.ok(row, `${m.name} exported`);
        assert.equal(row[col('工作单位') - 1], `'${payloads[i]}`);
      }
      assert.equal(neutraliseCell('\tcmd'), "'\tcmd");
      assert.equal(neutraliseCell('中共党员'), '中共党员');
      assert.equal(neutraliseCell(null), '');
    });

    test('rows are read page by page: small pages give exactly the list, no row lost or repeated', async () => {
      const list = await listAll('district');
      exportTuning.pageSize = 7;
      try {
        const sheet = await readXlsx((await download('district')).rawPayload);
        assert.equal(sheet.rows.length, list.total);
        assert.deepEqual(sheet.rows.map((r) => key(r[0]!, r[col('身份证号码') - 1]!)).sort(), list.items.map((m) => key(m.name, m.idNumber)).sort());
      } finally {
        exportTuning.pageSize = 1000;
      }
    });

    test('anonymous 401, a plain member 403', async () => {
      assertError(await download(null), 401, 'AUTH_REQUIRED');
      assertError(await download('member1'), 403, 'FORBIDDEN');
    });
  });
}
