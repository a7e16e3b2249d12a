import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { createTestMember } from '../../test-support/members.ts';
import { CHANGE_SHEET, changeLabels, LIST_SHEET, memberTables, NOTES_SHEET, ORG_LIST_SHEET, ORG_SHEET } from './stats.tables.layout.ts';
import { colOf, listAt, num, readTablesBook, rowOf, text, type TablesBook } from './stats.tables.testing.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MASKED_ID = /^\d{6}\*+[\dX]{4}$/;
const SHEETS = [...memberTables.map((t) => t.sheet), ORG_SHEET, CHANGE_SHEET, LIST_SHEET, ORG_LIST_SHEET, NOTES_SHEET];

/**
 * GET /api/stats/orgs/:id/tables.xlsx end to end: the workbook opens with exceljs; 表1's 合计 is the statistics API's
 * figure for the same date; every breakdown sums to the total; every linked figure has exactly that many rows in its
 * named list; 表7 balances after a member is admitted, one leaves and one transfers out; scope; a past date.
 */
for (const engine of engines) {
  describe(`党内统计 tables (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};

    before(async () => {
      s = await openTestServer(engine);
      const names = { chunhui: '中共明德区东城街道春晖社区委员会', chunhui1: '春晖社区第一网格党支部', heping1: '和平社区第一网格党支部' };
      for (const [k, name] of Object.entries(names)) org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
    });
    after(() => s.stop());

    const get = async (user: string | null, url: string) => s.request({ method: 'GET', url, ...(user ? { cookie: await s.login(user) } : {}) });
    const download = async (user: string, orgId: string, query = ''): Promise<TablesBook> => {
      const res = await get(user, `/api/stats/orgs/${orgId}/tables.xlsx${query}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], XLSX);
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="stats-tables-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
      return readTablesBook(res.rawPayload);
    };
    const apiMembers = async (user: string, orgId: string, asOf?: string) => {
      const res = await get(user, `/api/stats/orgs/${orgId}/members${asOf ? `?asOf=${asOf}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const ok = async (user: string, method: string, url: string, body?: unknown) => {
      const res = await s.request({ method, url, cookie: await s.login(user), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      assert.ok(res.statusCode === 200 || res.statusCode === 201, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };

    /** Every figure of the data rows of every table links to a list with exactly that many rows; masked IDs only. */
    function checkLinks(book: TablesBook): number {
      let checked = 0;
      for (const name of [...memberTables.map((t) => t.sheet), ORG_SHEET, CHANGE_SHEET]) {
        const ws = book.sheet(name);
        const links = book.links.get(name)!;
        const other = name === CHANGE_SHEET ? colOf(ws, '其他/未分类（差额）') : -1;
        const [lastRow, lastCol] = [ws.rowCount, ws.columnCount];
        for (let r = 5; r <= lastRow && text(ws, r, 1) !== ''; r++) {
          for (let c = 2; c < lastCol; c++) {
            if (c === other) continue;
            const n = num(ws, r, c);
            const ref = ws.getCell(r, c).address;
            if (n === 0) {
              assert.equal(links.get(ref), undefined, `${name}!${ref}: a zero has no list`);
              continue;
            }
            const link = links.get(ref);
            assert.ok(link, `${name}!${ref} (${n}) links to its list`);
            const list = listAt(book, link);
            assert.equal(list.rows.length, n, `${name}!${ref}: list ${list.id} has ${list.rows.length} rows for the figure ${n}`);
            assert.deepEqual(
              list.rows.map((x) => Number(x[4])),
              Array.from({ length: n }, (_, i) => i + 1),
              'numbered 1…n',
            );
            if (link.startsWith(`'${LIST_SHEET}'`)) for (const row of list.rows) assert.match(row[7]!, MASKED_ID, `${list.id}: ID number masked`);
            checked++;
          }
        }
      }
      return checked;
    }

    test('community1 downloads 春晖社区: the sheets, 表1 equals the statistics API, breakdowns sum, every figure links to its list', async () => {
      const fresh = await createTestMember(s, 'community1', org.chunhui1!, '统计核对员');
      const book = await download('community1', org.chunhui!);
      assert.deepEqual(book.names, SHEETS);
      const t1 = book.sheet(memberTables[0]!.sheet);
      const total = rowOf(t1, '合计');
      const api = await apiMembers('community1', org.chunhui!);
      assert.ok(api.total > 0);
      assert.equal(num(t1, total, 2), api.total, '表1 合计 = GET /api/stats/orgs/:id/members total');
      assert.equal(num(t1, total, colOf(t1, '女', '其中')), api.byGender.female);
      assert.equal(num(t1, total, colOf(t1, '预备党员', '其中')), api.byStatus.probationary);
      assert.equal(num(t1, total, colOf(t1, '大专及以上学历', '其中')), api.byEducation['10'] + api.byEducation['20'] + api.byEducation['30']);
      assert.equal(num(t1, total, colOf(t1, '61岁及以上', '年龄')), api.byAgeBand.ge61);
      assert.equal(num(t1, total, colOf(t1, '直管', '管理类别')), api.byCategory.resident);

      // Every member table: each breakdown group sums to the row's total, rows add up to 合计, the check says 平衡.
      for (const t of memberTables) {
        const ws = book.sheet(t.sheet);
        const last = rowOf(ws, '合计');
        for (let r = 5; r <= last; r++) {
          const rowTotal = num(ws, r, 2);
          let c = 2 + 1 + t.subsets.length;
          for (const g of t.groups) {
            const sum = g.reduce((acc, _col, i) => acc + num(ws, r, c + i), 0);
            assert.equal(sum, rowTotal, `${t.sheet} row ${r}: ${g[0]!.group} sums to ${rowTotal}`);
            c += g.length;
          }
          assert.equal(text(ws, r, ws.columnCount), '平衡');
          assert.equal(ws.getCell(r, ws.columnCount).formula?.startsWith('IF(AND(SUM('), true, 'the check column is a formula');
        }
        for (let c = 2; c < ws.columnCount; c++) {
          let sum = 0;
          for (let r = 5; r < last; r++) sum += num(ws, r, c);
          assert.equal(sum, num(ws, last, c), `${t.sheet} column ${c}: rows add up to 合计`);
        }
      }
      const t2 = book.sheet(memberTables[1]!.sheet);
      assert.equal(num(t2, rowOf(t2, '合计'), colOf(t2, '大学本科', '学历')), api.byEducation['20']);

      // 表6 equals the API's org figures.
      const overview = (await get('community1', `/api/stats/orgs/${org.chunhui}/overview`)).json();
      const t6 = book.sheet(ORG_SHEET);
      assert.equal(num(t6, rowOf(t6, '合计'), 2), overview.orgs.total);
      assert.equal(num(t6, rowOf(t6, '合计'), colOf(t6, '党支部', '按组织类型')), overview.orgs.byKind.branch);

      const checked = checkLinks(book);
      assert.ok(checked > 50, `${checked} figures checked against their lists`);
      // No plaintext ID number anywhere in the file; the masked one is in the lists.
      const plain = fresh.idNumber;
      for (const [part, xml] of book.parts) assert.ok(!xml.includes(plain), `${part} holds a plaintext ID number`);
      assert.ok(book.parts.get('xl/worksheets/sheet8.xml')!.includes(`${plain.slice(0, 6)}********${plain.slice(-4)}`), 'the masked ID number is listed');

      const audit = await rows<{ details: { asOf: string } }>(s.platform.database.db, sql`SELECT details FROM audit_event WHERE action = 'stats.tables.export' AND target_id = ${org.chunhui}`);
      assert.ok(audit.length >= 1 && audit.at(-1)!.details.asOf === s.platform.clock.today(), 'the export is audited');
    });

    test('表7 balances after a member is admitted, one leaves and one transfers out', async () => {
      const today = s.platform.clock.today();
      const year = today.slice(0, 4);
      const change = (book: TablesBook, row: string) => {
        const ws = book.sheet(CHANGE_SHEET);
        const r = rowOf(ws, row);
        const at = (label: string, group?: string) => num(ws, r, colOf(ws, label, group));
        const names = (label: string, group: string) => {
          const link = book.links.get(CHANGE_SHEET)!.get(ws.getCell(r, colOf(ws, label, group)).address);
          return link ? listAt(book, link).rows.map((x) => x[5]) : [];
        };
        return {
          start: num(ws, r, 2),
          developed: at(changeLabels.developed.label, '本年增加'),
          left: at(changeLabels.left.label, '本年减少'),
          out: at(changeLabels.transferred_out.label, '本年减少'),
          inc: ['developed', 'transferred_in', 'restored', 'other_in'].reduce((a, k) => a + at(changeLabels[k as 'developed'].label, '本年增加'), 0),
          dec: ['transferred_out', 'left', 'suspended', 'died', 'other_out'].reduce((a, k) => a + at(changeLabels[k as 'left'].label, '本年减少'), 0),
          other: at('其他/未分类（差额）'),
          end: num(ws, r, ws.columnCount - 1),
          check: text(ws, r, ws.columnCount),
          names,
        };
      };
      const before = change(await download('community1', org.chunhui!, `?year=${year}`), '合计');

      const admitted = (await createTestMember(s, 'community1', org.chunhui1!, '统计新党员', { joinedOn: `${year}-03-01`, status: 'probationary', fullMemberOn: null })).id;
      const leaver = (await createTestMember(s, 'community1', org.chunhui1!, '统计退党员')).id;
      await ok('community1', 'POST', `/api/members/${leaver}/leave`, { kind: 'withdrawal', leftOn: today, reason: '本人申请退党' });
      const mover = (await createTestMember(s, 'community1', org.chunhui1!, '统计转出员')).id;
      const t = await ok('community1', 'POST', '/api/transfers', { memberId: mover, toOrgId: org.heping1, reason: '居住地变更' });
      for (let i = 0; i < 3; i++) await ok('district', 'POST', `/api/transfers/${t.id}/approve`, {});
      assert.equal((await ok('district', 'GET', `/api/transfers/${t.id}`)).status, 'completed');
      assert.ok(admitted);

      const book = await download('community1', org.chunhui!, `?year=${year}`);
      const after = change(book, '合计');
      // The two files created today with a 2010 join date count at the year's start (history reads the join date).
      assert.equal(after.start, before.start + 2);
      assert.equal(after.developed, before.developed + 1);
      assert.equal(after.left, before.left + 1);
      assert.equal(after.out, before.out + 1);
      assert.equal(after.end, before.end + 1);
      for (const x of [before, after]) {
        assert.equal(x.start + x.inc - x.dec + x.other, x.end, 'start + increases − decreases + other = end');
        assert.equal(x.other, 0, 'every change is classified');
        assert.equal(x.check, '平衡');
      }
      assert.ok(after.names(changeLabels.developed.label, '本年增加').includes('统计新党员'));
      assert.ok(after.names(changeLabels.left.label, '本年减少').includes('统计退党员'));
      assert.ok(after.names(changeLabels.transferred_out.label, '本年减少').includes('统计转出员'));
      assert.equal(after.end, (await apiMembers('community1', org.chunhui!)).total, '期末 = the statistics API today');
      assert.equal(after.start, (await apiMembers('community1', org.chunhui!, `${Number(year) - 1}-12-31`)).total, '年初 = the statistics API on 31 December');
      // The branch row balances too; the rows of 表7 are each balanced.
      const branch = change(book, '春晖社区第一网格党支部');
      assert.equal(branch.start + branch.inc - branch.dec + branch.other, branch.end);
      assert.equal(branch.other, 0);
      checkLinks(book);
    });

    test('an earlier asOf gives the history figure, lists included; year=YYYY means 31 December', async () => {
      const yesterday = new Date(Date.parse(`${s.platform.clock.today()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const book = await download('community1', org.chunhui!, `?asOf=${yesterday}`);
      const t1 = book.sheet(memberTables[0]!.sheet);
      const api = await apiMembers('community1', org.chunhui!, yesterday);
      assert.equal(num(t1, rowOf(t1, '合计'), 2), api.total);
      assert.notEqual(api.total, (await apiMembers('community1', org.chunhui!)).total, 'the past figure differs from today (the leaver and the mover were still here)');
      assert.equal(num(t1, rowOf(t1, '合计'), colOf(t1, '预备党员', '其中')), api.byStatus.probationary);
      assert.match(text(t1, 2, 1), new RegExp(`统计日期：${yesterday}`));
      checkLinks(book);

      const res = await get('community1', `/api/stats/orgs/${org.chunhui}/tables.xlsx?year=2025`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-disposition']), /stats-tables-2025-12-31\.xlsx/);
      const past = await readTablesBook(res.rawPayload);
      assert.equal(num(past.sheet(memberTables[0]!.sheet), rowOf(past.sheet(memberTables[0]!.sheet), '合计'), 2), (await apiMembers('community1', org.chunhui!, '2025-12-31')).total);
    });

    test('lists are capped by the setting: a cut list says so, later figures link to the notice', async () => {
      await ok('community1', 'PUT', `/api/orgs/${org.chunhui}/settings/stats.tablesListRowLimit`, { value: 100 });
      try {
        const book = await download('community1', org.chunhui!);
        const list = book.sheet(LIST_SHEET);
        let listed = 0;
        let cut = false;
        const last = list.rowCount;
        for (let r = 5; r <= last; r++) {
          if (/^L\d{4}$/.test(text(list, r, 1))) listed++;
          if (text(list, r, 1).startsWith('（名单已截断')) cut = true;
        }
        assert.equal(listed, 100);
        assert.ok(cut, 'the cut list says it was cut');
        const t1 = book.sheet(memberTables[0]!.sheet);
        const totalRef = t1.getCell(rowOf(t1, '合计'), 2).address;
        assert.equal(book.links.get(t1.name)!.get(totalRef), `'${LIST_SHEET}'!A2`, 'a figure without a list links to the notice');
        assert.match(text(book.sheet(NOTES_SHEET), 7, 1), /未完整列出/);
      } finally {
        await ok('community1', 'PUT', `/api/orgs/${org.chunhui}/settings/stats.tablesListRowLimit`, { value: null });
      }
    });

    test('scope and bad input: 404 out of scope, 403 without stats.read, 401, 400 for a future date or both asOf and year', async () => {
      const url = `/api/stats/orgs/${org.chunhui}/tables.xlsx`;
      for (const [user, status, code] of [
        ['community2', 404, 'NOT_FOUND'],
        ['branch2', 404, 'NOT_FOUND'],
        ['member1', 403, 'FORBIDDEN'],
      ] as const) {
        const res = await get(user, url);
        assertSafe(res);
        assertError(res, status, code);
      }
      assertError(await get(null, url), 401, 'AUTH_REQUIRED');
      assertError(await get('community1', `/api/stats/orgs/00000000-0000-4000-8000-000000000000/tables.xlsx`), 404, 'NOT_FOUND');
      assertError(await get('community1', `/api/stats/orgs/not-a-uuid/tables.xlsx`), 400, 'VALIDATION_FAILED');
      assertError(await get('community1', `${url}?asOf=2999-01-01`), 400, 'VALIDATION_FAILED', 'asOf');
      assertError(await get('community1', `${url}?asOf=2025-02-30`), 400, 'VALIDATION_FAILED');
      assertError(await get('community1', `${url}?asOf=2025-12-31&year=2025`), 400, 'VALIDATION_FAILED', 'year');
      assertError(await get('community1', `${url}?year=abc`), 400, 'VALIDATION_FAILED');
      const denied = await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'stats.tables.export' AND actor_username = 'community2'`);
      assert.equal(denied!.n, 0, 'nothing exported, nothing audited');
    });
  });
}
