/**
 * End-to-end, 党费 through the pages people use (built web app, real test server on a PGlite copy of the
 * demo district, headless Chromium):
 * - community1 declares member1's base on the member file's 党费 tab (the live quote shows the amount);
 * - on /admin/dues picks 春晖社区第一网格党支部, generates the month's bills (the seed has most of them
 *   already: generating again adds nothing twice), records an unpaid bill and sees the receipt number, then
 *   opens 收缴统计 and downloads the collection sheet;
 * - member1's phone opens 我的党费 from 我的档案, sees 党费交至, pays online and is told that in
 *   development the payment was recorded without money moving.
 * The browsers run on the server's clock, so "this month" and "today" agree with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { loginAdmin, setupE2e, watchErrors } from './e2e-env.ts';

const env = setupE2e();
const shots = process.env.XIANFENG_SCREENSHOTS;
const BRANCH = '春晖社区第一网格党支部';

interface OrgNode {
  id: string;
  name: string;
  children: OrgNode[];
}
const findOrg = (nodes: OrgNode[], name: string): OrgNode | undefined => {
  for (const n of nodes) {
    if (n.name === name) return n;
    const found = findOrg(n.children, name);
    if (found) return found;
  }
  return undefined;
};

async function newContext(browser: Browser, mobile: boolean): Promise<BrowserContext> {
  const context = await browser.newContext(
    mobile ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' } : { viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', acceptDownloads: true },
  );
  // The server's clock decides the month and what "today" is; the page's defaults follow it.
  await context.clock.setFixedTime(env.server.platform.clock.now());
  return context;
}

void test('admin: declare a base, generate bills, record a payment with its receipt, collection report; H5: 我的党费 and online payment', async () => {
  const tree = await env.api<OrgNode[]>('community1', '/api/orgs/tree?depth=2');
  const branch = findOrg(tree, BRANCH);
  assert.ok(branch, `${BRANCH} is in community1's tree`);
  const { memberId } = await env.api<{ memberId: string | null }>('member1', '/api/auth/me');
  assert.ok(memberId, 'member1 is linked to a member file');
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(env.server.platform.clock.now()).slice(0, 7);

  const admin = await newContext(env.browser, false);
  const page = await admin.newPage();
  page.setDefaultTimeout(30_000);
  const errors = watchErrors(page);
  await loginAdmin(page, env.base, 'community1');

  // 1. The member file's 党费 tab: declare the base (in service, fixed in January by the 2017 rule); the quote is live.
  await page.goto(`${env.base}/admin/members/${memberId}?tab=dues`);
  await page.getByTestId('member-dues').waitFor();
  await page.getByTestId('declare-base').click();
  const baseForm = page.getByTestId('base-form');
  await baseForm.getByLabel('党费类别').click();
  await page.locator('.ant-select-item-option').filter({ hasText: /^在职/ }).click();
  await baseForm.getByTestId('base-explanation').getByText('住房公积金').waitFor();
  await baseForm.getByLabel('计算基数').fill('4000');
  // 4000 元 is in the 3000–5000 bracket: 1%, 40 元 a month.
  await page.getByTestId('base-quote').getByText('¥40.00').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await baseForm.waitFor({ state: 'detached' });

  // 2. 党费账单: pick the branch, generate this month's bills.
  await page.getByRole('link', { name: '党费', exact: true }).click();
  await page.waitForURL(/\/admin\/dues/);
  const picker = page.getByTestId('dues-org');
  await picker.click();
  await page.keyboard.type('第一网格');
  await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: BRANCH }).first().click();
  await page.waitForURL(new RegExp(`org=${branch.id}`));
  const generated = page.waitForResponse((r) => r.url().endsWith('/api/dues/bills/generate') && r.request().method() === 'POST');
  await page.getByTestId('generate-bills').click();
  assert.equal((await generated).status(), 200);
  await page.getByTestId('generate-result').waitFor();

  // 3. Record one unpaid bill (the demo district has its months billed and mostly paid): the amount is
  // prefilled with what it owes; the receipt number is shown and is in the ledger.
  await page.getByLabel('账单状态').click();
  await page.locator('.ant-select-item-option').filter({ hasText: /^未交$/ }).click();
  const row = page.getByTestId('dues-bills').locator('tr.ant-table-row').filter({ has: page.getByTestId('pay-bill') }).first();
  const href = await row.getByRole('link').first().getAttribute('href');
  const payee = /\/admin\/members\/([0-9a-f-]{36})/.exec(href ?? '')?.[1];
  assert.ok(payee, `the row links to the member (${href})`);
  await row.getByTestId('pay-bill').click();
  const form = page.getByTestId('payment-form');
  assert.match(await form.getByLabel('交纳金额').inputValue(), /^\d+\.\d{2}$/);
  const paid = page.waitForResponse((r) => r.url().endsWith('/api/dues/payments') && r.request().method() === 'POST');
  await page.getByTestId('payment-submit').click();
  const response = await paid;
  assert.equal(response.status(), 201);
  assert.ok(response.request().headers()['idempotency-key'], 'the payment carries an Idempotency-Key');
  const receiptNo = (await page.getByTestId('receipt-no').innerText()).trim();
  assert.ok(receiptNo.length > 0, 'a receipt number is shown');
  const ledger = await env.api<{ items: { receiptNo: string }[] }>('community1', `/api/dues/payments?orgId=${branch.id}&memberId=${payee}`);
  assert.ok(ledger.items.some((p) => p.receiptNo === receiptNo), 'the receipt is in the ledger');
  const bill = await env.api<{ items: { status: string }[] }>('community1', `/api/dues/bills?orgId=${branch.id}&month=${month}&memberId=${payee}`);
  assert.equal(bill.items[0]?.status, 'paid');
  if (shots) await page.screenshot({ path: path.join(shots, 'dues-receipt.png'), fullPage: true });
  await page.getByRole('button', { name: '完成' }).click();

  // 4. 收缴统计 of the branch for the month, and the collection sheet.
  await page.getByRole('tab', { name: '收缴统计' }).click();
  await page.waitForURL(/\/admin\/dues\/reports/);
  await page.getByTestId('dues-collection').getByText(`${Number(month.slice(0, 4))}年${Number(month.slice(5))}月收缴情况`).waitFor();
  await page.getByTestId('collection-rate').waitFor();
  await page.getByTestId('dues-trend').locator('tr.ant-table-row').first().waitFor();
  const download = page.waitForEvent('download');
  await page.getByTestId('collection-sheet').getByRole('button', { name: /收缴情况表/ }).click();
  assert.match((await download).suggestedFilename(), /\.xlsx$/);
  if (shots) await page.screenshot({ path: path.join(shots, 'dues-collection.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await admin.close();

  // 5. member1's phone: 我的档案 → 我的党费: 党费交至 in big type; pay online (development: no money moved).
  const phone = await newContext(env.browser, true);
  const m = await phone.newPage();
  m.setDefaultTimeout(30_000);
  const phoneErrors = watchErrors(m, /Content Security Policy|Refused to|WebSocket/);
  await m.goto(`${env.base}/m`);
  await m.waitForURL(/\/m\/login/);
  await m.getByPlaceholder('请输入账号').fill('member1');
  await m.getByPlaceholder('请输入密码').fill('Demo@2026');
  await m.getByRole('button', { name: '登录' }).click();
  await m.getByTestId('link-dues').click();
  await m.waitForURL(/\/m\/dues$/);
  const hero = m.getByTestId('my-paid-until');
  await hero.getByText('党费交至').waitFor();
  const px = await hero.evaluate((el) => parseFloat(getComputedStyle(el.lastElementChild!).fontSize));
  assert.ok(px >= 28, `党费交至 is shown big (${px}px)`);
  await m.getByTestId('pay-online').click();
  await m.getByRole('button', { name: '确认交纳' }).click();
  await m.getByTestId('online-paid').getByText('开发环境：已记录交纳，未实际扣款').waitFor();
  assert.ok((await m.getByTestId('my-receipt-no').innerText()).trim().length > 0);
  await m.getByTestId('my-payments').getByText((await m.getByTestId('my-receipt-no').innerText()).trim()).waitFor();
  if (shots) await m.screenshot({ path: path.join(shots, 'dues-phone.png'), fullPage: true });
  assert.deepEqual(phoneErrors, []);
  await phone.close();
});
