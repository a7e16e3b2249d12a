/**
 * `npm test`: starts a throw-away PostgreSQL, builds the seeded templates once (PGlite dump and a
 * PostgreSQL template database), runs every *.test.ts with node:test, and ends with `N passed, N failed`.
 * Arguments filter test files by substring: `npm test -- member`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startPgServer } from '../apps/server/src/test-support/pg-server.ts';
import { buildPgliteTemplate, buildPgTemplate, repoRoot } from '../apps/server/src/test-support/templates.ts';

function findTests(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findTests(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = ['apps', 'packages']
  .flatMap((d) => findTests(path.join(repoRoot, d)))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
const started = Date.now();
const log = (s: string) => process.stdout.write(`${s}\n`);

process.env.TZ = 'Asia/Shanghai';
process.env.XIANFENG_TEST_TEMPLATE_FILE ??= path.join(repoRoot, '.test-tmp', `pglite-template-${process.pid}.tar.gz`);
let pgStop: (() => void) | null = null;
if (process.env.XIANFENG_TEST_PG !== 'skip') {
  const pgServer = await startPgServer();
  if (pgServer) {
    pgStop = pgServer.stop;
    process.env.XIANFENG_TEST_PG_URL = pgServer.url();
    log(`PostgreSQL test server at ${pgServer.url()}`);
  } else if (process.env.CI) {
    throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found: the tests need them (see .ci/run)');
  } else {
    log('PostgreSQL binaries not found: integration tests run on PGlite only');
  }
}
log('building test templates (demo district)…');
await buildPgliteTemplate();
if (process.env.XIANFENG_TEST_PG_URL) {
  const admin = process.env.XIANFENG_TEST_PG_URL;
  await buildPgTemplate(admin, (name) => admin.replace(/\/[^/]*$/, `/${name}`));
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    pgStop?.();
    process.exit(130);
  });
}
log(`templates ready in ${((Date.now() - started) / 1000).toFixed(1)} s; running ${files.length} test file(s)`);

const reporter = path.join(repoRoot, 'scripts/summary-reporter.mjs');
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${process.env.XIANFENG_TEST_CONCURRENCY ?? '2'}`,
    '--test-timeout=600000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit', env: process.env, cwd: repoRoot },
);
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
pgStop?.();
fs.rmSync(process.env.XIANFENG_TEST_TEMPLATE_FILE, { force: true });
log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);
