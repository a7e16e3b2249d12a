import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe, findInTree, type TreeNode } from '../../test-support/assertions.ts';
import { minimalXlsxParts, multipartOf, xlsxOf, zipOf, type SheetCell } from '../../test-support/xlsx.ts';
import { one } from '../../platform/db/db.ts';
import { idCheckChar } from './member.rules.ts';
import { importTuning } from './member.import.ts';

/** A valid ID number under a region the demo seed never uses, so it is new to the database. */
function newId(birth: string, gender: 'male' | 'female', n: number): string {
  const seq = (n % 100) * 10 + (gender === 'male' ? 1 : 2);
  const body = `440305${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

const HEADER = ['姓名', '身份证号码', '性别', '出生日期', '民族', '入党日期', '党员类型', '转正日期', '所在党组织', '党小组', '管理类别', '手机号码'];

interface Person {
  name: string;
  id: string;
  gender?: string;
  birth?: SheetCell;
  joined: SheetCell;
  status: string;
  full?: SheetCell;
  org: string;
  group?: string;
  category?: string;
  phone?: SheetCell;
}
const personRow = (p: Person): SheetCell[] => [p.name, p.id, p.gender ?? null, p.birth ?? null, '汉族', p.joined, p.status, p.full ?? null, p.org, p.group ?? null, p.category ?? null, p.phone ?? null];

for (const engine of engines) {
  describe(`member Excel import (${engine})`, () => {
    let s: TestServer;
    let branch: TreeNode;
    let community: TreeNode;
    before(async () => {
      s = await openTestServer(engine);
      const tree = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('community1') })).json() as TreeNode[];
      community = tree[0]!;
      branch = findInTree(tree, '春晖社区第一网格党支部');
    });
    after(() => s.stop());

    const upload = async (file: Buffer, query: string, user = 'community1', filename = '党员.xlsx') => {
      const body = multipartOf('file', filename, file);
      const res = await s.request({ method: 'POST', url: `/api/members/import?${query}`, cookie: await s.login(user), body: body.payload, headers: body.headers });
      assertSafe(res);
      return res;
    };
    const memberCount = async () => Number((await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM member`))!.n);
    const listByName = async (name: string) =>
      (await s.request({ method: 'GET', url: `/api/members?q=${encodeURIComponent(name)}`, cookie: await s.login('community1') })).json().items as { name: string; orgId: string; groupId: string | null; birthDate: string; joinedOn: string; gender: string }[];

    test('the template: data sheet first with the import headers, text-format ID column, notes, drop-downs, and the org’s branches with codes', async () => {
      const res = await s.request({ method: 'GET', url: `/api/members/import-template?orgId=${community.id}`, cookie: await s.login('community1') });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const [data, guide, lists] = wb.worksheets;
      assert.equal(data!.name, '党员信息');
      const headers = (data!.getRow(1).values as string[]).slice(1);
      assert.ok(headers.includes('姓名*') && headers.includes('身份证号码*') && headers.includes('所在党组织'));
      const idCol = headers.indexOf('身份证号码*') + 1;
      assert.equal(data!.getColumn(idCol).numFmt, '@');
      assert.match(String(data!.getRow(1).getCell(idCol).note), /文本格式/);
      assert.equal(data!.getCell(`${String.fromCharCode(64 + headers.indexOf('党员类型*') + 1)}2`).dataValidation?.type, 'list');
      assert.equal(guide!.name, '填写说明');
      const listed = new Map<string, string>();
      lists!.eachRow((row, n) => {
        if (n > 1 && row.getCell(6).value) listed.set(String(row.getCell(6).value), String(row.getCell(7).value));
      });
      assert.equal(listed.get(branch.name), branch.code);
      assert.ok(![...listed.keys()].some((n) => n.includes('和平')), 'another community’s branches are not listed');
      // Outside the caller's scope: 404.
      const other = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('community2') })).json()[0] as TreeNode;
      assertError(await s.request({ method: 'GET', url: `/api/members/import-template?orgId=${other.id}`, cookie: await s.login('community1') }), 404, 'NOT_FOUND');
    });

    test('a real-world sheet imports: title row, merged two-row header, full-width digits, Excel and text dates, org by name and by code, blank rows', async () => {
      const tree = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('community1') })).json() as TreeNode[];
      const second = findInTree(tree, '春晖社区第二网格党支部');
      const group = branch.children.find((c) => c.kind === 'group')!;
      const fullWidth = (x: string) => x.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      const file = await xlsxOf({
        rows: [
          ['春晖社区党员花名册（2026 年）'],
          ['姓名', '身份证号码', '基本信息', null, null, '党籍', null, null, '所在党组织', '党小组', '管理类别', '手机号码'],
          [null, null, '性别', '出生日期', '民族', '入党日期', '党员类型', '转正日期', null, null, null, null],
          personRow({ name: '导入甲', id: fullWidth(newId('1980-05-06', 'male', 1)), gender: '男', birth: new Date(Date.UTC(1980, 4, 6)), joined: new Date(Date.UTC(2005, 6, 1)), status: '正式党员', full: '2006年7月1日', org: branch.name, group: group.name, phone: 13800138001 }),
          [],
          personRow({ name: '导入乙', id: newId('1992-11-30', 'female', 2), joined: '2016/6/28', status: '预备', org: second.code, category: '双管', phone: '１３８００１３８００２' }),
          personRow({ name: '导入　丙', id: newId('1975-01-15', 'male', 3), gender: '男', birth: '1975.1.15', joined: '19990701', status: '正式党员', full: '2000-07-01', org: ` ${branch.name} ` }),
        ],
        merges: ['A1:L1', 'A2:A3', 'B2:B3', 'C2:E2', 'F2:H2', 'I2:I3', 'J2:J3', 'K2:K3', 'L2:L3'],
      });
      const before = await memberCount();
      const res = await upload(file, `orgId=${community.id}&mode=all`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { imported: 3, failed: 0, errors: [] });
      assert.equal(await memberCount(), before + 3);
      const [jia] = await listByName('导入甲');
      assert.equal(jia!.orgId, branch.id);
      assert.equal(jia!.groupId, group.id);
      assert.equal(jia!.birthDate, '1980-05-06');
      assert.equal(jia!.joinedOn, '2005-07-01');
      const [yi] = await listByName('导入乙');
      assert.equal(yi!.orgId, second.id);
      assert.equal(yi!.gender, 'female', 'derived from the ID number when blank');
      assert.equal(yi!.birthDate, '1992-11-30');
      assert.equal((await listByName('导入 丙')).length, 1, 'the full-width space is folded');
      await s.flushAudit();
      const audit = await one<{ details: { source: string; imported: number } }>(s.platform.database.db, sql`SELECT details FROM audit_event WHERE action = 'member.bulk_create' ORDER BY seq DESC LIMIT 1`);
      assert.equal(audit!.details.source, 'excel-import');
      assert.equal(audit!.details.imported, 3);
    });

    test('broken rows: every error names the Excel row and column in Chinese; mode all imports nothing, valid_only the good rows', async () => {
      const existing = await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM member WHERE org_id = ${branch.id} AND state = 'active' LIMIT 1`);
      const unmasked = await s.request({ method: 'GET', url: `/api/members/${existing!.id}?unmask=idNumber&reason=${encodeURIComponent('核对导入重复数据')}`, cookie: await s.login('district') });
      const takenId = unmasked.json().idNumber as string;
      assert.match(takenId, /^\d{17}[\dX]$/, unmasked.body);
      const good = newId('1988-08-08', 'male', 10);
      const right = newId('1990-01-01', 'male', 11);
      const badCheck = right.slice(0, 17) + (right[17] === '0' ? '1' : '0');
      const rows: SheetCell[][] = [
        HEADER,
        personRow({ name: '好人一', id: good, joined: '2010-07-01', status: '正式党员', full: '2011-07-01', org: branch.name }), // 2
        personRow({ name: '坏校验', id: badCheck, joined: '2010-07-01', status: '正式党员', full: '2011-07-01', org: branch.name }), // 3
        personRow({ name: '同文件重复', id: good, joined: '2010-07-01', status: '正式党员', full: '2011-07-01', org: branch.name }), // 4
        personRow({ name: '库中重复', id: takenId, joined: '2010-07-01', status: '正式党员', full: '2011-07-01', org: branch.name }), // 5
        personRow({ name: '坏日期', id: newId('1991-02-03', 'female', 12), joined: '2023-02-30', status: '正式党员', full: '2024-02-30', org: branch.name }), // 6
        [], // 7: empty, skipped
        personRow({ name: '数字身份证', id: '', joined: '2010-07-01', status: '正式党员', full: '2011-07-01', org: branch.name }), // 8 (number set below)
        personRow({ name: '未知组织', id: newId('1993-03-03', 'male', 13), joined: '2015-07-01', status: '预备党员', org: '不存在的党支部' }), // 9
        personRow({ name: '未满十八', id: newId('2000-06-01', 'male', 14), joined: '2017-07-01', status: '预备党员', org: branch.name }), // 10
        personRow({ name: '类型不明', id: newId('1985-05-05', 'female', 15), joined: '2010-07-01', status: '积极分子', org: branch.name, phone: '12345' }), // 11
        personRow({ name: '好人二', id: newId('1986-06-06', 'female', 16), joined: '2012-07-01', status: '预备党员', org: branch.code }), // 12
      ];
      rows[7]![1] = Number('440305199001011234'); // what Excel keeps of it: 15 significant digits
      const file = await xlsxOf({ rows });
      const before = await memberCount();

      const all = await upload(file, `orgId=${community.id}&mode=all`);
      assert.equal(all.statusCode, 200, all.body);
      const report = all.json() as { imported: number; failed: number; errors: { row: number; column: string | null; code: string; message: string }[] };
      assert.equal(report.imported, 0);
      assert.equal(await memberCount(), before, 'mode all: nothing half-imported');
      const at = (row: number) => report.errors.filter((e) => e.row === row);
      assert.deepEqual(at(2), []);
      assert.deepEqual(at(12), []);
      assert.equal(at(3)[0]!.column, 'B');
      assert.equal(at(3)[0]!.code, 'MEMBER_ID_NUMBER_INVALID');
      assert.match(at(3)[0]!.message, /^身份证号码：?.*校验位/);
      assert.equal(at(4)[0]!.code, 'MEMBER_ID_NUMBER_DUPLICATE');
      assert.match(at(4)[0]!.message, /本批次/);
      assert.equal(at(5)[0]!.code, 'MEMBER_ID_NUMBER_DUPLICATE');
      assert.match(at(5)[0]!.message, /已登记/);
      assert.deepEqual(at(6).map((e) => [e.column, e.code]), [['F', 'MEMBER_IMPORT_DATE_INVALID'], ['H', 'MEMBER_IMPORT_DATE_INVALID']]);
      assert.match(at(6)[0]!.message, /^入党日期：「2023-02-30」不是存在的日期/);
      assert.deepEqual(at(7), []);
      assert.equal(at(8)[0]!.code, 'MEMBER_IMPORT_ID_NUMBER_AS_NUMBER');
      assert.match(at(8)[0]!.message, /文本/);
      assert.equal(at(9)[0]!.column, 'I');
      assert.equal(at(9)[0]!.code, 'MEMBER_IMPORT_ORG_UNKNOWN');
      assert.match(at(9)[0]!.message, /不存在的党支部/);
      assert.equal(at(10)[0]!.code, 'MEMBER_DATES_INCONSISTENT');
      assert.equal(at(10)[0]!.column, 'F');
      assert.match(at(10)[0]!.message, /18 周岁/);
      assert.deepEqual(at(11).map((e) => e.column).sort(), ['G', 'L']);
      assert.equal(report.failed, 8);
      for (const e of report.errors) assert.match(e.message, /[\u4e00-\u9fff]/, `Chinese message: ${e.message}`);

      const valid = await upload(file, `orgId=${community.id}&mode=valid_only`);
      assert.equal(valid.statusCode, 200, valid.body);
      assert.equal(valid.json().imported, 2);
      assert.equal(valid.json().failed, 8);
      assert.equal(await memberCount(), before + 2);
      assert.equal((await listByName('好人二'))[0]!.orgId, branch.id, 'org by 统一编码');
    });

    test('an ambiguous org name asks for the code; a missing org column at a community is a header error; a branch target needs none', async () => {
      const dup = await s.request({ method: 'POST', url: '/api/orgs', cookie: await s.login('district'), body: { parentId: community.id, name: '春晖社区第一网格党支部', kind: 'branch', domain: 'community' } });
      assert.equal(dup.statusCode, 201, dup.body);
      const file = await xlsxOf({ rows: [HEADER, personRow({ name: '重名', id: newId('1980-01-01', 'male', 20), joined: '2005-07-01', status: '预备党员', org: '春晖社区第一网格党支部' })] });
      const res = await upload(file, `orgId=${community.id}`);
      assert.equal(res.json().errors[0].code, 'MEMBER_IMPORT_ORG_AMBIGUOUS');
      assert.match(res.json().errors[0].message, /组织编码/);
      const noOrg = await xlsxOf({ rows: [['姓名', '身份证号码', '入党日期', '党员类型'], ['无组织', newId('1981-01-01', 'male', 21), '2005-07-01', '预备党员']] });
      const atCommunity = await upload(noOrg, `orgId=${community.id}`);
      assert.equal(atCommunity.json().errors[0].code, 'MEMBER_IMPORT_HEADER_MISSING');
      assert.match(atCommunity.json().errors[0].message, /所在党组织/);
      const atBranch = await upload(noOrg, `orgId=${branch.id}`);
      assert.deepEqual(atBranch.json(), { imported: 1, failed: 0, errors: [] });
    });

    test('a file of the wrong shape: no header, missing required columns', async () => {
      const none = await upload(await xlsxOf({ rows: [['a', 'b', 'c'], ['1', '2', '3']] }), `orgId=${community.id}`);
      assert.equal(none.statusCode, 200);
      assert.equal(none.json().errors[0].code, 'MEMBER_IMPORT_HEADER_MISSING');
      const partial = await upload(await xlsxOf({ rows: [['姓名', '性别'], ['张三', '男']] }), `orgId=${community.id}`);
      const missing = partial.json().errors.map((e: { message: string }) => e.message).join('；');
      for (const col of ['身份证号码', '入党日期', '党员类型']) assert.match(missing, new RegExp(col));
      assert.equal(partial.json().errors[0].row, 1);
    });

    test('hostile and broken files are refused whole with a clear error, never a 5xx', async () => {
      const before = await memberCount();
      const refused = async (file: Buffer, message: RegExp, name = 'x.xlsx') => {
        const res = await upload(file, `orgId=${community.id}`, 'community1', name);
        assertError(res, 400, 'MEMBER_IMPORT_FILE_INVALID', 'file');
        assert.match(res.json().error.message, message);
      };
      await refused(randomBytes(10 * 1024 * 1024), /不是 Excel 工作簿/);
      await refused(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(4096)]), /\.xls/, 'old.xls');
      await refused(Buffer.from('姓名,身份证号码\n张三,110101199003077675\n'), /不是 Excel 工作簿/, 'members.csv');
      const real = await xlsxOf({ rows: [HEADER] });
      await refused(real.subarray(0, Math.floor(real.length / 2)), /损坏/);
      // A zip bomb that declares its size: 2 GB of sheet XML from a few kilobytes, refused before inflating.
      const sheet = Buffer.from(`<worksheet><sheetData>${'<row><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(5000)}</sheetData></worksheet>`);
      await refused(zipOf(minimalXlsxParts(sheet, 2_000_000_000)), /解压后的大小异常/);
      // One that hides its size: it claims 1 KB and inflates to 64 MB; the inflater stops at the declared size.
      const zeros = Buffer.alloc(64 * 1024 * 1024, 0x20);
      await refused(zipOf(minimalXlsxParts(Buffer.concat([Buffer.from('<worksheet><sheetData>'), zeros]), 1024)), /解压后的大小异常|损坏/);
      // Well-formed zip, malformed XML.
      await refused(zipOf(minimalXlsxParts(Buffer.from('<worksheet><sheetData><row><c><v>1</row>'))), /损坏/);
      assert.equal(await memberCount(), before);
    });

    test('upload refusals: no file, not multipart, not allowed, out of scope', async () => {
      const noFile = await s.request({ method: 'POST', url: `/api/members/import?orgId=${community.id}`, cookie: await s.login('community1'), body: { file: 'x' } });
      assertError(noFile, 400, 'FILE_REQUIRED', 'file');
      const empty = multipartOf('file', 'empty.xlsx', Buffer.alloc(0));
      assertError(await s.request({ method: 'POST', url: `/api/members/import?orgId=${community.id}`, cookie: await s.login('community1'), body: empty.payload, headers: empty.headers }), 400, 'FILE_REQUIRED');
      const wrongField = multipartOf('upload', 'a.xlsx', await xlsxOf({ rows: [HEADER] }));
      assertError(await s.request({ method: 'POST', url: `/api/members/import?orgId=${community.id}`, cookie: await s.login('community1'), body: wrongField.payload, headers: wrongField.headers }), 400, 'FILE_REQUIRED');
      const file = await xlsxOf({ rows: [HEADER] });
      assertError(await upload(file, `orgId=${community.id}`, 'member1'), 403, 'FORBIDDEN');
      const other = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('community2') })).json()[0] as TreeNode;
      assertError(await upload(file, `orgId=${other.id}`), 404, 'NOT_FOUND');
      assertError(await upload(file, `orgId=${community.id}&mode=some`), 400, 'VALIDATION_FAILED');
      const body = multipartOf('file', 'a.xlsx', file);
      assertError(await s.request({ method: 'POST', url: `/api/members/import?orgId=${community.id}`, body: body.payload, headers: body.headers }), 401, 'AUTH_REQUIRED');
    });

    test('rows are read in batches across the stream: errors keep their Excel rows past a batch boundary', async () => {
      const saved = { ...importTuning };
      importTuning.batchSize = 3;
      try {
        const rows: SheetCell[][] = [HEADER];
        for (let i = 0; i < 10; i++) rows.push(personRow({ name: `批次${'甲乙丙丁戊己庚辛壬癸'[i]}`, id: newId('1970-01-01', i % 2 ? 'female' : 'male', 40 + i), joined: '1995-07-01', status: '正式党员', full: '1996-07-01', org: branch.code }));
        rows[8]![5] = '不是日期';
        const before = await memberCount();
        const res = await upload(await xlsxOf({ rows }), `orgId=${community.id}&mode=all`);
        assert.deepEqual(res.json().errors.map((e: { row: number; column: string }) => [e.row, e.column]), [[9, 'F']]);
        assert.equal(await memberCount(), before, 'batches written before the bad row are rolled back');
        const ok = await upload(await xlsxOf({ rows }), `orgId=${community.id}&mode=valid_only`);
        assert.equal(ok.json().imported, 9);
      } finally {
        Object.assign(importTuning, saved);
      }
    });
  });
}
