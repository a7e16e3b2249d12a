import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { repoRoot, TEST_MASTER_KEY } from '../../test-support/templates.ts';
import { one } from '../../platform/db/db.ts';
import { openPglite } from '../../platform/db/db.ts';
import { systemCtx } from '../../platform/context.ts';
import { findRollupDifferences, verifyStatsRollups } from './stats.service.ts';

const run = promisify(execFile);

/** `npm run stats:verify` as a process against a copy of the test database; answers its exit code and output. */
async function cli(env: Record<string, string>, args: string[] = []): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', 'stats:verify', ...args], {
      cwd: repoRoot,
      env: { ...process.env, XIANFENG_MASTER_KEY: TEST_MASTER_KEY, XIANFENG_DEMO: 'false', ...env },
    });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

for (const engine of engines) {
  describe(`stats:verify (${engine})`, () => {
    let s: TestServer;
    let branch: { id: string; name: string };
    let tmp: string | null = null;

    before(async () => {
      s = await openTestServer(engine);
      branch = (await one<{ id: string; name: string }>(s.platform.database.db, sql`SELECT id, name FROM org WHERE name = '春晖社区第一网格党支部'`))!;
    });
    after(async () => {
      await s.stop();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    /** Environment for the CLI: PostgreSQL by URL; PGlite from a data folder holding a copy of the database. */
    async function cliEnv(): Promise<Record<string, string>> {
      if (engine === 'postgres') {
        const url = (s.platform.database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
        return { DATABASE_URL: url };
      }
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-stats-verify-'));
      const dump = await s.platform.database.pglite!.dumpDataDir('gzip');
      const copy = await openPglite({ dataDir: path.join(tmp, 'pglite'), loadDataDir: dump });
      await copy.close();
      return { XIANFENG_DATA_DIR: tmp, DATABASE_URL: '' };
    }

    test('a tampered, a deleted and a stray rollup row are each reported; --repair rewrites them; the CLI exits non-zero until then', async () => {
      const db = s.platform.database.db;
      const ctx = systemCtx(s.platform);
      assert.deepEqual(await findRollupDifferences(ctx), [], 'clean to begin with');
      await db.execute(sql`UPDATE stats_rollup SET n = n + 7 WHERE org_id = ${branch.id} AND dim = 'total'`);
      await db.execute(sql`DELETE FROM stats_rollup WHERE org_id = ${branch.id} AND dim = 'status' AND key = 'full'`);
      await db.execute(sql`INSERT INTO stats_rollup (org_id, dim, key, n) VALUES (${branch.id}, 'gender', 'robot', 2)`);
      const full = (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM member WHERE org_id = ${branch.id} AND state = 'active' AND status = 'full'`))!.n;
      const total = (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM member WHERE org_id = ${branch.id} AND state = 'active'`))!.n;
      const diffs = await findRollupDifferences(ctx);
      assert.deepEqual(
        diffs.map((d) => [d.orgName, d.dim, d.key, d.stored, d.expected]),
        [
          [branch.name, 'gender', 'robot', 2, 0],
          [branch.name, 'status', 'full', 0, full],
          [branch.name, 'total', '', total + 7, total],
        ],
      );

      const env = await cliEnv();
      const first = await cli(env);
      assert.equal(first.code, 1, first.out);
      assert.match(first.out, /春晖社区第一网格党支部 \S+ total="": stored \d+, recount \d+/);
      assert.match(first.out, /3 rollup row\(s\) differ/);
      const repaired = await cli(env, ['--repair']);
      assert.equal(repaired.code, 0, repaired.out);
      assert.match(repaired.out, /3 rollup row\(s\) differ[\s\S]*repaired: rewrote \d+ rollup row/);

      if (engine === 'pglite') {
        // The CLI repaired a copy: here verify only reports, and repair rewrites in one audited transaction.
        const checked = await verifyStatsRollups(ctx, { repair: false });
        assert.equal(checked.differences.length, 3);
        assert.equal(checked.repairedRows, null);
        const fixed = await verifyStatsRollups(ctx, { repair: true });
        assert.ok((fixed.repairedRows ?? 0) > 1000);
      }
      assert.deepEqual(await findRollupDifferences(ctx), []);
      assert.ok(await one(db, sql`SELECT 1 FROM audit_event WHERE action = 'stats.rollups.repair'`), 'the repair is audited');
      // The triggers carry on from the rewritten rows.
      const res = await s.request({ method: 'GET', url: `/api/stats/orgs/${branch.id}/members`, cookie: await s.login('branch1') });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().total, total);
      assert.equal(res.json().byStatus.full, full);
    });
  });
}
