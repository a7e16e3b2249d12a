/**
 * End-to-end, 统计分析 and 大屏 through the pages people use (built web app, real test server on a PGlite copy of
 * the demo district, headless Chromium):
 * - district (区委组织部) opens 统计分析 from the header: the KPI cards and the 学历 / 年龄 tables show exactly
 *   what GET /api/stats/orgs/:id/members answers in the same session; the age pyramid's table (男 / 女 / 性别未填写
 *   per band) equals the overview's agePyramid; the trend chart draws the N month-ends and today of
 *   GET /api/stats/orgs/:id/trend; a click on a street's row drills into
 *   it (breadcrumb, URL, its own figures), and the breadcrumb leads back; a past date from the date picker
 *   shows that day's figures (?asOf=);
 * - /screen?orgId= at 1920×1080 shows the same total, the pyramid and the trend, inside the stage; a member created
 *   through the API moves the screen's total, the trend's today and the dashboard's pyramid within seconds, without
 *   a reload (the stats WebSocket);
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
interface PyramidRow {
  band: string;
  male: number;
  female: number;
  unknown: number;
}
interface Overview {
  org: { id: string; name: string };
  members: MemberStatistics;
  orgs: { total: number; byKind: Record<string, number> };
  children: { id: string; name: string; total: number }[];
  agePyramid: PyramidRow[];
  warnings: { code: string; zh: string; count: number }[];
}
interface Trend {
  orgId: string;
  points: { month: string; asOf: string; total: number; full: number; probationary: number; source: 'rollup' | 'history' | 'live' }[];
}
const TREND_MONTHS = 12;

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

/** The pyramid's 表 view: every band's 男 / 女 / 性别未填写 / 合计 as the overview's agePyramid answers. */
async function assertPyramidMatches(page: Page, pyramid: PyramidRow[]): Promise<void> {
  const box = page.getByTestId('chart-age');
  await box.getByText('表', { exact: true }).click();
  const anyNoGender = pyramid.some((r) => r.unknown > 0);
  for (const r of pyramid) {
    const row = box.getByTestId(`chart-age-row-${r.band}`);
    const total = r.male + r.female + r.unknown;
    if (r.band === 'unknown' && total === 0) {
      assert.equal(await row.count(), 0, 'no 出生日期未填写 row when every birth date is known');
      continue;
    }
    assert.equal((await row.getByTestId('male').innerText()).trim(), shown(r.male), `pyramid ${r.band} 男`);
    assert.equal((await row.getByTestId('female').innerText()).trim(), shown(r.female), `pyramid ${r.band} 女`);
    assert.equal((await row.getByTestId('count').innerText()).trim(), shown(total), `pyramid ${r.band} 合计`);
    if (anyNoGender) assert.equal((await row.getByTestId('unknown-gender').innerText()).trim(), shown(r.unknown), `pyramid ${r.band} 性别未填写`);
    else assert.equal(await row.getByTestId('unknown-gender').count(), 0, 'no 性别未填写 column when every gender is known');
  }
  const noted = await page.getByTestId('age-pyramid-note').count();
  assert.equal(noted > 0, pyramid.some((r) => r.unknown > 0 || (r.band === 'unknown' && r.male + r.female > 0)), 'the note says what the chart leaves out');
  await box.getByText('图', { exact: true }).click();
  await box.locator('canvas').first().waitFor();
}

/** The trend card: N + 1 points drawn (N month-ends and today), its 表 view row by row, 今日 last. */
async function assertTrendMatches(page: Page, trend: Trend): Promise<void> {
  const figures = page.locator(`[data-testid="trend-figures"][data-points="${trend.points.length}"]`);
  await figures.waitFor();
  assert.equal(await figures.getAttribute('data-last-total'), String(trend.points.at(-1)!.total));
  const box = page.getByTestId('chart-trend');
  await box.locator('canvas').first().waitFor();
  const label = (await box.getByRole('img').getAttribute('aria-label')) ?? '';
  assert.equal(label.split('，').length, trend.points.length, `the chart's label names every point: ${label}`);
  assert.ok(label.includes(`今日（${trend.points.at(-1)!.asOf}）`), 'the last point is today');
  await box.getByText('表', { exact: true }).click();
  for (const [i, p] of trend.points.entries()) {
    const row = box.getByTestId(`chart-trend-row-${i}`);
    assert.equal((await row.getByTestId('count').innerText()).trim(), shown(p.total), `trend ${p.month} 党员总数`);
    assert.equal((await row.getByText('按历史记录计算').count()) > 0, p.source === 'history', `trend ${p.month} (${p.source}) marks history`);
  }
  assert.ok((await box.getByTestId(`chart-trend-row-${trend.points.length - 1}`).innerText()).includes('今日'));
  assert.equal(await box.getByTestId(`chart-trend-row-${trend.points.length}`).count(), 0, 'no row past today');
  await box.getByText('图', { exact: true }).click();
  await box.locator('canvas').first().waitFor();
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
  // Every warning the overview answers is listed with its label and count (SECRETARY_MISSING included).
  assert.ok(overview.warnings.some((w) => w.code === 'SECRETARY_MISSING' && w.zh === '书记空缺的党组织'), 'the overview has SECRETARY_MISSING');
  for (const w of overview.warnings) {
    const item = page.getByTestId(`warning-${w.code}`);
    assert.ok((await item.innerText()).includes(w.zh), `${w.code} shows ${w.zh}`);
    assert.equal((await item.getByRole('link').innerText()).match(/\d[\d,]*/)?.[0]?.replaceAll(',', ''), String(w.count), `${w.code} count`);
  }
  await assertPyramidMatches(page, overview.agePyramid);
  const trend = await getJson<Trend>(page.request, `/api/stats/orgs/${rootId}/trend?months=${TREND_MONTHS}`);
  assert.equal(trend.orgId, rootId);
  assert.equal(trend.points.length, TREND_MONTHS + 1, 'the last 12 month-ends, then today');
  assert.equal(trend.points.at(-1)!.source, 'live');
  assert.equal(trend.points.at(-1)!.total, rootFigures.total, "the trend's today is the live total");
  await assertTrendMatches(page, trend);
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
  await screen.locator(`[data-testid="screen-trend"][data-points="${TREND_MONTHS + 1}"]`).waitFor();
  await screen.getByTestId('screen-pyramid').locator('canvas').first().waitFor();
  // Everything on the 1920×1080 stage: no panel runs past its edges.
  const overflow = await screen.evaluate(() => {
    const stage = document.querySelector('[data-testid="screen"]')!.getBoundingClientRect();
    return [...document.querySelectorAll('.xf-screen-panel')]
      .map((el) => ({ title: el.querySelector('h2')?.textContent ?? '', r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.left < stage.left - 0.5 || r.top < stage.top - 0.5 || r.right > stage.right + 0.5 || r.bottom > stage.bottom + 0.5)
      .map(({ title }) => title);
  });
  assert.deepEqual(overflow, [], 'panels inside the 1920×1080 stage');
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
  // The dashboard, still open on the root, follows too: total, trend's today, pyramid.
  await page.getByTestId('kpi-total').getByText(shown(after.total), { exact: true }).waitFor({ timeout: 5_000 });
  await page.locator(`[data-testid="trend-figures"][data-last-total="${after.total}"]`).waitFor({ timeout: 5_000 });
  await screen.locator(`[data-testid="screen-trend"][data-last-total="${after.total}"]`).waitFor({ timeout: 5_000 });
  await assertPyramidMatches(page, (await getJson<Overview>(page.request, `/api/stats/orgs/${rootId}/overview`)).agePyramid);
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
