/**
 * End-to-end: a community admin imports a spreadsheet with one bad row in Chromium, reads the error (row,
 * column, reason), fixes the cell, imports again, and finds the members in the list.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loginAdmin, setupE2e, watchErrors } from './e2e-env.ts';
import { xlsxOf } from '../../server/src/test-support/xlsx.ts';
import { idCheckChar } from '../../server/src/modules/member/member.rules.ts';

const env = setupE2e();

const validId = (birth: string, seq: string) => {
  const body = `440306${birth}${seq}`;
  return body + idCheckChar(body);
};

void test('admin: import with one bad row, read the error, fix it, import', async () => {
  const [community] = await env.api<{ id: string; name: string; children: { name: string; code: string }[] }[]>('community1', '/api/orgs/tree?depth=1');
  const branch = community!.children.find((c) => c.name.endsWith('第一网格党支部'))!;
  const good = validId('19800506', '011');
  const right = validId('19851212', '022');
  const wrong = right.slice(0, 17) + (right[17] === '5' ? '6' : '5');
  const sheet = (id: string) =>
    xlsxOf({
      rows: [
        ['姓名', '身份证号码', '入党日期', '党员类型', '转正日期', '所在党组织'],
        ['端到端甲', good, '2005-07-01', '正式党员', '2006-07-01', branch.name],
        ['端到端乙', id, '2010-07-01', '正式党员', '2011-07-01', branch.code],
      ],
      numFmt: { 2: '@' },
    });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-e2e-'));
  const bad = path.join(dir, '党员导入-有错.xlsx');
  const fixed = path.join(dir, '党员导入-已改.xlsx');
  fs.writeFileSync(bad, await sheet(wrong));
  fs.writeFileSync(fixed, await sheet(right));

  const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = watchErrors(page);
  await loginAdmin(page, env.base, 'community1');

  await page.goto(`${env.base}/admin/members`);
  await page.getByTestId('member-import').click();
  await page.waitForURL(/\/admin\/members\/import$/);
  await page.getByRole('heading', { name: '导入党员信息' }).waitFor();
  // The caller's own organisation is preselected; the template downloads for it.
  await page.locator('[data-testid="import-org"]').filter({ hasText: community!.name }).waitFor();
  const download = page.waitForEvent('download');
  await page.getByTestId('import-template').click();
  const template = await download;
  assert.match(template.suggestedFilename(), /导入模板\.xlsx$/);

  await page.locator('input[type="file"]').setInputFiles(bad);
  await page.getByText('党员导入-有错.xlsx').waitFor();
  await page.getByTestId('import-run').click();
  const report = page.getByTestId('import-result');
  await report.getByText('有 1 行有错误，全部未导入').waitFor();
  const row = page.getByTestId('import-errors').locator('tbody tr').first();
  assert.equal(await row.locator('td').nth(0).textContent(), '3');
  assert.equal(await row.locator('td').nth(1).textContent(), 'B');
  assert.match((await row.locator('td').nth(2).textContent()) ?? '', /身份证号码.*校验位/);
  if (process.env.XIANFENG_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.XIANFENG_SCREENSHOTS, 'member-import-error.png'), fullPage: true });
  const listed = await env.api<{ total: number }>('community1', `/api/members?q=${encodeURIComponent('端到端')}`);
  assert.equal(listed.total, 0, 'mode all: nothing imported while a row is wrong');

  await page.locator('input[type="file"]').setInputFiles(fixed);
  await page.getByText('党员导入-已改.xlsx').waitFor();
  await page.getByTestId('import-run').click();
  await report.getByText('已导入 2 名党员').waitFor();
  if (process.env.XIANFENG_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.XIANFENG_SCREENSHOTS, 'member-import-done.png'), fullPage: true });
  const after = await env.api<{ total: number; items: { name: string; orgId: string }[] }>('community1', `/api/members?q=${encodeURIComponent('端到端')}`);
  assert.equal(after.total, 2);

  assert.deepEqual(errors, []);
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
