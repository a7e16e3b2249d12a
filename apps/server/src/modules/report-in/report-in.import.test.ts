import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { freshIdNumber } from '../../test-support/members.ts';
import { minimalXlsxParts, multipartOf, xlsxOf, zipOf } from '../../test-support/xlsx.ts';
import { COMMUNITIES, fixtures } from './report-in.fixtures.ts';

/** 报到党员 import: the template with its community directory, per-row errors naming row and column, good rows kept. */
for (const engine of engines) {
  describe(`report-in import (${engine})`, () => {
    let s: TestServer;
    const f = fixtures(() => s);
    let chunhuiCode = '';

    before(async () => {
      s = await openTestServer(engine);
      const dir = await f.ok('unit1', 'GET', `/api/report-in/communities?q=${encodeURIComponent('春晖')}`);
      chunhuiCode = dir.find((c: { name: string }) => c.name === COMMUNITIES.chunhui).code;
    });
    after(() => s.stop());

    async function upload(user: string, unitId: string, file: Buffer) {
      const { payload, headers } = multipartOf('file', '报到党员.xlsx', file);
      const res = await s.app.inject({ method: 'POST', url: `/api/report-in/import?unitId=${unitId}`, payload, headers: { ...headers, cookie: await s.login(user) } });
      assertSafe(res);
      return res;
    }

    test('the template lists the communities to copy codes from', async () => {
      const res = await f.call('unit1', 'GET', '/api/report-in/template');
      assert.equal(res.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      assert.deepEqual(wb.worksheets.map((w) => w.name), ['报到党员', '社区目录', '填写说明']);
      assert.deepEqual((wb.getWorksheet('报到党员')!.getRow(1).values as unknown[]).slice(1), ['姓名*', '身份证号码*', '手机号码', '报到社区*']);
      const codes = wb.getWorksheet('社区目录')!.getColumn(1).values as unknown[];
      assert.ok(codes.includes(chunhuiCode));
      assertError(await f.call('community1', 'GET', '/api/report-in/template'), 403, 'FORBIDDEN');
    });

    test('bad rows come back with row, column and reason; good rows are registered; one notice per community', async () => {
      const units = await f.ok('unit1', 'GET', '/api/report-in/units');
      const unitId = units[0].id as string;
      const good = [freshIdNumber().idNumber, freshIdNumber().idNumber, freshIdNumber().idNumber];
      const bad = freshIdNumber().idNumber;
      const file = await xlsxOf({
        rows: [
          ['姓名*', '身份证号码*', '手机号码', '报到社区*'],
          ['导入甲', good[0]!, '13811112222', chunhuiCode],
          ['导入乙', good[1]!, null, '和平社区'],
          ['导入丙', bad.slice(0, 17) + (bad.endsWith('1') ? '2' : '1'), null, chunhuiCode],
          ['导入丁', good[2]!, '12345', '社区'],
          ['X', freshIdNumber().idNumber, null, '不存在的社区'],
          ['导入戊', good[0]!, null, chunhuiCode],
          [null, null, null, null],
        ],
        numFmt: { 2: '@', 3: '@' },
      });
      const res = await upload('unit1', unitId, file);
      assert.equal(res.statusCode, 200, res.body);
      const out = res.json() as { imported: number; errors: { row: number; column: string; message: string }[] };
      assert.equal(out.imported, 2);
      const by = (row: number) => out.errors.filter((e) => e.row === row).map((e) => `${e.column}:${e.message}`);
      assert.deepEqual(by(4), ['B:身份证号码校验位错误']);
      assert.deepEqual(by(5).map((x) => x.slice(0, 2)), ['C:', 'D:'], 'a bad phone and an ambiguous community, both named');
      assert.match(by(5)[1]!, /请填写“社区目录”中的编码/);
      assert.deepEqual(by(6).map((x) => x.slice(0, 2)), ['A:', 'D:']);
      assert.deepEqual(by(7), ['B:该党员已有待确认或已报到的社区报到，不能重复报到；如居住地变更，请先结束原报到']);
      assert.deepEqual(by(8), [], 'blank rows are skipped');
      const listed = await f.ok('unit1', 'GET', `/api/report-in?unitId=${unitId}&q=${encodeURIComponent('导入')}`);
      assert.deepEqual(listed.items.map((r: { name: string }) => r.name).sort(), ['导入乙', '导入甲']);
      // One notice per community for the whole import, counting its rows.
      for (const u of ['community1', 'community2']) {
        const [latest, previous] = (await f.ok(u, 'GET', '/api/notifications?pageSize=5')).items as { title: string; body: string }[];
        assert.equal(latest!.title, '在职党员报到待确认：明德区教育局', u);
        assert.match(latest!.body, /有 1 名在职党员/);
        assert.notEqual(previous?.body, latest!.body);
      }
    });

    test('not a workbook, or another unit: refused', async () => {
      const units = await f.ok('unit1', 'GET', '/api/report-in/units');
      assertError(await upload('unit1', units[0].id, Buffer.from('not a spreadsheet')), 400, 'VALIDATION_FAILED', 'file');
      const other = await f.newUnit('导入别家');
      assertError(await upload('unit1', other.unitId, await xlsxOf({ rows: [['姓名*'], ['某人']] })), 404, 'NOT_FOUND');
    });

    test('an empty workbook imports nothing; a sheet that breaks part-way is refused, never a 5xx', async () => {
      const units = await f.ok('unit1', 'GET', '/api/report-in/units');
      const empty = await upload('unit1', units[0].id, await xlsxOf({ rows: [] }));
      assert.equal(empty.statusCode, 200, empty.body);
      assert.deepEqual(empty.json(), { imported: 0, errors: [] });
      // The sheet inflates past the size its zip headers declare: the reader throws only while streaming rows.
      const zeros = Buffer.alloc(64 * 1024, '<row r="2"><c r="A2" t="inlineStr"><is><t>某人</t></is></c></row>');
      const broken = zipOf(minimalXlsxParts(Buffer.concat([Buffer.from('<worksheet><sheetData>'), zeros]), 1024));
      const res = await upload('unit1', units[0].id, broken);
      assert.ok(res.statusCode < 500, res.body);
      assertError(res, 400, 'VALIDATION_FAILED', 'file');
    });
  });
}
