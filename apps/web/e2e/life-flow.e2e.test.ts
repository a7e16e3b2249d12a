/**
 * End-to-end, the whole life of one meeting through the pages people use:
 * - the branch secretary plans the December 主题党日 on the branch calendar;
 * - on the day, a member's phone opens the venue QR link and checks in;
 * - the secretary writes the minutes and confirms them as host, and the 组织委员 confirms them as recorder;
 * - community1, the level above, approves them;
 * - community1's compliance board turns the branch's December theme day from 未到期 to 已完成.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loginAdmin, setupE2e, watchErrors } from './e2e-env.ts';

const env = setupE2e();
const shots = process.env.XIANFENG_SCREENSHOTS;

async function adminPage(browser: Browser, base: string, user: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  const page = await context.newPage();
  // Generous: this test runs at the end of the whole suite on a 2-core machine.
  page.setDefaultTimeout(30_000);
  const errors = watchErrors(page);
  await loginAdmin(page, base, user);
  return { page, errors, close: () => context.close() };
}

/** The status tag of branch1's December 主题党日 on community1's board (2026-Q4, the branch row expanded). */
async function decemberThemeDay(page: Page, base: string, branchName: string): Promise<string> {
  await page.goto(`${base}/admin/compliance?period=2026-Q4`);
  const row = page.getByTestId('compliance-branches').locator('tbody tr.ant-table-row').filter({ hasText: branchName });
  await row.locator('.ant-table-row-expand-icon').click();
  const item = page.locator('tr.ant-table-row').filter({ hasText: '主题党日' }).filter({ hasText: '2026-12' });
  return (await item.locator('.ant-tag').first().innerText()).trim();
}

void test('plan → member checks in by the H5 link → minutes → host and recorder confirm → upper level approves → the board turns green', async () => {
  const [branch] = await env.api<{ id: string; name: string }[]>('branch1', '/api/orgs/tree?depth=1');
  const clock = env.server.platform.clock;

  // Before: December's theme day is not due yet.
  const upper = await adminPage(env.browser, env.base, 'community1');
  assert.equal(await decemberThemeDay(upper.page, env.base, branch!.name), '未到期');
  await upper.close();

  // 1. Plan on the branch calendar, for the month's fixed day (the first Tuesday: 2026-12-01, 14:30 by default).
  const secretary = await adminPage(env.browser, env.base, 'branch1');
  let page = secretary.page;
  await page.goto(`${env.base}/admin/life?org=${branch!.id}&month=2026-12`);
  await page.getByRole('button', { name: '计划会议' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('会议类型').click();
  await page.locator('.ant-select-item-option').filter({ hasText: /^主题党日$/ }).click();
  await dialog.getByLabel('会议名称').fill('12 月主题党日：端到端');
  await dialog.getByLabel('会议地点').fill('春晖社区党群服务中心');
  await dialog.getByRole('button', { name: '确定' }).click();
  await page.waitForURL(/\/admin\/meetings\/[0-9a-f-]{36}$/);
  const meetingId = page.url().split('/').pop()!;
  await page.getByTestId('meeting-title').filter({ hasText: '端到端' }).waitFor();
  const planned = await env.api<{ status: string; lateEntry: boolean; startsAt: string; attendees: { memberId: string; name: string }[] }>('branch1', `/api/meetings/${meetingId}`);
  assert.equal(planned.status, 'planned');
  assert.equal(planned.lateEntry, false);
  assert.equal(planned.startsAt, '2026-12-01T06:30:00.000Z');
  await secretary.close();

  // 2. On the day, five minutes before the start: the member's phone opens the venue code's link.
  clock.advance(Date.parse('2026-12-01T06:25:00Z') - clock.now().getTime());
  const { url } = await env.api<{ url: string }>('branch1', `/api/meetings/${meetingId}/check-in-token`);
  const phoneContext = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const phone = await phoneContext.newPage();
  phone.setDefaultTimeout(30_000);
  const phoneErrors = watchErrors(phone, /Content Security Policy|Refused to|WebSocket/);
  await phone.goto(`${env.base}${url}`);
  await phone.waitForURL(/\/m\/login\?next=/);
  await phone.getByPlaceholder('请输入账号').fill('member1');
  await phone.getByPlaceholder('请输入密码').fill('Demo@2026');
  await phone.getByRole('button', { name: '登录' }).click();
  await phone.getByText('签到成功').waitFor();
  // The member's own meeting page says so.
  await phone.goto(`${env.base}/m/meetings/${meetingId}`);
  await phone.getByTestId('my-status').filter({ hasText: '已签到' }).waitFor();
  if (shots) await phone.screenshot({ path: path.join(shots, 'life-flow-phone.png'), fullPage: true });
  await phoneContext.close();

  // 3. After the meeting the secretary writes the minutes and confirms as host.
  clock.advance(2 * 3_600_000);
  const names = async (user: string) => {
    const { memberId } = await env.api<{ memberId: string }>(user, '/api/auth/me');
    return planned.attendees.find((a) => a.memberId === memberId)!.name;
  };
  const [hostName, recorderName] = [await names('branch1'), await names('recorder1')];
  const host = await adminPage(env.browser, env.base, 'branch1');
  page = host.page;
  await page.goto(`${env.base}/admin/meetings/${meetingId}`);
  const form = page.getByTestId('minutes-form');
  const choose = async (label: string, name: string) => {
    await form.getByLabel(label).click();
    await form.getByLabel(label).fill(name);
    // Exactly that name: another member's name may contain it.
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${name}$`) }).first().click();
  };
  await choose('主持人', hostName);
  await choose('记录人', recorderName);
  await form.getByLabel('议题1').fill('学习党的二十届四中全会精神');
  await form.getByLabel('主要内容').fill('书记领学，6 名党员交流发言；部署冬季社区志愿服务。');
  await page.getByRole('button', { name: '保存会议记录' }).click();
  // Saved: the record is now a draft waiting for both confirmations.
  await page.getByTestId('meeting-steps').getByText('待记录人确认').waitFor();
  await page.getByRole('button', { name: '主持人确认' }).click();
  await page.getByText('主持人已确认').first().waitFor();
  if (shots) await page.screenshot({ path: path.join(shots, 'life-flow-minutes.png'), fullPage: true });
  await host.close();

  // 4. The recorder (组织委员) confirms from their own account.
  const recorder = await adminPage(env.browser, env.base, 'recorder1');
  await recorder.page.goto(`${env.base}/admin/meetings/${meetingId}`);
  await recorder.page.getByRole('button', { name: '记录人确认' }).click();
  await recorder.page.getByTestId('meeting-steps').getByText('待上级审核').waitFor();
  assert.equal((await env.api<{ status: string }>('branch1', `/api/meetings/${meetingId}`)).status, 'confirmed');
  await recorder.close();

  // 5. The community approves: locked and hashed.
  const reviewer = await adminPage(env.browser, env.base, 'community1');
  page = reviewer.page;
  await page.goto(`${env.base}/admin/meetings/${meetingId}`);
  await page.getByLabel('审核意见').fill('记录完整，同意');
  await page.getByRole('button', { name: '审核通过' }).click();
  await page.getByTestId('minutes-hash').waitFor();
  const minutes = await env.api<{ hash: string; review: { decision: string } }>('community1', `/api/meetings/${meetingId}/minutes`);
  assert.equal(minutes.review.decision, 'approve');
  assert.match(minutes.hash, /^[0-9a-f]{64}$/);
  if (shots) await page.screenshot({ path: path.join(shots, 'life-flow-approved.png'), fullPage: true });

  // 6. The board: December's theme day is now met.
  assert.equal(await decemberThemeDay(page, env.base, branch!.name), '已完成');
  if (shots) await page.screenshot({ path: path.join(shots, 'life-flow-board.png'), fullPage: true });
  assert.deepEqual([...upper.errors, ...secretary.errors, ...phoneErrors, ...host.errors, ...recorder.errors, ...reviewer.errors], []);
  await reviewer.close();
});
