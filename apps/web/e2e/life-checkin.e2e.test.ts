/**
 * End-to-end: the branch secretary puts the venue QR on screen; a member's phone opens the code's link
 * while logged out, logs in, lands back on the check-in page and is checked in; the venue count moves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loginAdmin, setupE2e, watchErrors } from './e2e-env.ts';

const env = setupE2e();

void test('venue QR → member’s phone (login on the way) → checked in → the venue screen counts it', async () => {
  const [branch] = await env.api<{ id: string }[]>('branch1', '/api/orgs/tree?depth=1');
  const start = new Date(env.server.platform.clock.now().getTime() + 10 * 60_000);
  const planned = await env.server.request({
    method: 'POST',
    url: '/api/meetings',
    cookie: await env.server.login('branch1'),
    body: { orgId: branch!.id, type: 'theme_day', title: '端到端主题党日', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), place: '党群服务中心' },
  });
  assert.equal(planned.statusCode, 201, planned.body);
  const meeting = planned.json() as { id: string; counts: { expected: number } };

  const admin = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const screen = await admin.newPage();
  screen.setDefaultTimeout(15_000);
  const screenErrors = watchErrors(screen);
  await loginAdmin(screen, env.base, 'branch1');
  await screen.goto(`${env.base}/admin/meetings/${meeting.id}/venue`);
  const qr = screen.getByTestId('venue-qr');
  await qr.waitFor();
  const link = await qr.getAttribute('data-url');
  assert.match(link ?? '', /^\/m\/check-in\?token=/);
  await screen.getByTestId('venue-count').filter({ hasText: `0/ ${meeting.counts.expected}` }).waitFor();

  const phone = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await phone.newPage();
  page.setDefaultTimeout(15_000);
  const phoneErrors = watchErrors(page, /Content Security Policy|Refused to|WebSocket/);
  await page.goto(`${env.base}${link}`);
  await page.waitForURL(/\/m\/login\?next=/);
  await page.getByPlaceholder('请输入账号').fill('member1');
  await page.getByPlaceholder('请输入密码').fill('Demo@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/m\/check-in\?token=/);
  await page.getByText('签到成功').waitFor();
  if (process.env.XIANFENG_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.XIANFENG_SCREENSHOTS, 'life-check-in-phone.png') });

  // The venue screen polls the meeting: the count moves without a reload.
  await screen.getByTestId('venue-count').filter({ hasText: `1/ ${meeting.counts.expected}` }).waitFor({ timeout: 15_000 });
  if (process.env.XIANFENG_SCREENSHOTS) await screen.screenshot({ path: path.join(process.env.XIANFENG_SCREENSHOTS, 'life-venue.png') });
  const after = await env.api<{ counts: { present: number } }>('branch1', `/api/meetings/${meeting.id}`);
  assert.equal(after.counts.present, 1);

  assert.deepEqual([...screenErrors, ...phoneErrors], []);
  await admin.close();
  await phone.close();
});

void test('compliance board: branches by worst status, coloured, a branch opens its items', async () => {
  const [community] = await env.api<{ id: string }[]>('community1', '/api/orgs/tree?depth=1');
  const period = `${new Date(env.server.platform.clock.now()).getFullYear()}-Q${Math.floor(new Date(env.server.platform.clock.now()).getMonth() / 3) + 1}`;
  const summary = await env.api<{ branches: number; byWorst: Record<string, number> }>('community1', `/api/orgs/${community!.id}/compliance/summary?period=${period}`);
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = watchErrors(page);
  await loginAdmin(page, env.base, 'community1');
  await page.getByRole('link', { name: '达标检查' }).click();
  await page.waitForURL(/\/admin\/compliance$/);
  const cards = page.getByTestId('compliance-summary');
  await cards.getByText('逾期未完成').waitFor();
  await cards.getByText(`/ ${summary.branches}`).first().waitFor();
  const rows = page.getByTestId('compliance-branches').locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), Math.min(20, summary.branches));
  await rows.first().locator('.ant-table-row-expand-icon').click();
  await page.getByText('支部工作条例').first().waitFor();
  if (process.env.XIANFENG_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.XIANFENG_SCREENSHOTS, 'life-compliance.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
