/**
 * Shared end-to-end setup: the built web app served by a real test server (PGlite copy of the demo district)
 * and headless Debian Chromium through playwright-core. `setupE2e()` registers the node:test hooks; the
 * returned object is filled in before the first test.
 */
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { openTestServer, type TestServer } from '../../server/src/test-support/harness.ts';

const CHROMIUM = '/usr/bin/chromium';
// As root on a closed network Chromium stalls without these (ARCHITECTURE §3).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const webDist = path.join(repoRoot, 'apps/web/dist');
const failureDir = path.join(repoRoot, 'test-results', 'e2e');
/** Network lines kept per browser context for a failing test's report. */
const NETWORK_LINES = 40;

export interface E2eEnv {
  server: TestServer;
  browser: Browser;
  base: string;
  /** GET as a demo account through the server (not the browser), asserting 200. */
  api: <T>(username: string, url: string) => Promise<T>;
}

export function setupE2e(): E2eEnv {
  const env = {} as E2eEnv;
  before(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: the end-to-end tests need it (apt-get install -y chromium fonts-noto-cjk). Not skipping.`);
    }
    execSync('node scripts/build-web-if-needed.mjs', { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    assert.ok(fs.existsSync(path.join(webDist, 'index.html')), 'apps/web/dist/index.html was not built');
    env.server = await openTestServer('pglite', { webDist });
    await env.server.app.listen({ port: 0, host: '127.0.0.1' });
    env.base = `http://127.0.0.1:${(env.server.app.server.address() as AddressInfo).port}`;
    env.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    recordNetwork(env.browser);
    env.api = async <T>(username: string, url: string): Promise<T> => {
      const cookie = await env.server.login(username);
      const res = await env.server.request({ method: 'GET', url, cookie });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json() as T;
    };
  });
  afterEach(async (t) => {
    // `passed` is there since Node 20.14 (not yet in the types).
    if ((t as { passed?: boolean }).passed === false && env.browser) await reportFailure(env.browser, t.name);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

const networkLog = new WeakMap<BrowserContext, string[]>();

/** Every context the tests open keeps its last requests: sent, answered (status, ms) or failed. */
function recordNetwork(browser: Browser): void {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    const lines: string[] = [];
    networkLog.set(context, lines);
    const push = (s: string) => {
      lines.push(`${new Date().toISOString().slice(11, 23)} ${s}`);
      if (lines.length > NETWORK_LINES) lines.shift();
    };
    const started = new WeakMap<object, number>();
    // Pages and API calls only: the bundle's scripts and styles would push them out.
    const kept = (r: Request) => ['document', 'fetch', 'xhr'].includes(r.resourceType());
    context.on('request', (r) => {
      if (!kept(r)) return;
      started.set(r, Date.now());
      push(`→ ${r.method()} ${r.url()}`);
    });
    context.on('requestfinished', (r) => kept(r) && void r.response().then((res) => push(`← ${res?.status() ?? '?'} ${r.method()} ${r.url()} ${Date.now() - (started.get(r) ?? Date.now())} ms`)));
    context.on('requestfailed', (r) => kept(r) && push(`✗ ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`));
    return context;
  };
}

/**
 * A failing browser test leaves, for each page still open, a screenshot in test-results/e2e and prints its address
 * and last requests — so a timeout says whether the click sent nothing, the server never answered, or the page
 * showed something else.
 */
async function reportFailure(browser: Browser, testName: string): Promise<void> {
  fs.mkdirSync(failureDir, { recursive: true });
  const slug = testName.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  let n = 0;
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      n += 1;
      const file = path.join(failureDir, `${slug}-${n}.png`);
      await page.screenshot({ path: file, fullPage: true, timeout: 5000 }).catch(() => undefined);
      const lines = networkLog.get(context) ?? [];
      process.stdout.write(`\n[e2e failure] ${testName} — page ${n}: ${page.url()}\n  screenshot: ${path.relative(repoRoot, file)}\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
    }
  }
}

/** Fail on uncaught page errors (a broken bundle, CSP refusals) rather than on a later timeout. */
export function watchErrors(page: Page, consolePattern = /Content Security Policy|Refused to/): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && consolePattern.test(m.text())) errors.push(m.text());
  });
  return errors;
}

/** Logs a demo account into the admin console through the login form. */
export async function loginAdmin(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/admin/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Demo@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('display-name').waitFor();
}
