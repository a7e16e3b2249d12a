/**
 * End-to-end, 组织关系转接 through the pages people use (built web app, real test server on a PGlite copy of the
 * demo district, headless Chromium):
 * - branch1 (春晖社区第一网格党支部 secretary) starts a transfer of one of the branch's members to 和平社区第一网格党支部
 *   through the wizard (member, target from the directory, a quick-pick reason) and is shown 党费交至;
 * - street1 (sending committee) and street2 (receiving committee) each find it under 待办 and approve it on the
 *   detail page; branch2 takes the member in; the detail reads 已完成 and the member is on branch2's roll;
 * - member1's phone opens 组织关系转接 from 我的档案, applies for a transfer outside the platform, sees the steps
 *   in large type and withdraws it.
 * The browsers run on the server's clock, so deadlines read the same as on the server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loginAdmin, setupE2e, watchErrors } from './e2e-env.ts';

const env = setupE2e();
const shots = process.env.XIANFENG_SCREENSHOTS;
const FROM = '春晖社区第一网格党支部';
const TO = '和平社区第一网格党支部';

interface Summary {
  id: string;
  memberId: string;
  memberName: string;
}
interface Inbox {
  todo: Summary[];
  unfinished: Summary[];
}

async function newContext(browser: Browser, mobile: boolean): Promise<BrowserContext> {
  const context = await browser.newContext(
    mobile ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' } : { viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' },
  );
  await context.clock.setFixedTime(env.server.platform.clock.now());
  return context;
}

async function adminPage(username: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(env.browser, false);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = watchErrors(page);
  await loginAdmin(page, env.base, username);
  return { context, page, errors };
}

/** A member of the branch with no account of their own and no transfer under way, whose name is unique there. */
async function pickMember(): Promise<{ id: string; name: string }> {
  const dir = await env.api<{ items: { id: string; name: string }[] }>('branch1', `/api/orgs/directory?q=${encodeURIComponent(FROM)}`);
  const branch = dir.items.find((o) => o.name === FROM);
  assert.ok(branch, `${FROM} is in the directory`);
  const roll = await env.api<{ items: { id: string; name: string }[] }>('branch1', `/api/members?orgId=${branch.id}&state=active&pageSize=100`);
  const withAccounts = await Promise.all(['branch1', 'recorder1', 'member1'].map(async (u) => (await env.api<{ memberId: string | null }>(u, '/api/auth/me')).memberId));
  const inbox = await env.api<Inbox>('branch1', '/api/transfers/inbox');
  const busy = new Set([...withAccounts, ...inbox.unfinished.map((t) => t.memberId), ...inbox.todo.map((t) => t.memberId)]);
  const count = (name: string) => roll.items.filter((m) => m.name === name).length;
  const member = roll.items.find((m) => !busy.has(m.id) && count(m.name) === 1);
  assert.ok(member, 'the branch has a member free to transfer');
  return member;
}

/** The header's 组织关系转接 entry (its label carries the 待办 count). */
async function openWorkbench(page: Page): Promise<void> {
  await page.locator('.xf-header-nav').getByRole('link', { name: /^组织关系转接/ }).click();
  await page.waitForURL(/\/admin\/transfers$/);
}

/** On the workbench, open the row of this member under 待办 and approve the current step. */
async function approveFromInbox(page: Page, memberName: string, comment: string, shot?: string): Promise<void> {
  await openWorkbench(page);
  const row = page.getByTestId('transfer-todo').locator('tr.ant-table-row').filter({ hasText: memberName });
  await row.click();
  await page.waitForURL(/\/admin\/transfers\/[0-9a-f-]{36}$/);
  await page.getByTestId('transfer-steps').waitFor();
  if (shots && shot) await page.screenshot({ path: path.join(shots, shot), fullPage: true });
  await page.getByTestId('transfer-actions').getByRole('button', { name: '同意', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('意见').fill(comment);
  const decided = page.waitForResponse((r) => /\/api\/transfers\/[0-9a-f-]{36}\/approve$/.test(r.url()) && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: '同意', exact: true }).click();
  assert.equal((await decided).status(), 200);
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('transfer-steps').getByText(comment).waitFor();
}

void test('admin: wizard, approvals across two streets, the receiving branch takes the member in; H5: apply and withdraw', async () => {
  const member = await pickMember();

  // 1. branch1: 组织关系转接 → 发起转接: member, target from the directory, a quick-pick reason; 党费交至 after creation.
  const b1 = await adminPage('branch1');
  let page = b1.page;
  await openWorkbench(page);
  await page.getByTestId('new-transfer').click();
  await page.waitForURL(/\/admin\/transfers\/new$/);
  const wizard = page.getByTestId('transfer-wizard');
  await wizard.getByLabel('党员', { exact: true }).click();
  await page.keyboard.type(member.name);
  await page.locator('.ant-select-item-option').filter({ hasText: member.name }).first().click();
  await page.getByTestId('chosen-member').getByText(FROM).waitFor();
  await page.getByTestId('wizard-next').click();
  await wizard.getByLabel('转入党组织', { exact: true }).click();
  await page.keyboard.type('和平社区第一网格');
  await page.locator('.ant-select-item-option').filter({ hasText: TO }).first().click();
  await page.getByTestId('wizard-next').click();
  await wizard.getByRole('button', { name: '居住地变更' }).click();
  assert.equal(await wizard.getByLabel('转出原因').inputValue(), '居住地变更');
  await page.getByTestId('wizard-summary').getByText(TO).waitFor();
  const created = page.waitForResponse((r) => r.url().endsWith('/api/transfers') && r.request().method() === 'POST');
  await page.getByTestId('wizard-submit').click();
  assert.equal((await created).status(), 201);
  const paidUntil = (await page.getByTestId('created-paid-until').innerText()).trim();
  assert.match(paidUntil, /^\d{4}年\d{1,2}月$|^暂无交纳记录$/, `党费交至 is shown (${paidUntil})`);
  if (shots) await page.screenshot({ path: path.join(shots, 'transfer-created.png'), fullPage: true });
  await page.getByTestId('open-created').click();
  await page.waitForURL(/\/admin\/transfers\/[0-9a-f-]{36}$/);
  const transferId = /\/admin\/transfers\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
  await page.getByTestId('transfer-status').getByText('审批中').waitFor();
  assert.equal(await page.getByTestId('transfer-steps').locator('.ant-steps-item').count(), 3, 'sending committee, receiving committee, receiving branch');
  assert.equal(await page.getByTestId('transfer-actions').getByRole('button', { name: '同意', exact: true }).count(), 0, 'the branch does not approve its own transfer');
  assert.deepEqual(b1.errors, []);
  await b1.context.close();

  // 2. street1 (sending committee) and street2 (receiving committee) approve from their 待办.
  const s1 = await adminPage('street1');
  await approveFromInbox(s1.page, member.name, '同意转出', 'transfer-detail-pending.png');
  await s1.page.getByTestId('transfer-status').getByText('审批中').waitFor();
  if (shots) {
    await openWorkbench(s1.page);
    await s1.page.getByTestId('tab-unfinished').click();
    await s1.page.getByTestId('transfer-unfinished').locator('tr.ant-table-row').first().waitFor();
    await s1.page.screenshot({ path: path.join(shots, 'transfer-inbox.png'), fullPage: true });
  }
  assert.deepEqual(s1.errors, []);
  await s1.context.close();
  const s2 = await adminPage('street2');
  await approveFromInbox(s2.page, member.name, '同意转入');
  assert.deepEqual(s2.errors, []);
  await s2.context.close();

  // 3. branch2 takes the member in: 已完成, and the member is on branch2's roll.
  const b2 = await adminPage('branch2');
  page = b2.page;
  await approveFromInbox(page, member.name, '编入本支部');
  await page.getByTestId('transfer-status').getByText('已完成').waitFor();
  assert.equal(page.url(), `${env.base}/admin/transfers/${transferId}`);
  if (shots) await page.screenshot({ path: path.join(shots, 'transfer-completed.png'), fullPage: true });
  await page.goto(`${env.base}/admin/members?q=${encodeURIComponent(member.name)}`);
  await page.locator('tr.ant-table-row').filter({ hasText: member.name }).filter({ hasText: TO }).waitFor();
  assert.deepEqual(b2.errors, []);
  await b2.context.close();

  // 4. member1's phone: 我的档案 → 组织关系转接 → 申请转接 (outside the platform) → the steps → 撤销.
  const phone = await newContext(env.browser, true);
  const m = await phone.newPage();
  m.setDefaultTimeout(30_000);
  const phoneErrors = watchErrors(m, /Content Security Policy|Refused to|WebSocket/);
  await m.goto(`${env.base}/m`);
  await m.waitForURL(/\/m\/login/);
  await m.getByPlaceholder('请输入账号').fill('member1');
  await m.getByPlaceholder('请输入密码').fill('Demo@2026');
  await m.getByRole('button', { name: '登录' }).click();
  await m.getByTestId('link-transfers').click();
  await m.waitForURL(/\/m\/transfers$/);
  await m.getByTestId('apply-transfer').click();
  await m.waitForURL(/\/m\/transfers\/new$/);
  await m.getByRole('button', { name: '外地或系统外的党组织' }).click();
  await m.getByPlaceholder('如：中共某市某街道工作委员会').fill('中共某省某市某街道工作委员会');
  await m.getByRole('button', { name: '工作调动' }).click();
  if (shots) await m.screenshot({ path: path.join(shots, 'transfer-phone-apply.png'), fullPage: true });
  const applied = m.waitForResponse((r) => r.url().endsWith('/api/transfers') && r.request().method() === 'POST');
  await m.getByTestId('apply-submit').click();
  assert.equal((await applied).status(), 201);
  await m.waitForURL(/\/m\/transfers\/[0-9a-f-]{36}$/);
  const status = m.getByTestId('my-transfer-status');
  await status.getByText('审批中').waitFor();
  const px = await status.evaluate((el) => parseFloat(getComputedStyle(el.lastElementChild!).fontSize));
  assert.ok(px >= 28, `the status is shown big (${px}px)`);
  await m.getByTestId('my-transfer-steps').getByText('转出党委审批').waitFor();
  if (shots) await m.screenshot({ path: path.join(shots, 'transfer-phone-detail.png'), fullPage: true });
  await m.getByTestId('cancel-transfer').click();
  await m.getByRole('button', { name: '确定撤销' }).click();
  await status.getByText('已撤销').waitFor();
  await m.getByTestId('back-to-transfers').click();
  await m.getByTestId('my-transfer').filter({ hasText: '已撤销' }).waitFor();
  await m.getByTestId('apply-transfer').waitFor();
  assert.deepEqual(phoneErrors, []);
  await phone.close();
});
