/**
 * End-to-end, 统计分析 and 大屏 through the pages people use (built web app, real test server on a PGlite copy of
 * the demo district, headless Chromium):
 * - district (区委组织部) opens 统计分析 from the header: the KPI cards and the 学历 / 年龄 tables show exactly
 *   what GET /api/stats/orgs/:id/members answers in the same session; a click on a street's row drills into
 *   it (breadcrumb, URL, its own figures), and the breadcrumb leads back; a past date from the date picker
 *   shows that day's figures (?asOf=);
 * - /screen?orgId= at 1920×1080 shows the same total; a member created through the API moves the screen's
 *   total within seconds, without a reload (the stats WebSocket);
 * - /screen without a session goes to the login page and comes back to the screen.
 * XIANFENG_SCREENSHOTS=<dir> saves the dashboard, the drilled-in street and the screen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { freshIdNumber } from '../../server/src/test-support/members.ts';
import { loginAdmin, setupE2e, watchErrors } from './e2e-env.ts';

const env = setupE2e();
const shots = process.env.XIANFENG_SCREENSHOTS;
const STREET = '东城街道';
const BRANCH = '春晖社区第一网格党支部';

interface MemberStatistics {
  total: number;
  byStatus: Record<string, number>;
  byGender: Record<string, number>;
  byEthnicity: Record<string, number>;
  byAgeBand: Record<string, number>;
  byEducation: Record<string, number>;
  asOf: string;
}
interface Overview {
  org: { id: string; name: string };
  members: MemberStatistics;
  orgs: { total: number; byKind: Record<string, number> };
  children: { id: string; name: string; total: number }[];
}

/** The page shows counts with thousands separators. */
const shown = (n: number) => n.toLocaleString('zh-CN');
const text = async (page: Page, testId: string) => (await page.getByTestId(testId).innerText()).trim();

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const res = await request.get(url);
  assert.equal(res.status(), 200, `${url}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** The dashboard's KPI cards and two breakdown tables against the API's figures for the org on screen. */
async function assertDashboardMatches(page: Page, orgId: string): Promise<MemberStatistics> {
  await page.waitForURL(new RegExp(`/admin/stats/${orgId}`));
  await page.locator(`[data-testid="stats-dashboard"][data-org-id="${orgId}"]`).waitFor();
  const m = await getJson<MemberStatistics>(page.request, `/api/stats/orgs/${orgId}/members`);
  assert.ok(m.total > 0, 'the org has members');
  assert.equal(await text(page, 'kpi-total'), shown(m.total), '党员总数');
  assert.equal(await text(page, 'kpi-probationary'), shown(m.byStatus.probationary!), '预备党员');
  assert.equal(await text(page, 'kpi-female'), shown(m.byGender.female!), '女党员');
  assert.equal(await text(page, 'kpi-minority'), shown(m.byEthnicity.minority!), '少数民族党员');
  assert.equal(await text(page, 'kpi-up-to-35'), shown(m.byAgeBand.le30! + m.byAgeBand['31_35']!), '35岁及以下');
  for (const [card, breakdown] of [
    ['chart-education', m.byEducation],
    ['chart-age', m.byAgeBand],
  ] as const) {
    const box = page.getByTestId(card);
    await box.getByText('表', { exact: true }).click();
    for (const [key, value] of Object.entries(breakdown)) {
      const row = box.getByTestId(`${card}-row-${key}`);
      if (value === 0 && key === 'unknown') {
        assert.equal(await row.count(), 0, `${card}: no 未填写 row when nothing is missing`);
        continue;
      }
      assert.equal((await row.getByTestId('count').innerText()).trim(), shown(value), `${card} ${key}`);
    }
    await box.getByText('图', { exact: true }).click();
  }
  return m;
}

void test('district: dashboard and big screen show the API figures, drill into a street, follow a new member live', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', baseURL: env.base });
  // No fake browser clock: ECharts animates by Date, and a frozen Date would freeze the charts mid-update. The page
  // takes its dates from the server (asOf), and the past date below is allowed whatever the browser's today is.
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = watchErrors(page);
  await loginAdmin(page, env.base, 'district');

  // 1. 统计分析 from the header opens the district's root.
  await page.locator('.xf-header-nav').getByRole('link', { name: '统计分析' }).click();
  await page.waitForURL(/\/admin\/stats\/[0-9a-f-]{36}$/);
  const rootId = /\/admin\/stats\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
  const rootFigures = await assertDashboardMatches(page, rootId);
  const overview = await getJson<Overview>(page.request, `/api/stats/orgs/${rootId}/overview`);
  assert.equal(overview.members.total, rootFigures.total, 'overview and members agree');
  assert.equal(await text(page, 'kpi-orgs'), shown(overview.orgs.total - overview.orgs.byKind.group!), '党组织 (党小组 apart)');
  await page.getByTestId('stats-children').locator('tr.ant-table-row').first().waitFor();
  assert.equal(await page.getByTestId('stats-children').locator('tr.ant-table-row').count(), Math.min(20, overview.children.length));
  if (shots) await page.screenshot({ path: path.join(shots, 'stats-dashboard.png'), fullPage: true });

  // 2. Drill into the street from its row; its figures; back through the breadcrumb.
  const street = overview.children.find((c) => c.name.includes(STREET));
  assert.ok(street, `${STREET} is a child of the district root`);
  await page.getByTestId(`child-${street.id}`).click();
  const streetFigures = await assertDashboardMatches(page, street.id);
  assert.equal(streetFigures.total, street.total, 'the child row and the street agree');
  await page.getByTestId('stats-breadcrumb').getByText(overview.org.name).waitFor();
  if (shots) await page.screenshot({ path: path.join(shots, 'stats-street.png'), fullPage: true });
  await page.getByTestId('stats-breadcrumb').getByRole('link', { name: overview.org.name }).click();
  await page.locator(`[data-testid="stats-dashboard"][data-org-id="${rootId}"]`).waitFor();

  // 3. A past date (from history): the date picker, the figures as of that day, then back to now (live).
  const past = `${Number(rootFigures.asOf.slice(0, 4)) - 1}-12-31`;
  const asOfPicker = page.getByLabel('统计日期');
  await asOfPicker.click();
  await asOfPicker.fill(past);
  await asOfPicker.press('Enter');
  await page.waitForURL(new RegExp(`/admin/stats/${rootId}\\?asOf=${past}$`));
  await page.locator(`[data-testid="stats-dashboard"][data-as-of="${past}"]`).waitFor();
  const then = await getJson<MemberStatistics>(page.request, `/api/stats/orgs/${rootId}/members?asOf=${past}`);
  assert.equal(then.asOf, past);
  assert.equal(await text(page, 'kpi-total'), shown(then.total), `党员总数 as of ${past}`);
  assert.equal(await text(page, 'kpi-female'), shown(then.byGender.female!), `女党员 as of ${past}`);
  await page.getByTestId('stats-mode').getByText(`截至 ${past}`).waitFor();
  await page.goto(`/admin/stats/${rootId}`);
  await page.locator(`[data-testid="stats-dashboard"][data-as-of="${rootFigures.asOf}"]`).waitFor();
  assert.deepEqual(errors, []);

  // 4. The big screen at 1920×1080, same session: the same total.
  const screen = await context.newPage();
  await screen.setViewportSize({ width: 1920, height: 1080 });
  screen.setDefaultTimeout(30_000);
  const screenErrors = watchErrors(screen);
  await screen.goto(`${env.base}/screen?orgId=${rootId}`);
  await screen.getByTestId('screen-org-name').getByText(overview.org.name).waitFor();
  assert.equal(await text(screen, 'screen-total'), shown(rootFigures.total));
  assert.equal(await text(screen, 'screen-female'), shown(rootFigures.byGender.female!));
  await screen.getByTestId('screen-live').getByText('实时').waitFor();
  if (shots) await screen.screenshot({ path: path.join(shots, 'stats-screen.png') });

  // 5. A member created through the API: the screen's total follows without a reload.
  const dir = await getJson<{ items: { id: string; name: string }[] }>(page.request, `/api/orgs/directory?q=${encodeURIComponent(BRANCH)}`);
  const branch = dir.items.find((o) => o.name === BRANCH);
  assert.ok(branch, `${BRANCH} is in the directory`);
  const id = freshIdNumber();
  const navigations: string[] = [];
  screen.on('framenavigated', (f) => {
    if (f === screen.mainFrame()) navigations.push(f.url());
  });
  const created = await page.request.post(`${env.base}/api/members`, {
    data: { orgId: branch.id, name: '统计测试', gender: id.gender, birthDate: id.birthDate, idNumber: id.idNumber, joinedOn: '2010-07-01', fullMemberOn: '2011-07-01', status: 'full', category: 'resident' },
  });
  assert.equal(created.status(), 201, await created.text());
  const after = await getJson<MemberStatistics>(page.request, `/api/stats/orgs/${rootId}/members`);
  assert.equal(after.total, rootFigures.total + 1, 'the API counts the new member');
  await screen.getByTestId('screen-total').getByText(shown(after.total), { exact: true }).waitFor({ timeout: 5_000 });
  assert.deepEqual(navigations, [], 'the screen did not reload');
  // The dashboard, still open on the root, follows too.
  await page.getByTestId('kpi-total').getByText(shown(after.total), { exact: true }).waitFor({ timeout: 5_000 });
  // Let the charts' update animation (400 ms) finish before the picture.
  if (shots) await screen.waitForTimeout(1_000).then(() => screen.screenshot({ path: path.join(shots, 'stats-screen-after.png') }));
  assert.deepEqual(screenErrors, []);
  await context.close();

  // 6. Without a session the screen sends to the login page, which returns to the screen.
  const anonymous = await env.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  const p = await anonymous.newPage();
  p.setDefaultTimeout(30_000);
  await p.goto(`${env.base}/screen?orgId=${rootId}`);
  await p.waitForURL(/\/admin\/login\?next=/);
  await p.getByLabel('用户名').fill('district');
  await p.getByLabel('密码').fill('Demo@2026');
  await p.getByRole('button', { name: '登录' }).click();
  await p.waitForURL(new RegExp(`/screen\\?orgId=${rootId}$`));
  assert.equal(await text(p, 'screen-total'), shown(after.total));
  await anonymous.close();
});
