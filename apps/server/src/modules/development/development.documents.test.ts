import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { one } from '../../platform/db/db.ts';
import { yearlyListHeaders } from './development.documents.xlsx.ts';

/**
 * The generated 发展党员 documents over the demo seed (today 2026-11-22): the 公示 (text and PDF, no ID number),
 * the record sheets and the whole case file as PDFs (read back with pdftotext), the yearly list in Excel (read
 * back with exceljs); each audited; scope.
 */

const hasPdftotext = (() => {
  const r = spawnSync('pdftotext', ['-v']);
  return !r.error && r.status === 0;
})();

/** The PDF's text without whitespace (pdftotext -layout pads wide glyph runs) and its page count. */
function pdfText(pdf: Buffer): { text: string; pages: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfdev-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    const raw = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    return { text: raw.replace(/\s+/g, ''), pages: raw.split('\f').filter((p) => p.trim()).length };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const engine of engines) {
  describe(`development documents (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};
    const ids: Record<string, string> = {};

    before(async () => {
      s = await openTestServer(engine);
      for (const [k, name] of Object.entries({ district: '中共明德区委员会', east: '中共明德区东城街道党工委', west: '中共明德区西城街道党工委' })) {
        org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
      }
      for (const name of ['孙浩然', '吴雅琴', '徐梦瑶', '林晓雨']) ids[name] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM development_case WHERE name = ${name}`))!.id;
    });
    after(() => s.stop());

    const get = async (user: string, url: string) => s.request({ method: 'GET', url, cookie: await s.login(user) });
    const json = async (user: string, url: string) => {
      const res = await get(user, url);
      assertSafe(res);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json();
    };
    const exports = async (targetId: string) =>
      ((await json('auditor', `/api/audit/events?targetId=${targetId}&pageSize=50`)).items as { action: string; details: { document?: string } }[])
        .filter((e) => e.action === 'development.document.export')
        .map((e) => e.details.document);

    test('the 公示 of a development candidate: proposed for 5 working days, the facts the notice needs and no ID number', async () => {
      const n = await json('branch1', `/api/development/cases/${ids['孙浩然']}/notice?contact=${encodeURIComponent('张书记 0571-88886666')}`);
      assert.equal(n.title, '关于拟将孙浩然同志列为发展对象的公示');
      // Today is Sunday 2026-11-22: from Monday, five working days.
      assert.deepEqual([n.from, n.to, n.workingDays, n.recorded, n.warnings], ['2026-11-23', '2026-11-27', 5, false, []]);
      for (const part of [
        '孙浩然，男，汉族，1993年2月生，大学本科学历，春晖社区居民委员会网格员。',
        '递交入党申请书',
        '被确定为入党积极分子。',
        '公示时间：2026年11月23日至2026年11月27日（5个工作日）。',
        '《中国共产党发展党员工作细则》第十三条',
        '联系人及电话：张书记 0571-88886666',
        '春晖社区第一网格党支部',
      ]) {
        assert.ok(n.text.includes(part), `missing ${part}\n${n.text}`);
      }
      const row = await one<{ birth_date: string }>(s.platform.database.db, sql`SELECT birth_date FROM development_case WHERE id = ${ids['孙浩然']}`);
      assert.doesNotMatch(n.text, /440103|\*{4}/, 'no ID number, not even masked');
      assert.ok(!n.text.includes(row!.birth_date.replaceAll('-', '')));

      // A period shorter than five working days is refused; before the candidate decision there is no notice.
      assertError(await get('branch1', `/api/development/cases/${ids['孙浩然']}/notice?from=2026-11-23&to=2026-11-26`), 422, 'DEVELOPMENT_TIME_LIMIT', 'to');
      assertError(await get('branch1', `/api/development/cases/${ids['孙浩然']}/notice?from=2026-11-27&to=2026-11-23`), 400, 'VALIDATION_FAILED', 'to');
      assertError(await get('branch1', `/api/development/cases/${ids['林晓雨']}/notice`), 422, 'DEVELOPMENT_PRECONDITION', 'step');
      assertError(await get('branch1', `/api/development/cases/${ids['孙浩然']}/notice?from=2026-02-30`), 400, 'VALIDATION_FAILED', 'from');

      // Recorded (step 8): the notice as it was posted.
      const recorded = await json('street1', `/api/development/cases/${ids['吴雅琴']}/notice`);
      assert.equal(recorded.recorded, true);
      assert.ok(recorded.workingDays >= 5);
      assert.ok(recorded.text.includes('并报中共明德区东城街道党工委同意'), recorded.text);
      assert.ok(recorded.text.includes('公示范围：春晖社区第一网格党务公开栏及党群服务中心'), recorded.text);

      const pdf = await get('branch1', `/api/development/cases/${ids['孙浩然']}/notice.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      if (hasPdftotext) {
        const { text, pages } = pdfText(pdf.rawPayload);
        assert.equal(pages, 1);
        for (const part of ['关于拟将孙浩然同志列为发展对象的公示', '孙浩然，男，汉族，1993年2月生', '公示时间：2026年11月23日至2026年11月27日', '春晖社区第一网格党支部', '2026年11月23日']) {
          assert.ok(text.includes(part), `missing ${part}`);
        }
        assert.doesNotMatch(text, /440103|undefined|null|NaN/);
      }
      assert.deepEqual((await exports(ids['孙浩然']!)).sort(), ['notice', 'notice_pdf']);
    });

    test('the record sheets and the whole case file as PDFs', { skip: !hasPdftotext && 'pdftotext not installed' }, async () => {
      const record = await get('branch1', `/api/development/cases/${ids['吴雅琴']}/record.pdf`);
      assert.equal(record.statusCode, 200, record.body);
      const r = pdfText(record.rawPayload);
      assert.ok(r.pages >= 5, `one page per stage: ${r.pages}`);
      for (const part of [
        '发展党员工作全程纪实表',
        '第一阶段：申请入党',
        '第五阶段：预备党员的教育考察和转正',
        '2.党组织派人谈话',
        '【越过规定办理】收到入党申请书后一个月内派人谈话（细则第七条）',
        '理由：申请人申请后即外出务工',
        '6.培养教育考察（第',
        '2次）',
        '考察结论：好',
        '培养联系人：',
        '政审结论：合格（通过）',
        '尚未办理',
        '细则第十三条',
      ]) {
        assert.ok(r.text.includes(part.replace(/\s+/g, '')), `record sheets missing ${part}`);
      }

      const file = await get('street2', `/api/development/cases/${ids['徐梦瑶']}/file.pdf`);
      assert.equal(file.statusCode, 200, file.body);
      const f = pdfText(file.rawPayload);
      for (const part of ['发展党员档案', '徐梦瑶', '和平社区第一网格党支部', '材料目录', '公民身份号码', '入党介绍人', '上级党委审批', '预备党员', '审批结论：同意接收为中共预备党', '宣誓地点', '关于拟将徐梦瑶同志列为发展对象的公示', '培养教育考察记录', '越过规定办理记录', '没有越过时限或前置条件办理的环节。']) {
        assert.ok(f.text.includes(part), `case file missing ${part}`);
      }
      assert.match(f.text, /440103\*+\d{3}[\dX]/, 'the ID number masked on the cover');
      assert.doesNotMatch(f.text, /440103\d{12}/, 'never in full');
      assert.doesNotMatch(f.text, /undefined|NaN/);
      assert.deepEqual(await exports(ids['徐梦瑶']!), ['case_file']);
      assert.deepEqual((await exports(ids['吴雅琴']!)).sort(), ['notice', 'record_sheets'], 'the notice viewed in the first test, the record sheets here');
    });

    test('the yearly list in Excel: every case accepted or approved in the year in the subtree', async () => {
      const res = await get('district', '/api/development/list.xlsx?year=2026');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(String(res.headers['content-disposition']), /attachment; filename="development-list-2026\.xlsx"; filename\*=UTF-8''/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      assert.equal(ws.name, '2026年发展党员名册');
      assert.equal(ws.getCell(1, 1).value, '中共明德区委员会 2026 年发展党员名册');
      assert.equal(ws.getCell(2, 1).value, '共 2 人；其中 2026 年经上级党委审批 1 人，审批时 35 岁及以下 1 人');
      const header = (ws.getRow(3).values as unknown[]).slice(1);
      assert.deepEqual(header, [...yearlyListHeaders]);
      const data = [4, 5].map((r) => Object.fromEntries(yearlyListHeaders.map((h, i) => [h, ws.getCell(r, i + 1).value])));
      // 张宇轩 was accepted by his branch meeting on 2026-10-03 and awaits approval; 徐梦瑶 was approved on 2026-10-12.
      assert.deepEqual(
        data.map((d) => [d['序号'], d['姓名'], d['性别'], d['所在党支部'], d['支部大会接收日期'], d['上级党委审批日期'], d['审批党组织'], d['当前状态'], d['35岁及以下']]),
        [
          [1, '张宇轩', '男', '和平社区第一网格党支部', '2026-10-03', '', '', '待上级党委审批', ''],
          [2, '徐梦瑶', '女', '和平社区第一网格党支部', '2026-08-28', '2026-10-12', '中共明德区西城街道党工委', '预备党员', '是'],
        ],
      );
      assert.equal(data[1]!['审批时年龄'], 29);
      assert.equal(data[1]!['预备期满日期'], '2027-08-28');
      assert.equal(data[1]!['出生年月'], '1997-03');
      assert.equal(data[1]!['学历'], '大学本科');
      assert.equal(String(data[1]!['入党介绍人']).split('、').length, 2);
      assert.equal(res.headers['x-row-count'], '2');
      assert.deepEqual(await exports(org.district!), ['yearly_list']);

      // A street with none that year: the list says so; out of scope 404; no right 403; bad year 400.
      const east = await get('street1', '/api/development/list.xlsx?year=2026');
      assert.equal(east.statusCode, 200);
      const wb2 = new ExcelJS.Workbook();
      await wb2.xlsx.load(east.rawPayload as unknown as ArrayBuffer);
      assert.equal(wb2.worksheets[0]!.getCell(4, 1).value, '2026 年没有经支部大会接收或经上级党委审批的发展党员。');
      assertError(await get('street1', `/api/development/list.xlsx?orgId=${org.west}&year=2026`), 404, 'NOT_FOUND');
      assertError(await get('member1', '/api/development/list.xlsx?year=2026'), 403, 'FORBIDDEN');
      assertError(await get('district', '/api/development/list.xlsx'), 400, 'VALIDATION_FAILED', 'year');
    });

    test('scope: documents are for staff over the case’s branch — others 404, no right 403', async () => {
      for (const url of ['notice', 'notice.pdf', 'record.pdf', 'file.pdf']) {
        assertError(await get('branch2', `/api/development/cases/${ids['吴雅琴']}/${url}`), 404, 'NOT_FOUND');
        assertError(await get('street2', `/api/development/cases/${ids['吴雅琴']}/${url}`), 404, 'NOT_FOUND');
        assertError(await get('member1', `/api/development/cases/${ids['吴雅琴']}/${url}`), 403, 'FORBIDDEN');
      }
      assertError(await get('branch1', '/api/development/cases/00000000-0000-4000-8000-000000000000/file.pdf'), 404, 'NOT_FOUND');
      assertError(await get('branch1', '/api/development/cases/nope/file.pdf'), 400, 'VALIDATION_FAILED', 'id');
    });
  });
}
