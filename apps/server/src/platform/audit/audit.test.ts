import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { openPglite, rows, type Db } from '../db/db.ts';
import { chainHash, verifyAuditChain } from './audit-chain.ts';
import { createSmCrypto } from '../crypto/sm.ts';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { buildPgliteTemplate, pgliteTemplateFile, repoRoot, TEST_MASTER_KEY } from '../../test-support/templates.ts';

/** Every message in an error's cause chain (drizzle wraps the driver's error). */
function errorText(err: unknown): string {
  const out: string[] = [];
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) out.push(String((e as Error).message ?? e));
  return out.join(' | ');
}

async function refused(run: Promise<unknown>, what: string) {
  await assert.rejects(run, (err) => {
    assert.match(errorText(err), /audit_event is append-only/, what);
    return true;
  });
}

class Rollback extends Error {}

for (const engine of engines) {
  describe(`audit trail (${engine})`, () => {
    let s: TestServer;
    let memberId: string;
    let branchOrgId: string;
    const db = (): Db => s.platform.database.db;
    const q = <T>(query: SQL) => rows<T>(db(), query);
    const script = (text: string) => s.platform.database.execScript(text);

    before(async () => {
      s = await openTestServer(engine);
      const cookie = await s.login('branch1');
      const list = await s.request({ method: 'GET', url: '/api/members?pageSize=1', cookie });
      memberId = list.json().items[0].id;
      branchOrgId = list.json().items[0].orgId;
    });
    after(() => s.stop());

    test('a member update writes one audit event with actor, roles, action, target, the target’s org path and the IP', async () => {
      const cookie = await s.login('branch1');
      const me = (await s.request({ method: 'GET', url: '/api/auth/me', cookie })).json();
      const before = (await q<{ n: number }>(sql`SELECT coalesce(max(seq), 0)::int AS n FROM audit_event`))[0]!.n;
      const res = await s.request({ method: 'PATCH', url: `/api/members/${memberId}`, cookie, body: { notes: '审计测试：更新备注' } });
      assert.equal(res.statusCode, 200, res.body);
      const ev = await q<{
        actorAccountId: string;
        actorUsername: string;
        actorRoles: string;
        actingForOrgId: string;
        action: string;
        targetType: string;
        targetId: string;
        targetOrgPath: string;
        result: string;
        ip: string;
        details: { fields: string[] };
        atMs: number;
      }>(sql`SELECT actor_account_id AS "actorAccountId", actor_username AS "actorUsername", actor_roles AS "actorRoles",
                    acting_for_org_id AS "actingForOrgId", action, target_type AS "targetType", target_id AS "targetId",
                    target_org_path AS "targetOrgPath", result, ip, details, (extract(epoch FROM at) * 1000)::float8 AS "atMs"
             FROM audit_event WHERE seq > ${before} AND action LIKE 'member.%' ORDER BY seq`);
      assert.equal(ev.length, 1);
      const e = ev[0]!;
      const orgPath = (await q<{ path: string }>(sql`SELECT o.path FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = ${memberId}`))[0]!.path;
      assert.equal(e.action, 'member.update');
      assert.equal(e.actorAccountId, me.accountId);
      assert.equal(e.actorUsername, 'branch1');
      assert.deepEqual(e.actorRoles.split(',').sort(), ['member', 'secretary']);
      assert.equal(e.actingForOrgId, branchOrgId);
      assert.equal(e.targetType, 'member');
      assert.equal(e.targetId, memberId);
      assert.equal(e.targetOrgPath, orgPath);
      assert.equal(e.result, 'ok');
      assert.equal(e.ip, '127.0.0.1');
      assert.deepEqual(e.details.fields, ['notes']);
      assert.ok(Math.abs(e.atMs - s.platform.clock.now().getTime()) < 60_000, 'stamped with the platform clock');
    });

    test('if the audit insert fails, the change is rolled back and the API answers a plain 500', async () => {
      const cookie = await s.login('branch1');
      const snapshot = async () =>
        (
          await q<{ notes: string | null; version: number; updated: string; events: number; audits: number }>(
            sql`SELECT notes, version, updated_at::text AS updated,
                       (SELECT count(*)::int FROM member_event WHERE member_id = ${memberId}) AS events,
                       (SELECT count(*)::int FROM audit_event) AS audits
                FROM member WHERE id = ${memberId}`,
          )
        )[0]!;
      const beforeRow = await snapshot();
      await script(`CREATE FUNCTION test_audit_unavailable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'test: audit store unavailable'; END; $$;
        CREATE TRIGGER test_audit_unavailable BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION test_audit_unavailable();`);
      let res;
      try {
        res = await s.request({ method: 'PATCH', url: `/api/members/${memberId}`, cookie, body: { notes: '这次修改不应保存', workUnit: '不应保存的单位' } });
      } finally {
        await script('DROP TRIGGER test_audit_unavailable ON audit_event; DROP FUNCTION test_audit_unavailable();');
      }
      assert.equal(res.statusCode, 500);
      const body = res.json();
      assert.deepEqual(Object.keys(body), ['error']);
      assert.equal(body.error.code, 'INTERNAL');
      assert.doesNotMatch(res.body, /audit store unavailable|stack|\.ts:\d|at async|INSERT|audit_event|Failed query/i);
      assert.deepEqual(await snapshot(), beforeRow, 'member row, its history and the audit trail are unchanged');
      // With the audit store back, the same change goes through and is audited.
      const ok = await s.request({ method: 'PATCH', url: `/api/members/${memberId}`, cookie, body: { notes: '这次修改应保存' } });
      assert.equal(ok.statusCode, 200, ok.body);
      const after = await snapshot();
      assert.equal(after.version, beforeRow.version + 1);
      assert.equal(after.audits, beforeRow.audits + 1);
    });

    test('sealed rows: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
      await s.flushAudit();
      const count = async () => (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_event`))[0]!.n;
      const n = await count();
      await refused(db().execute(sql`UPDATE audit_event SET details = '{"changed":true}'::jsonb WHERE seal_no = 1`), 'update details');
      await refused(db().execute(sql`UPDATE audit_event SET action = 'auth.logout' WHERE seal_no = 2`), 'update action');
      await refused(db().execute(sql`UPDATE audit_event SET hash = repeat('0', 64) WHERE seal_no = 1`), 're-hash');
      await refused(db().execute(sql`UPDATE audit_event SET seal_no = NULL, hash = NULL WHERE seal_no = 3`), 'unseal');
      await refused(db().execute(sql`UPDATE audit_event SET seal_no = seal_no + 1000000 WHERE seal_no = 3`), 'renumber');
      await refused(db().execute(sql`DELETE FROM audit_event WHERE seal_no = 1`), 'delete one');
      await refused(db().execute(sql`DELETE FROM audit_event`), 'delete all');
      await refused(db().execute(sql`TRUNCATE audit_event`), 'truncate');
      assert.equal(await count(), n);
      assert.equal((await verifyAuditChain(db(), s.platform.crypto)).ok, true);
    });

    test('unsealed rows: only the sealer’s first seal (seal_no + hash, nothing else) is allowed', async () => {
      const big = 1_000_000_000;
      await assert.rejects(
        db().transaction(async (tx) => {
          const t = tx as unknown as Db;
          const probe = (await rows<{ seq: number }>(t, sql`INSERT INTO audit_event (at, action, result) VALUES (now(), 'test.probe', 'ok') RETURNING seq`))[0]!.seq;
          const inSavepoint = (query: SQL) => t.transaction(async (sp) => (sp as unknown as Db).execute(query));
          await refused(inSavepoint(sql`UPDATE audit_event SET details = '{"x":1}'::jsonb WHERE seq = ${probe}`), 'edit unsealed');
          await refused(inSavepoint(sql`UPDATE audit_event SET seal_no = ${big}, hash = 'h', result = 'denied' WHERE seq = ${probe}`), 'seal + edit');
          await refused(inSavepoint(sql`UPDATE audit_event SET seal_no = ${big} WHERE seq = ${probe}`), 'seal without hash');
          await refused(inSavepoint(sql`DELETE FROM audit_event WHERE seq = ${probe}`), 'delete unsealed');
          const sealed = await rows<{ seq: number }>(t, sql`UPDATE audit_event SET seal_no = ${big}, hash = 'h' WHERE seq = ${probe} RETURNING seq`);
          assert.equal(sealed.length, 1, 'the first seal is allowed');
          await refused(inSavepoint(sql`UPDATE audit_event SET seal_no = ${big + 1}, hash = 'h2' WHERE seq = ${probe}`), 'second seal');
          await refused(inSavepoint(sql`UPDATE audit_event SET hash = 'h2' WHERE seq = ${probe}`), 'change hash');
          await refused(inSavepoint(sql`DELETE FROM audit_event WHERE seq = ${probe}`), 'delete sealed');
          throw new Rollback();
        }),
        Rollback,
      );
      assert.equal((await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'test.probe'`))[0]!.n, 0);
    });

    test('GET /api/audit/events: the auditor reads the trail; district, system and security admins and branch secretaries get 403', async () => {
      const res = await s.request({ method: 'GET', url: `/api/audit/events?action=member.update&targetId=${memberId}`, cookie: await s.login('auditor') });
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json();
      assert.ok(page.total >= 2);
      assert.ok(page.items.every((i: { action: string; targetId: string }) => i.action === 'member.update' && i.targetId === memberId));
      assert.equal(page.items[0].actorUsername, 'branch1');
      const all = await s.request({ method: 'GET', url: '/api/audit/events?pageSize=100', cookie: await s.login('auditor') });
      assert.equal(all.statusCode, 200);
      assert.ok(all.json().items.some((i: { action: string }) => i.action === 'auth.login'), 'logins (no target org) are visible to the district auditor');
      for (const who of ['district', 'admin', 'secadmin', 'branch1']) {
        const denied = await s.request({ method: 'GET', url: '/api/audit/events', cookie: await s.login(who) });
        assert.equal(denied.statusCode, 403, who);
        assert.equal(denied.json().error.code, 'FORBIDDEN', who);
      }
      assert.equal((await s.request({ method: 'GET', url: '/api/audit/events' })).statusCode, 401);
      const verify = await s.request({ method: 'GET', url: '/api/audit/verify', cookie: await s.login('auditor') });
      assert.equal(verify.statusCode, 200);
      assert.equal(verify.json().ok, true);
      assert.equal((await s.request({ method: 'GET', url: '/api/audit/verify', cookie: await s.login('district') })).statusCode, 403);
    });

    test('reading and verifying the audit trail is itself audited (GB/T 22239 8.1.4.3)', async () => {
      const auditor = await s.login('auditor');
      const res = await s.request({ method: 'GET', url: '/api/audit/events?action=auth.&pageSize=5', cookie: auditor });
      assert.equal(res.statusCode, 200);
      await s.request({ method: 'GET', url: '/api/audit/verify', cookie: auditor });
      const reads = await s.request({ method: 'GET', url: '/api/audit/events?action=audit.&pageSize=10', cookie: auditor });
      const actions = reads.json().items.map((i: { action: string; actorUsername: string }) => `${i.action}:${i.actorUsername}`);
      assert.ok(actions.includes('audit.read:auditor'), actions.join());
      assert.ok(actions.includes('audit.verify:auditor'), actions.join());
      const read = reads.json().items.find((i: { action: string; details: { filters: { action?: string } } }) => i.action === 'audit.read' && i.details.filters.action === 'auth.');
      assert.ok(read, 'the filters of a read are recorded');
    });

    test('after flushAudit the hash chain verifies; an edited sealed row is reported at its seal number and a restored row verifies again', async () => {
      await s.flushAudit();
      const ok = await verifyAuditChain(db(), s.platform.crypto);
      assert.equal(ok.ok, true);
      assert.equal(ok.firstBroken, null);
      assert.equal(ok.unsealed, 0);
      const total = (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_event`))[0]!.n;
      assert.equal(ok.sealed, total);
      const k = Math.floor(ok.sealed / 2);
      const row = (await q<{ seq: number; details: unknown; actor: string | null }>(sql`SELECT seq, details, actor_username AS actor FROM audit_event WHERE seal_no = ${k}`))[0]!;
      const tamper = (stmt: string) => script(`ALTER TABLE audit_event DISABLE TRIGGER USER; ${stmt}; ALTER TABLE audit_event ENABLE TRIGGER USER;`);

      await tamper(`UPDATE audit_event SET details = details || '{"tampered":true}'::jsonb WHERE seal_no = ${k}`);
      const broken = await verifyAuditChain(db(), s.platform.crypto);
      assert.equal(broken.ok, false);
      assert.deepEqual(broken.firstBroken && { sealNo: broken.firstBroken.sealNo, seq: broken.firstBroken.seq }, { sealNo: k, seq: row.seq });
      assert.match(broken.firstBroken!.reason, /hash mismatch/);
      assert.equal(broken.sealed, k - 1);
      // The triggers are back: the tampering path is closed again.
      await refused(db().execute(sql`UPDATE audit_event SET details = '{}'::jsonb WHERE seal_no = ${k}`), 'after re-enable');

      // Restoring the original row (e.g. from a backup) makes the chain whole again.
      await tamper(`UPDATE audit_event SET details = '${JSON.stringify(row.details).replaceAll("'", "''")}'::jsonb WHERE seal_no = ${k}`);
      assert.equal((await verifyAuditChain(db(), s.platform.crypto)).ok, true);

      // Other fields and the stored hash itself are covered too.
      for (const stmt of [
        `UPDATE audit_event SET actor_username = 'someone_else' WHERE seal_no = ${k + 1}`,
        `UPDATE audit_event SET at = at + interval '1 second' WHERE seal_no = ${k + 1}`,
        `UPDATE audit_event SET result = 'denied' WHERE seal_no = ${k + 1}`,
        `UPDATE audit_event SET hash = repeat('a', 64) WHERE seal_no = ${k + 1}`,
      ]) {
        const orig = (await q<Record<string, unknown>>(sql`SELECT actor_username, at::text AS at, result, hash FROM audit_event WHERE seal_no = ${k + 1}`))[0]!;
        await tamper(stmt);
        const r = await verifyAuditChain(db(), s.platform.crypto);
        assert.equal(r.firstBroken?.sealNo, k + 1, stmt);
        const lit = (v: unknown) => (v === null ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);
        await tamper(
          `UPDATE audit_event SET actor_username = ${lit(orig.actor_username)}, at = ${lit(orig.at)}::timestamptz, result = ${lit(orig.result)}, hash = ${lit(orig.hash)} WHERE seal_no = ${k + 1}`,
        );
        assert.equal((await verifyAuditChain(db(), s.platform.crypto)).ok, true, `restored after: ${stmt}`);
      }
    });

    test('an edit whose chain is recomputed without the master key is still reported (the chain is keyed)', async () => {
      await s.flushAudit();
      const { sealed } = await verifyAuditChain(db(), s.platform.crypto);
      const k = sealed - 10;
      const forger = createSmCrypto(randomBytes(32));
      const tail = await q<Parameters<typeof chainHash>[2]>(sql`SELECT * FROM audit_event WHERE seal_no >= ${k} ORDER BY seal_no`);
      let prev = (await q<{ hash: string }>(sql`SELECT hash FROM audit_event WHERE seal_no = ${k - 1}`))[0]!.hash;
      const edited = { ...tail[0]!, details: { ...(tail[0]!.details as object), forged: true } };
      const updates = [edited, ...tail.slice(1)].map((r) => {
        prev = chainHash(forger, prev, r);
        return `UPDATE audit_event SET hash = '${prev}'${r === edited ? `, details = details || '{"forged":true}'::jsonb` : ''} WHERE seq = ${r.seq};`;
      });
      await script(`ALTER TABLE audit_event DISABLE TRIGGER USER; ${updates.join(' ')} ALTER TABLE audit_event ENABLE TRIGGER USER;`);
      const r = await verifyAuditChain(db(), s.platform.crypto);
      assert.equal(r.ok, false);
      assert.equal(r.firstBroken?.sealNo, k);
      // Put the original rows back (a restore from backup): whole again.
      const restore = tail.map((t) => `UPDATE audit_event SET hash = '${t.hash}', details = '${JSON.stringify(t.details).replaceAll("'", "''")}'::jsonb WHERE seq = ${t.seq};`);
      await script(`ALTER TABLE audit_event DISABLE TRIGGER USER; ${restore.join(' ')} ALTER TABLE audit_event ENABLE TRIGGER USER;`);
      assert.equal((await verifyAuditChain(db(), s.platform.crypto)).ok, true);
    });

    test('a deleted sealed row is reported as a missing link at its seal number', async () => {
      await s.flushAudit();
      const { sealed } = await verifyAuditChain(db(), s.platform.crypto);
      const k = sealed - 3;
      const next = (await q<{ seq: number }>(sql`SELECT seq FROM audit_event WHERE seal_no = ${k + 1}`))[0]!.seq;
      await script(`ALTER TABLE audit_event DISABLE TRIGGER USER; DELETE FROM audit_event WHERE seal_no = ${k}; ALTER TABLE audit_event ENABLE TRIGGER USER;`);
      const r = await verifyAuditChain(db(), s.platform.crypto);
      assert.equal(r.ok, false);
      assert.equal(r.firstBroken?.sealNo, k);
      assert.equal(r.firstBroken?.seq, next);
      assert.match(r.firstBroken!.reason, /missing link/);
    });
  });
}

describe('npm run audit:verify (CLI, PGlite data folder)', () => {
  let dir: string;
  before(async () => {
    if (!fs.existsSync(pgliteTemplateFile())) await buildPgliteTemplate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-audit-cli-'));
    // The migrated and seeded demo district (the test template), unpacked into a data folder as `npm run seed` leaves it.
    const database = await openPglite({ dataDir: path.join(dir, 'pglite'), loadDataDir: new Blob([fs.readFileSync(pgliteTemplateFile())]) });
    await database.close();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cli = () =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, XIANFENG_DATA_DIR: dir, XIANFENG_MASTER_KEY: TEST_MASTER_KEY };
      for (const k of ['DATABASE_URL', 'NODE_TEST_CONTEXT', 'XIANFENG_FAKE_NOW']) delete env[k];
      execFile(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', 'audit:verify'], { cwd: repoRoot, env, timeout: 120_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });

  test('exit 0 and "intact" on a sound chain; exit 1 naming the broken seal after tampering', async () => {
    const good = await cli();
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /audit chain intact: \d+ sealed event\(s\), 0 pending/);
    const sealed = Number(/intact: (\d+) sealed/.exec(good.stdout)![1]);
    assert.ok(sealed > 10);

    const k = Math.floor(sealed / 3);
    const database = await openPglite({ dataDir: path.join(dir, 'pglite') });
    try {
      await database.execScript(
        `ALTER TABLE audit_event DISABLE TRIGGER USER;
         UPDATE audit_event SET details = details || '{"tampered":true}'::jsonb WHERE seal_no = ${k};
         ALTER TABLE audit_event ENABLE TRIGGER USER;`,
      );
    } finally {
      await database.close();
    }
    const bad = await cli();
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, new RegExp(`audit chain BROKEN at seal #${k} \\(event seq \\d+\\): hash mismatch`));
  });
});
