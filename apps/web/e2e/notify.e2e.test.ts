/**
 * End-to-end: notifications in the built web app, on a real test server (PGlite copy of the demo district)
 * driven by headless Debian Chromium through playwright-core. A notification sent through the service in
 * this process reaches the open page over the WebSocket: the unread badge moves without a reload or a poll;
 * opening it in the inbox marks it read and the badge goes back down. H5 (member1): 消息 tab, 设置 with
 * 两个生日 and 家属代收. Admin (community1): header bell, inbox, 全部标为已读, 通知设置, a member's 关怀设置
 * with a field-level server error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { setupE2e, watchErrors } from './e2e-env.ts';
import { sendNotification } from '../../server/src/modules/notify/notify.service.ts';
import { systemCtx } from '../../server/src/platform/context.ts';

const env = setupE2e();
const api = <T>(username: string, url: string) => env.api<T>(username, url);


/** Resolves with the unread count of the first `hello` on the notifications socket (listen before login). */
function socketHello(page: Page): Promise<number> {
  return new Promise((resolve) => {
    page.on('websocket', (ws) => {
      if (!ws.url().endsWith('/api/notifications/ws')) return;
      ws.on('framereceived', (f) => {
        const m = JSON.parse(String(f.payload)) as { type: string; unread: number };
        if (m.type === 'hello') resolve(m.unread);
      });
    });
  });
}

/** Proof that what follows happens in the same page: no reload, and no HTTP poll of the count. */
async function watchNoReloadNoPoll(page: Page) {
  await page.evaluate(() => Object.assign(window, { __xfSamePage: true }));
  const polls: string[] = [];
  const onRequest = (r: { url: () => string }) => {
    if (r.url().includes('/api/notifications/unread-count')) polls.push(r.url());
  };
  page.on('request', onRequest);
  return async () => {
    page.off('request', onRequest);
    assert.equal(await page.evaluate(() => (window as unknown as { __xfSamePage?: boolean }).__xfSamePage), true, 'the page was not reloaded');
    assert.deepEqual(polls, [], 'the count came over the WebSocket, not from polling');
  };
}

const send = (accountId: string, title: string, body: string) =>
  sendNotification(systemCtx(env.server.platform), { to: { accountIds: [accountId] }, template: 'notice.generic', data: { title, body } });

const formItem = (page: Page, label: string) => page.locator('.ant-form-item').filter({ has: page.locator(`label:text-is("${label}")`) });

void test('H5: a pushed notification raises the 消息 badge live; reading it lowers it; 设置 saves 两个生日 and 家属代收', async () => {
  const me = await api<{ accountId: string; memberId: string | null }>('member1', '/api/auth/me');
  assert.ok(me.memberId, 'member1 is linked to a member file');
  const careBefore = await api<{ birthdayGreetings: boolean }>('member1', `/api/members/${me.memberId}/care`);

  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = watchErrors(page, /Content Security Policy|Refused to|WebSocket/);
  const hello = socketHello(page);

  await page.goto(`${env.base}/m`);
  await page.waitForURL(/\/m\/login/);
  await page.getByPlaceholder('请输入账号').fill('member1');
  await page.getByPlaceholder('请输入密码').fill('Demo@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('my-name').waitFor();

  // The count shown on the 消息 tab, once the socket said hello.
  const before = await hello;
  const tab = page.getByTestId('tab-messages');
  await page.locator(`[data-testid="tab-messages"][data-unread="${before}"]`).waitFor();
  const { count: apiBefore } = await api<{ count: number }>('member1', '/api/notifications/unread-count');
  assert.equal(before, apiBefore);

  const samePage = await watchNoReloadNoPoll(page);
  assert.equal((await send(me.accountId, '测试通知', '这是一条实时推送')).created, 1);
  await page.locator(`[data-testid="tab-messages"][data-unread="${before + 1}"]`).waitFor();
  assert.equal(await tab.locator('.adm-badge-content').innerText(), String(before + 1), 'the badge shows the new count');
  await samePage();

  // Inbox: the new message, unread, in large type; opening it marks it read.
  await tab.click();
  await page.waitForURL(/\/m\/messages$/);
  const card = page.getByTestId('message').filter({ hasText: '测试通知' });
  await card.and(page.locator('[data-unread="true"]')).waitFor();
  await card.getByText('这是一条实时推送').waitFor();
  const px = await card.locator('.xfm-msg-body').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(px >= 17, `message text ${px}px should be at least 17px`);
  await card.click();
  await page.locator(`[data-testid="tab-messages"][data-unread="${before}"]`).waitFor();
  await card.and(page.locator('[data-unread="false"]')).waitFor();
  assert.match(page.url(), /\/m\/messages$/, 'a notification without a link stays in the inbox');

  // 设置: 两个生日 switched, 家属代收 with a bad phone (the server's message under the field), then a good one.
  await page.getByRole('link', { name: '设置' }).click();
  await page.waitForURL(/\/m\/settings$/);
  await page.getByTestId('mobile-settings').waitFor();
  const birthdays = page.getByRole('switch', { name: '两个生日祝福' });
  assert.equal(await birthdays.getAttribute('aria-checked'), String(careBefore.birthdayGreetings));
  await birthdays.click();
  await page.getByText('家属代收', { exact: true }).click();
  await page.getByRole('textbox', { name: '家属姓名' }).fill('李秀兰');
  await page.getByRole('textbox', { name: '家属手机号' }).fill('12345678901');
  await page.getByRole('button', { name: '保存设置' }).click();
  await page.locator('.xfm-field-error').filter({ hasText: '手机号码应为 11 位' }).waitFor();
  await page.getByRole('textbox', { name: '家属手机号' }).fill('13900139000');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/notifications/preferences') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: '保存设置' }).click();
  assert.equal((await saved).status(), 200);
  await page.getByText('设置已保存').waitFor();
  const care = await api<{ birthdayGreetings: boolean; deliverTo: string; familyName: string; familyPhone: string }>('member1', `/api/members/${me.memberId}/care`);
  assert.deepEqual(
    { b: care.birthdayGreetings, d: care.deliverTo, n: care.familyName, p: care.familyPhone },
    { b: !careBefore.birthdayGreetings, d: 'family', n: '李秀兰', p: '139****9000' },
  );

  // 我的档案 still works from the bar.
  await page.getByRole('link', { name: '我的档案' }).click();
  await page.getByTestId('my-name').waitFor();

  assert.deepEqual(errors, []);
  await context.close();
});

void test('admin: the bell counts live; inbox reads and 全部标为已读; 通知设置; a member’s 关怀设置 with field errors', async () => {
  const me = await api<{ accountId: string }>('community1', '/api/auth/me');
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = watchErrors(page, /Content Security Policy|Refused to|WebSocket/);
  const hello = socketHello(page);

  await page.goto(`${env.base}/admin/login`);
  await page.getByLabel('用户名').fill('community1');
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('display-name').waitFor();
  const before = await hello;
  const bell = page.getByTestId('notify-bell');
  await page.locator(`[data-testid="notify-bell"][data-unread="${before}"]`).waitFor();

  const samePage = await watchNoReloadNoPoll(page);
  await send(me.accountId, '测试通知', '这是一条实时推送');
  await send(me.accountId, '第二条通知', '请按时参加支部主题党日');
  await page.locator(`[data-testid="notify-bell"][data-unread="${before + 2}"]`).waitFor();
  assert.equal(await bell.locator('.ant-badge-count').getAttribute('title'), String(before + 2));
  await samePage();

  await bell.click();
  await page.waitForURL(/\/admin\/notifications$/);
  const item = page.getByTestId('notification').filter({ hasText: '测试通知' });
  await item.and(page.locator('[data-unread="true"]')).waitFor();
  await item.click();
  await page.locator(`[data-testid="notify-bell"][data-unread="${before + 1}"]`).waitFor();
  await item.and(page.locator('[data-unread="false"]')).waitFor();

  // Filter 未读: the read one is gone, the other is there.
  await page.getByText('未读', { exact: true }).first().click();
  await page.waitForURL(/read=unread/);
  await item.waitFor({ state: 'detached' });
  await page.getByTestId('notification').filter({ hasText: '第二条通知' }).waitFor();

  await page.getByRole('button', { name: '全部标为已读' }).click();
  await page.locator('[data-testid="notify-bell"][data-unread="0"]').waitFor();
  await page.getByText('没有未读消息').first().waitFor();

  // 通知设置: turn on SMS.
  await page.getByRole('link', { name: '通知设置' }).click();
  await page.waitForURL(/\/admin\/notifications\/preferences$/);
  await page.getByRole('checkbox', { name: '短信' }).check();
  const savedPrefs = page.waitForResponse((r) => r.url().endsWith('/api/notifications/preferences') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: '保存设置' }).click();
  assert.equal((await savedPrefs).status(), 200);
  await page.getByText('通知设置已保存').waitFor();
  const prefs = await api<{ channels: string[] }>('community1', '/api/notifications/preferences');
  assert.deepEqual(prefs.channels, ['sms']);

  // A member's 关怀设置: 家属代收 with a bad phone → the message under the field; fixed → saved (masked back).
  const member1 = await api<{ memberId: string }>('member1', '/api/auth/me');
  const members = await api<{ items: { id: string; name: string }[] }>('community1', '/api/members?page=1&pageSize=5');
  const target = members.items.find((m) => m.id !== member1.memberId)!;
  const initial = await api<{ birthdayGreetings: boolean }>('community1', `/api/members/${target.id}/care`);
  await page.goto(`${env.base}/admin/members/${target.id}?tab=care`);
  await page.getByTestId('care-form').waitFor();
  await page.getByRole('switch').click();
  await page.getByLabel('家属代收').check();
  await formItem(page, '家属姓名').locator('input').fill('王建国');
  const phoneItem = formItem(page, '家属手机号');
  await phoneItem.locator('input').fill('23800138000');
  await page.getByRole('button', { name: '保存关怀设置' }).click();
  await phoneItem.locator('.ant-form-item-explain-error').filter({ hasText: '手机号码应为 11 位' }).waitFor();
  await phoneItem.locator('input').fill('13800138000');
  const savedCare = page.waitForResponse((r) => r.url().endsWith(`/api/members/${target.id}/care`) && r.request().method() === 'PUT');
  await page.getByRole('button', { name: '保存关怀设置' }).click();
  assert.equal((await savedCare).status(), 200);
  await page.getByText('关怀设置已保存').waitFor();
  assert.equal(await phoneItem.locator('input').inputValue(), '138****8000');
  const care = await api<{ birthdayGreetings: boolean; deliverTo: string; familyPhone: string }>('community1', `/api/members/${target.id}/care`);
  assert.deepEqual({ b: care.birthdayGreetings, d: care.deliverTo, p: care.familyPhone }, { b: !initial.birthdayGreetings, d: 'family', p: '138****8000' });

  assert.deepEqual(errors, []);
  await context.close();
});
