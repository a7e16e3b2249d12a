/**
 * End-to-end: the built web app, served by a real test server (PGlite copy of the demo district), driven
 * by headless Debian Chromium through playwright-core. Admin: login → lazy tree → org page with warnings →
 * member list → member file → field-level validation error → fix and save. H5: member1 sees 我的档案.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { setupE2e, watchErrors } from './e2e-env.ts';

const env = setupE2e();
const api = <T>(username: string, url: string) => env.api<T>(username, url);

interface OrgNode {
  id: string;
  name: string;
  children: OrgNode[];
}
interface Warning {
  orgId: string;
  orgName: string;
  message: string;
}

/** Tree rows show shortened names; the full name is the title's tooltip. */
const treeRow = (page: Page, name: string) => page.locator('.ant-tree-treenode').filter({ has: page.locator(`.xf-tree-title[title="${name}"]`) }).first();
const formItem = (page: Page, label: string) => page.locator('.ant-form-item').filter({ has: page.locator(`label:text-is("${label}")`) });

void test('admin: login, lazy tree, org warnings, member list, field-level validation, save', async () => {
  // What the seeded district holds, read through the API as the same account.
  const [root] = await api<OrgNode[]>('district', '/api/orgs/tree?depth=1');
  assert.ok(root && root.children.length > 0, 'district sees a root with children');
  const street = root.children[0]!;
  const [streetNode] = await api<OrgNode[]>('district', `/api/orgs/tree?rootId=${street.id}&depth=1`);
  const childIds = new Set(streetNode!.children.map((c) => c.id));
  const warnings = await api<{ items: Warning[] }>('district', `/api/orgs/${street.id}/warnings?pageSize=100`);
  const warned = warnings.items.find((w) => childIds.has(w.orgId));
  assert.ok(warned, `a direct child of ${street.name} has a structural warning in the demo district`);

  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = watchErrors(page);

  // Login through the form (an unauthenticated /admin lands on the login page).
  await page.goto(`${env.base}/admin`);
  await page.waitForURL(/\/admin\/login/);
  await page.getByLabel('用户名').fill('district');
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('display-name').filter({ hasText: '区委组织部' }).waitFor();
  await page.getByText('演示模式').first().waitFor();
  await page.getByTestId('org-name').filter({ hasText: root.name }).waitFor();

  // Expand the street: its children come from a lazy tree call.
  const lazyLoad = page.waitForResponse((r) => r.url().includes(`/api/orgs/tree?rootId=${street.id}`) && r.status() === 200);
  await treeRow(page, street.name).locator('.ant-tree-switcher').click();
  await lazyLoad;
  const warnedNode = treeRow(page, warned.orgName).locator('.ant-tree-node-content-wrapper');
  await warnedNode.waitFor();
  await warnedNode.click();
  await page.waitForURL(new RegExp(`/admin/orgs/${warned.orgId}`));
  await page.getByTestId('org-name').filter({ hasText: warned.orgName }).waitFor();
  const warningBox = page.getByTestId('org-warnings');
  await warningBox.getByText(warned.message).waitFor();
  assert.match((await warningBox.textContent()) ?? '', /依据：/, 'warnings cite their regulation article');

  // The subtree warnings tab lists it too.
  await page.getByRole('tab', { name: '设置预警' }).click();
  await page.getByTestId('subtree-warnings').getByText(warned.message).first().waitFor();

  // Member list, server-side paginated.
  await page.getByRole('link', { name: '党员管理' }).click();
  await page.waitForURL(/\/admin\/members$/);
  const rows = page.getByTestId('member-table').locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  await page.getByText(/共 \d+ 名党员/).waitFor();
  const first = await api<{ items: { id: string; name: string; idNumber: string }[] }>('district', '/api/members?page=1&pageSize=20');
  const target = first.items[0]!;
  assert.match(target.idNumber, /\*{8}/, 'list ID numbers are masked');
  await rows.filter({ hasText: target.name }).first().click();

  // Member file, masked by default.
  await page.waitForURL(new RegExp(`/admin/members/${target.id}`));
  await page.getByTestId('member-name').filter({ hasText: target.name }).waitFor();
  assert.equal(await page.getByTestId('pii-idNumber').innerText(), target.idNumber);

  // A wrong check digit: the server's message appears under the ID number field.
  await page.getByRole('tab', { name: '修改档案' }).click();
  const idItem = formItem(page, '身份证号码');
  await idItem.locator('input').fill('110101195001010018');
  await page.getByRole('button', { name: '保存修改' }).click();
  const idError = idItem.locator('.ant-form-item-explain-error');
  await idError.waitFor();
  assert.match(await idError.innerText(), /校验位错误/);
  await page.getByRole('alert').filter({ hasText: '身份证号码' }).first().waitFor();

  // Undo, then a bad phone: a schema error, shown under the phone field.
  await page.getByRole('button', { name: '撤销修改' }).click();
  const phoneItem = formItem(page, '手机号码');
  await phoneItem.locator('input').fill('123');
  await page.getByRole('button', { name: '保存修改' }).click();
  const phoneError = phoneItem.locator('.ant-form-item-explain-error');
  await phoneError.waitFor();
  assert.match(await phoneError.innerText(), /手机号码应为 11 位/);

  // Fix it and save: success, and the file now shows the new (masked) phone.
  await phoneItem.locator('input').fill('13800138000');
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/members/${target.id}`) && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: '保存修改' }).click();
  assert.equal((await saved).status(), 200);
  await page.getByText('档案已保存').waitFor();
  await page.getByRole('tab', { name: '电子档案' }).click();
  await page.getByTestId('pii-phone').filter({ hasText: '138****8000' }).waitFor();
  const file = await api<{ phone: string }>('district', `/api/members/${target.id}`);
  assert.equal(file.phone, '138****8000');

  assert.deepEqual(errors, []);
  await context.close();
});

void test('H5: member1 logs in on a phone and sees 我的档案 with a masked ID number', async () => {
  const me = await api<{ memberId: string | null }>('member1', '/api/auth/me');
  assert.ok(me.memberId, 'member1 is linked to a member file');
  const own = await api<{ name: string; idNumber: string; orgName: string }>('member1', `/api/members/${me.memberId}`);

  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = watchErrors(page);

  await page.goto(`${env.base}/m`);
  await page.waitForURL(/\/m\/login/);
  await page.getByPlaceholder('请输入账号').fill('member1');
  await page.getByPlaceholder('请输入密码').fill('Demo@2026');
  await page.getByRole('button', { name: '登录' }).click();

  await page.getByText('我的档案').first().waitFor();
  const name = page.getByTestId('my-name');
  await name.waitFor();
  assert.equal(await name.innerText(), own.name);
  const id = await page.getByTestId('my-id-number').innerText();
  assert.equal(id, own.idNumber);
  assert.match(id, /^\d{6}\*{8}\d{3}[\dX]$/, 'the ID number is masked');
  await page.getByText(own.orgName).first().waitFor();

  // Large type for elderly members.
  const px = await page.getByTestId('my-id-number').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(px >= 17, `font size ${px}px should be at least 17px`);

  assert.deepEqual(errors, []);
  await context.close();
});
