/**
 * End-to-end, 发展党员 through the first stages on the pages people use (built web app, real test server on a
 * PGlite copy of the demo district, headless Chromium, the browser on the server's clock):
 * - branch1 (春晖社区第一网格党支部 secretary) registers an application dated 50 days ago: a wrong ID number is
 *   refused under its field, the corrected one opens the case at stage 1;
 * - the talk (step 2) dated today is more than a month after the application: the form warns, the server refuses
 *   it (422) and the refusal shows under the date with 第七条; dated in time it is recorded;
 * - the activist decision (step 3) moves the case to stage 2; the filing (step 4) is the higher committee's, so
 *   branch1 is shown that instead of a form; branch1 appoints two mentors (step 5);
 * - street1 (东城街道党工委, can approve members) records the filing on the same page;
 * - the board's stage counts are the API's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { loginAdmin, setupE2e, watchErrors } from './e2e-env.ts';

const env = setupE2e();
const shots = process.env.XIANFENG_SCREENSHOTS;

interface BoardView {
  stages: { stage: number; open: number }[];
}
interface CaseView {
  id: string;
  stage: number;
  steps: { key: string; date: string }[];
}

const DAY = 86_400_000;
const beijingDay = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));

/** A valid GB 11643 number (checksum included) for someone born in 1998, unique to this run. */
function idNumber(): string {
  const body = `110101199805${String(10 + (Date.now() % 18)).padStart(2, '0')}${String(100 + (Date.now() % 899)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

async function adminPage(username: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await context.clock.setFixedTime(env.server.platform.clock.now());
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = watchErrors(page);
  await loginAdmin(page, env.base, username);
  return { context, page, errors };
}

/** The form item whose label reads `label` (the inner locator of `has` is relative, so it starts from the page). */
const formItem = (scope: Locator, label: string | RegExp) =>
  scope
    .locator('.ant-form-item')
    .filter({ has: scope.page().locator('label').filter({ hasText: label }) })
    .first();

/** Types a date into an antd DatePicker and confirms it. */
async function pickDate(page: Page, scope: Locator, label: string, day: string): Promise<void> {
  const input = formItem(scope, label).locator('input').first();
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(day);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  assert.equal(await input.inputValue(), day);
}

/** Submits the open step form and waits for the server's answer. */
async function submitStep(page: Page, form: Locator): Promise<number> {
  const answered = page.waitForResponse((r) => /\/api\/development\/cases\/[0-9a-f-]{36}\/steps$/.test(r.url()) && r.request().method() === 'POST');
  // The button enables itself once the contracts' schema accepts the form (never clicked while disabled).
  await form.locator('[data-testid="step-submit"]:not([disabled])').waitFor({ timeout: 5_000 });
  await form.getByTestId('step-submit').click();
  return (await answered).status();
}

void test('admin: application, talk refused when late then recorded, activist, mentors; the committee files it; board counts', async () => {
  const today = env.server.platform.clock.today();
  const appliedOn = beijingDay(Date.parse(`${today}T12:00:00+08:00`) - 50 * DAY);
  const on = (days: number) => beijingDay(Date.parse(`${appliedOn}T12:00:00+08:00`) + days * DAY);
  const name = '韩立新';

  // 1. branch1: 发展党员 → 登记入党申请; a wrong check digit is refused under the ID field.
  const b1 = await adminPage('branch1');
  const page = b1.page;
  await page.locator('.xf-header-nav').getByRole('link', { name: '发展党员' }).click();
  await page.waitForURL(/\/admin\/development/);
  await page.getByTestId('stage-count-1').waitFor();
  await page.getByTestId('new-case').click();
  await page.waitForURL(/\/admin\/development\/new/);
  const form = page.getByTestId('new-case-form');
  await formItem(form, '受理的党支部').getByText('春晖社区第一网格党支部').first().waitFor();
  await formItem(form, '姓名').locator('input').fill(name);
  const good = idNumber();
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  await formItem(form, '身份证号码').locator('input').fill(bad);
  await pickDate(page, form, '收到申请书日期', appliedOn);
  let created = page.waitForResponse((r) => r.url().endsWith('/api/development/cases') && r.request().method() === 'POST');
  await page.getByTestId('create-case').click();
  assert.equal((await created).status(), 400, "a wrong check digit is bad input (MEMBER_ID_NUMBER_INVALID)");
  await formItem(form, '身份证号码').locator('.ant-form-item-explain-error').filter({ hasText: /校验|身份证/ }).waitFor();
  await formItem(form, '身份证号码').locator('input').fill(good);
  created = page.waitForResponse((r) => r.url().endsWith('/api/development/cases') && r.request().method() === 'POST');
  await page.getByTestId('create-case').click();
  assert.equal((await created).status(), 201);
  await page.waitForURL(/\/admin\/development\/[0-9a-f-]{36}$/);
  const caseId = /\/admin\/development\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
  await page.getByTestId('case-title').filter({ hasText: name }).waitFor();
  await page.getByTestId('case-stage').filter({ hasText: '第一阶段' }).waitFor();

  // 2. The talk dated today: the form says it is late (第七条), the server refuses it and the date field says why.
  const talk = page.getByTestId('step-form-talk');
  await page.getByTestId('rules-overdue').waitFor();
  assert.equal(await talk.getByTestId('step-submit').isDisabled(), true, 'nothing filled in yet: the button is disabled');
  await talk.getByTestId('step-missing').filter({ hasText: '谈话人' }).waitFor();
  await formItem(talk, '谈话人').locator('.ant-select').click();
  await page.keyboard.type('李书记');
  await page.keyboard.press('Enter');
  await formItem(talk, '谈话情况').locator('textarea').fill('了解入党动机和对党的认识，提出努力方向。');
  await talk.getByTestId('date-outside').filter({ hasText: '第七条' }).waitFor();
  assert.equal(await submitStep(page, talk), 422);
  const dateError = formItem(talk, '办理日期').locator('.ant-form-item-explain-error');
  await dateError.filter({ hasText: '第七条' }).waitFor();
  await talk.getByTestId('step-refusal').waitFor();
  if (shots) await page.screenshot({ path: path.join(shots, 'development-talk-refused.png'), fullPage: true });
  assert.equal(await talk.getByTestId('override-open').count(), 0, 'a branch secretary holds no development.override');
  await pickDate(page, talk, '办理日期', on(10));
  assert.equal(await submitStep(page, talk), 201);
  await page.getByTestId('record-talk-1').getByTestId('record-date').filter({ hasText: on(10) }).waitFor();

  // 3. The activist decision (step 3): stage 2.
  const activist = page.getByTestId('step-form-activist_decision');
  await pickDate(page, activist, '办理日期', on(20));
  await formItem(activist, '推荐方式').getByText('党员推荐').click();
  await formItem(activist, '决定会议').getByText('支部委员会会议').click();
  assert.equal(await submitStep(page, activist), 201);
  await page.getByTestId('case-stage').filter({ hasText: '第二阶段' }).waitFor();

  // 4. The filing is the committee's: branch1 sees what it needs, not a form. 5. Mentors: two full members.
  await page.getByTestId('next-tab-activist_filing').click();
  await page.getByTestId('next-activist_filing').getByTestId('upper-step').waitFor();
  await page.getByTestId('next-tab-mentors').click();
  const mentors = page.getByTestId('step-form-mentors');
  await pickDate(page, mentors, '办理日期', on(25));
  await formItem(mentors, '培养联系人').locator('.ant-select').click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await options.nth(1).waitFor();
  await options.nth(0).click();
  await options.nth(1).click();
  await page.keyboard.press('Escape');
  assert.equal(await submitStep(page, mentors), 201);
  await page.getByTestId('record-mentors-1').waitFor();
  assert.deepEqual(b1.errors, []);
  await b1.context.close();

  // 6. street1 files it (step 4) with the street committee.
  const s1 = await adminPage('street1');
  await s1.page.goto(`${env.base}/admin/development/${caseId}`);
  await s1.page.getByTestId('next-tab-activist_filing').click();
  const filing = s1.page.getByTestId('step-form-activist_filing');
  await pickDate(s1.page, filing, '办理日期', on(30));
  await formItem(filing, '备案的上级党委').locator('.ant-select').click();
  await s1.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '东城街道党工委' }).click();
  assert.equal(await submitStep(s1.page, filing), 201);
  await s1.page.getByTestId('record-activist_filing-1').waitFor();
  const view = await env.api<CaseView>('branch1', `/api/development/cases/${caseId}`);
  assert.equal(view.stage, 2);
  assert.deepEqual(
    view.steps.map((s) => [s.key, s.date]),
    [
      ['apply', appliedOn],
      ['talk', on(10)],
      ['activist_decision', on(20)],
      ['mentors', on(25)],
      ['activist_filing', on(30)],
    ],
  );
  if (shots) await s1.page.screenshot({ path: path.join(shots, 'development-case.png'), fullPage: true });
  assert.deepEqual(s1.errors, []);
  await s1.context.close();

  // 7. branch1's board: the stage counts are the API's.
  const b2 = await adminPage('branch1');
  await b2.page.goto(`${env.base}/admin/development`);
  await b2.page.getByTestId('board-figures').waitFor();
  const orgId = new URL(b2.page.url()).searchParams.get('org');
  assert.ok(orgId, 'the board picked the secretary’s branch');
  const board = await env.api<BoardView>('branch1', `/api/development/board?orgId=${orgId}`);
  for (const s of board.stages) {
    const badge = b2.page.getByTestId(`stage-count-${s.stage}`);
    assert.equal((await badge.innerText()).trim(), String(s.open), `stage ${s.stage} count`);
  }
  await b2.page.getByTestId('stage-tab-2').click();
  await b2.page.getByTestId('case-table').locator('tr.ant-table-row').filter({ hasText: name }).waitFor();
  if (shots) await b2.page.screenshot({ path: path.join(shots, 'development-board.png'), fullPage: true });
  assert.deepEqual(b2.errors, []);
  await b2.context.close();
});
