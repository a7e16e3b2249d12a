/**
 * End-to-end, 发展党员 on the phone (built web app, real test server on a PGlite copy of the demo district,
 * headless Chromium at 390×844):
 * - a person who is not a member goes from the member login page to 申请入党, registers (a weak password is
 *   refused under its field), applies to 春晖社区第一网格党支部 found by name, and sees stage 1 with the talk due
 *   within a month; logs out and back in with their ID number;
 * - the branch (through the API) holds the talk, makes them an activist and names a member as mentor; the mentor's
 *   phone opens 我培养联系的人 from 我的档案, writes a note; the applicant's progress shows stage 2 and never the note.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { freshIdNumber } from '../../server/src/test-support/members.ts';
import { addMonths } from '../../server/src/platform/dates.ts';
import { setupE2e, watchErrors } from './e2e-env.ts';

const env = setupE2e();
const shots = process.env.XIANFENG_SCREENSHOTS;
const BRANCH = '春晖社区第一网格党支部';
const PASSWORD = 'Apply@2026x';
const zh = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

async function phone(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  await context.clock.setFixedTime(env.server.platform.clock.now());
  return context;
}

test('applicant H5: register, apply to a branch, follow the progress; the mentor writes a note the applicant never sees', async () => {
  const today = env.server.platform.clock.today();
  const id = freshIdNumber().idNumber;

  // 1. From the member login page to registration.
  const ctx = await phone(env.browser);
  const p = await ctx.newPage();
  p.setDefaultTimeout(30_000);
  const errors = watchErrors(p, /Content Security Policy|Refused to|WebSocket/);
  await p.goto(`${env.base}/m/login`);
  await p.getByTestId('to-apply').click();
  await p.waitForURL(/\/m\/apply\/register$/);
  await p.getByPlaceholder('与身份证一致').fill('申请人周');
  await p.getByPlaceholder('18 位身份证号码').fill(id);
  await p.getByPlaceholder('11 位手机号').fill('13912340000');
  const pw = p.locator('input[type=password]');
  await pw.nth(0).fill('weakpass');
  await pw.nth(1).fill('weakpass');
  await p.getByTestId('register-submit').click();
  await p.getByText('密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类').waitFor();
  await pw.nth(0).fill(PASSWORD);
  await pw.nth(1).fill(PASSWORD);
  await p.getByTestId('register-submit').click();
  await p.waitForURL(/\/m\/apply$/);
  await p.getByText('还没有递交入党申请').waitFor();
  assert.equal(await p.locator('.xfm-tabbar').count(), 0, 'applicants have no members’ tab bar');

  // 2. Apply: the branch found by name; the ID number is not asked again in this visit; the phone is filled in.
  await p.getByTestId('start-apply').click();
  await p.waitForURL(/\/m\/apply\/new$/);
  assert.equal(await p.getByText('身份证号（与注册时一致）').count(), 0);
  await p.getByTestId('branch-search').locator('input').fill('春晖社区第一');
  await p.getByTestId('branch-option').filter({ hasText: BRANCH }).click();
  await p.getByTestId('picked-branch').getByText(BRANCH).waitFor();
  await p.getByRole('button', { name: '大学本科' }).click();
  if (shots) await p.screenshot({ path: path.join(shots, 'development-h5-apply.png'), fullPage: true });
  const applied = p.waitForResponse((r) => r.url().endsWith('/api/development/apply'));
  await p.getByTestId('apply-submit').click();
  assert.equal((await applied).status(), 201);
  await p.waitForURL(/\/m\/apply$/);
  const stage = p.getByTestId('my-stage');
  await stage.getByText('申请入党').waitFor();
  const px = await stage.evaluate((el) => parseFloat(getComputedStyle(el.children[1]!).fontSize));
  assert.ok(px >= 28, `the stage is shown big (${px}px)`);
  await p.getByTestId('next-step').filter({ hasText: `党组织派人与您谈话，应在${zh(addMonths(today, 1))}前完成` }).waitFor();
  await p.getByText('139****0000').waitFor();
  assert.equal(await p.getByTestId('stage-timeline').locator('li[data-state="current"]').count(), 1);
  if (shots) await p.screenshot({ path: path.join(shots, 'development-h5-progress.png'), fullPage: true });

  // 3. Log out; an expired or absent session on /m/apply leads to the applicant login, by ID number.
  await p.getByRole('button', { name: '退出' }).click();
  await p.waitForURL(/\/m\/apply\/login$/);
  await p.getByPlaceholder('18 位身份证号码').fill(id);
  await p.getByPlaceholder('请输入密码').fill(PASSWORD);
  await p.getByTestId('applicant-login-submit').click();
  await p.waitForURL(/\/m\/apply$/);
  await p.getByTestId('my-stage').getByText('申请入党').waitFor();

  // 4. The branch talks to them, makes them an activist and names member1 as mentor.
  const branch = await env.server.login('branch1');
  const list = await env.server.request({ method: 'GET', url: `/api/development/cases?q=${encodeURIComponent('申请人周')}`, cookie: branch });
  const caseId = (list.json() as { items: { id: string }[] }).items[0]!.id;
  const mentorId = (await env.api<{ memberId: string }>('member1', '/api/auth/me')).memberId;
  for (const body of [
    { step: 'talk', date: today, talkers: ['王书记'], summary: '了解入党动机' },
    { step: 'activist_decision', date: today, nomination: 'member_recommendation', meeting: 'branch_committee' },
    { step: 'mentors', date: today, mentorMemberIds: [mentorId] },
  ]) {
    const res = await env.server.request({ method: 'POST', url: `/api/development/cases/${caseId}/steps`, cookie: branch, body });
    assert.equal(res.statusCode, 201, res.body);
  }

  // 5. The mentor's phone: 我的档案 → 我培养联系的人 → the mentee → a note.
  const mctx = await phone(env.browser);
  const m = await mctx.newPage();
  m.setDefaultTimeout(30_000);
  const mErrors = watchErrors(m, /Content Security Policy|Refused to|WebSocket/);
  await m.goto(`${env.base}/m/login`);
  await m.getByPlaceholder('请输入账号').fill('member1');
  await m.getByPlaceholder('请输入密码').fill('Demo@2026');
  await m.getByRole('button', { name: '登录' }).click();
  await m.getByTestId('link-mentoring').click();
  await m.waitForURL(/\/m\/mentoring$/);
  await m.getByTestId('mentee').filter({ hasText: '申请人周' }).filter({ hasText: `${zh(addMonths(today, 6))} 前` }).click();
  await m.waitForURL(/\/m\/mentoring\/[0-9a-f-]{36}$/);
  await m.getByTestId('mentee-head').getByText('入党积极分子').waitFor();
  await m.locator('textarea').fill('谈心一次：认真学习党章，工作积极。');
  await m.getByTestId('note-submit').click();
  await m.getByTestId('notes').getByText('谈心一次：认真学习党章，工作积极。').waitFor();
  if (shots) await m.screenshot({ path: path.join(shots, 'development-h5-mentee.png'), fullPage: true });
  assert.deepEqual(mErrors, []);
  await mctx.close();

  // 6. The applicant's progress: stage 2, the steps done, the next assessment; never the note.
  await p.reload();
  await p.getByTestId('my-stage').getByText('入党积极分子').waitFor();
  await p.getByTestId('stage-timeline').getByText('指定培养联系人').waitFor();
  await p.getByTestId('next-step').filter({ hasText: '党支部对您进行培养教育考察' }).waitFor();
  assert.equal(await p.getByText('谈心一次').count(), 0);
  assert.deepEqual(errors, []);
  await ctx.close();
});
