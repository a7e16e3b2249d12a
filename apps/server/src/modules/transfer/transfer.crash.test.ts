import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { PG_TEMPLATE_DB, TEST_MASTER_KEY, TEST_NOW } from '../../test-support/templates.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';

/**
 * Crash safety on PostgreSQL: the real server process runs a batch of transfers (create, then every step
 * approved) while it is killed with SIGKILL at random moments and restarted. Clients retry as a user would
 * (an unanswered request is looked up again, never assumed). Afterwards every transfer is completed or pending
 * at a consistent step, and every member is in exactly the org their transfer's state says — never both, never
 * neither.
 */
const pgUrl = process.env.XIANFENG_TEST_PG_URL;
const root = path.resolve(import.meta.dirname, '../../../../..');
const MEMBERS = 8;
const KILLS = 4;

describe('transfers survive the server being killed (postgres)', { skip: !pgUrl }, () => {
  const dbName = `xf_t_crash_${randomBytes(5).toString('hex')}`;
  const dbUrl = (() => {
    const u = new URL(pgUrl ?? 'postgres://x/y');
    u.pathname = `/${dbName}`;
    return u.toString();
  })();
  const port = 41_000 + Math.floor(Math.random() * 2000);
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  let db: pg.Client;

  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(q).finally(() => c.end());
  };

  async function startServer(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', 'start'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: dbUrl, XIANFENG_MASTER_KEY: TEST_MASTER_KEY, PORT: String(port), HOST: '127.0.0.1', XIANFENG_DEMO: 'true', XIANFENG_FAKE_NOW: TEST_NOW, XIANFENG_WEB_DIST: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const onData = (b: Buffer) => {
        out += b.toString();
        if (out.includes('ready:')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before ready:\n${out}`)));
    });
  }
  function kill(): Promise<void> {
    const child = server;
    server = null;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  before(async () => {
    await admin(`CREATE DATABASE ${dbName} TEMPLATE ${PG_TEMPLATE_DB}`);
    db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    await startServer();
  });
  after(async () => {
    await kill();
    await db?.end();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  let cookie = '';
  /** One HTTP call; a dead server throws (the caller retries after the restart). */
  async function http(method: string, url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    if (!cookie) {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'district', password: DEMO_PASSWORD }) });
      cookie = res.headers.getSetCookie().find((c) => c.startsWith('xf_session='))!.split(';')[0]!;
    }
    const res = await fetch(`${base}${url}`, { method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  /** Each transfer pending at one step with the earlier ones approved (member home), or completed (member moved). */
  async function assertConsistent(memberIds: string[]) {
    const found = await db.query<{ status: string; from_org_id: string; to_org_id: string; org_id: string; steps: string[] }>(
      `SELECT t.status, t.from_org_id, t.to_org_id, m.org_id,
              (SELECT array_agg(s.status ORDER BY s.seq) FROM transfer_step s WHERE s.transfer_id = t.id AND s.round = t.round) AS steps
       FROM transfer t JOIN member m ON m.id = t.member_id WHERE t.member_id = ANY($1::uuid[])`,
      [memberIds],
    );
    for (const r of found.rows) {
      if (r.status === 'completed') {
        assert.equal(r.org_id, r.to_org_id);
        assert.ok(r.steps.every((x) => x === 'approved'));
      } else {
        assert.equal(r.status, 'pending');
        assert.equal(r.org_id, r.from_org_id, 'not taken in yet: still in the sending branch');
        assert.match(r.steps.join(','), /^(approved,)*pending(,waiting)*$/);
      }
    }
  }

  test('a batch of transfers with SIGKILLs in between: each completed or pending at a consistent step', async () => {
    const picked = await db.query<{ id: string; org_id: string }>(
      `SELECT m.id, m.org_id FROM member m JOIN org o ON o.id = m.org_id
       WHERE o.name = '锦绣社区第三网格党支部' AND m.state = 'active' AND NOT EXISTS (SELECT 1 FROM transfer t WHERE t.member_id = m.id) ORDER BY m.id LIMIT ${MEMBERS}`,
    );
    const target = (await db.query<{ id: string }>(`SELECT id FROM org WHERE name = '和平社区第三网格党支部'`)).rows[0]!.id;
    assert.equal(picked.rows.length, MEMBERS);
    let restarting: Promise<void> | null = null;
    let done = 0;

    async function drive(memberId: string) {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        try {
          if (restarting) await restarting;
          // Did a create commit before its answer was lost? Look it up rather than assume.
          const open = await db.query<{ id: string; status: string }>(`SELECT id, status FROM transfer WHERE member_id = $1 ORDER BY created_at DESC LIMIT 1`, [memberId]);
          let id = open.rows[0]?.id;
          if (!id) {
            const r = await http('POST', '/api/transfers', { memberId, toOrgId: target, reason: '居住地变更' });
            if (r.status !== 201) continue;
            id = r.json.id as string;
          }
          const t = await http('GET', `/api/transfers/${id}`);
          if (t.json.status === 'completed') return;
          await http('POST', `/api/transfers/${id}/approve`, {});
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      throw new Error(`member ${memberId} never completed`);
    }

    const clients = Promise.all(picked.rows.map((m) => drive(m.id).then(() => (done += 1))));
    let killedMidBatch = 0;
    for (let k = 0; k < KILLS && done < MEMBERS; k += 1) {
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 600)));
      if (done < MEMBERS) killedMidBatch += 1;
      restarting = (async () => {
        await kill();
        // With the server dead, what is on disk must already be consistent.
        await assertConsistent(picked.rows.map((r) => r.id));
        cookie = '';
        await startServer();
      })();
      await restarting;
      restarting = null;
    }
    // Between kills the state was checked as it stood; now let the batch finish.
    await clients;
    assert.ok(killedMidBatch >= 2, `the server died ${killedMidBatch} times with transfers under way`);

    const rows = await db.query<{ member_id: string; status: string; from_org_id: string; to_org_id: string; org_id: string; state: string; steps: string[]; n: number }>(
      `SELECT t.member_id, t.status, t.from_org_id, t.to_org_id, m.org_id, m.state,
              (SELECT array_agg(s.status ORDER BY s.seq) FROM transfer_step s WHERE s.transfer_id = t.id AND s.round = t.round) AS steps,
              (SELECT count(*)::int FROM transfer t2 WHERE t2.member_id = t.member_id) AS n
       FROM transfer t JOIN member m ON m.id = t.member_id WHERE t.member_id = ANY($1::uuid[])`,
      [picked.rows.map((r) => r.id)],
    );
    assert.equal(rows.rows.length, MEMBERS, 'one transfer per member: no retry created a second');
    for (const r of rows.rows) {
      assert.equal(r.n, 1);
      assert.equal(r.state, 'active');
      assert.equal(r.status, 'completed');
      assert.equal(r.org_id, r.to_org_id, 'completed: the member is in the receiving branch');
      assert.deepEqual(r.steps, ['approved', 'approved', 'approved']);
    }
    const approvals = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'transfer.approve' AND target_id IN (SELECT id::text FROM transfer WHERE member_id = ANY($1::uuid[]))`,
      [picked.rows.map((r) => r.id)],
    );
    assert.equal(approvals.rows[0]!.n, MEMBERS * 3, 'each approval audited exactly once');
  });

  test('killed between steps, a transfer waits at a consistent step: earlier steps approved, one pending, the member still home', async () => {
    const m = (await db.query<{ id: string; org_id: string }>(
      `SELECT m.id, m.org_id FROM member m JOIN org o ON o.id = m.org_id WHERE o.name = '锦绣社区第四网格党支部' AND m.state = 'active' ORDER BY m.id LIMIT 1`,
    )).rows[0]!;
    const target = (await db.query<{ id: string }>(`SELECT id FROM org WHERE name = '和平社区第三网格党支部'`)).rows[0]!.id;
    const created = await http('POST', '/api/transfers', { memberId: m.id, toOrgId: target, reason: '居住地变更' });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = created.json.id as string;
    assert.equal((await http('POST', `/api/transfers/${id}/approve`, {})).status, 200);
    await kill();
    await startServer();
    cookie = '';
    const t = await http('GET', `/api/transfers/${id}`);
    assert.equal(t.json.status, 'pending');
    assert.deepEqual((t.json.steps as { status: string }[]).map((s) => s.status), ['approved', 'pending', 'waiting']);
    const member = await db.query<{ org_id: string }>(`SELECT org_id FROM member WHERE id = $1`, [m.id]);
    assert.equal(member.rows[0]!.org_id, m.org_id, 'until taken in, the member stays in the sending branch');
  });
});
