import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { TEST_MASTER_KEY } from '../../test-support/templates.ts';
import { createClock } from '../../platform/clock.ts';
import { one } from '../../platform/db/db.ts';
import { createPlatform, createServer } from '../../server.ts';
import { maskName } from './certificate.rules.ts';

const TODAY = '2026-11-22';

for (const engine of engines) {
  void describe(`certificate API (${engine})`, () => {
    let s: TestServer;
    let member1Id: string;
    let member1Name: string;
    let b2MemberId: string;
    let other: { id: string; name: string };
    let token: string;
    const verify = (t: string) => s.request({ method: 'GET', url: `/api/certificates/verify?token=${encodeURIComponent(t)}` });

    before(async () => {
      s = await openTestServer(engine);
      s.platform.clock.advance(60_000);
      const me = (await s.request({ method: 'GET', url: '/api/auth/me', cookie: await s.login('member1') })).json();
      member1Id = me.memberId;
      member1Name = (await s.request({ method: 'GET', url: `/api/members/${member1Id}`, cookie: await s.login('member1') })).json().name;
      const b1 = (await s.request({ method: 'GET', url: '/api/auth/me', cookie: await s.login('branch1') })).json();
      const branch1Id = b1.grants.find((g: { role: string }) => g.role === 'secretary').orgId;
      const recorder = (await s.request({ method: 'GET', url: '/api/auth/me', cookie: await s.login('recorder1') })).json().memberId;
      const list = await s.request({ method: 'GET', url: `/api/members?orgId=${branch1Id}&pageSize=100`, cookie: await s.login('branch1') });
      other = (list.json().items as { id: string; name: string }[]).find((m) => ![b1.memberId, member1Id, recorder].includes(m.id))!;
      const b2 = (await s.request({ method: 'GET', url: '/api/auth/me', cookie: await s.login('branch2') })).json();
      b2MemberId = b2.memberId;
    });
    after(() => s.stop());

    test('a member gets their own certificate: token, verify URL, PDF URL', async () => {
      const res = await s.request({ method: 'GET', url: `/api/members/${member1Id}/certificate`, cookie: await s.login('member1') });
      assert.equal(res.statusCode, 200, res.body);
      const c = res.json();
      token = c.token;
      assert.match(c.token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      assert.ok(c.token.length < 400, `compact enough for a QR code: ${c.token.length}`);
      assert.equal(c.verifyUrl, `/verify/${c.token}`);
      assert.equal(c.pdfUrl, `/api/members/${member1Id}/certificate.pdf`);
      assert.match(c.qrDataUrl, /^data:image\/png;base64,/);
      assert.match(c.idNumber, /^\d{6}\*+\w{4}$/);
      const audit = await one<{ n: number; d: string }>(
        s.platform.database.db,
        sql`SELECT count(*)::int AS n, max(details::text) AS d FROM audit_event WHERE action = 'certificate.issue' AND target_id = ${member1Id}`,
      );
      assert.equal(audit!.n, 1);
      assert.ok(!audit!.d.includes(member1Name), 'no PII in the audit details');
    });

    test("another member's certificate is 404 for a member; staff in scope get it, out of scope 404", async () => {
      assertError(await s.request({ method: 'GET', url: `/api/members/${other.id}/certificate`, cookie: await s.login('member1') }), 404, 'NOT_FOUND');
      assertError(await s.request({ method: 'GET', url: `/api/members/${b2MemberId}/certificate.pdf`, cookie: await s.login('member1') }), 404, 'NOT_FOUND');
      assert.equal((await s.request({ method: 'GET', url: `/api/members/${member1Id}/certificate`, cookie: await s.login('branch1') })).statusCode, 200);
      assert.equal((await s.request({ method: 'GET', url: `/api/members/${member1Id}/certificate`, cookie: await s.login('district') })).statusCode, 200);
      assertError(await s.request({ method: 'GET', url: `/api/members/${member1Id}/certificate`, cookie: await s.login('branch2') }), 404, 'NOT_FOUND');
      assertError(await s.request({ method: 'GET', url: `/api/members/00000000-0000-4000-8000-000000000000/certificate`, cookie: await s.login('district') }), 404, 'NOT_FOUND');
      assert.equal((await s.request({ method: 'GET', url: `/api/members/not-a-uuid/certificate`, cookie: await s.login('district') })).statusCode, 400);
      assert.equal((await s.request({ method: 'GET', url: `/api/members/${member1Id}/certificate` })).statusCode, 401);
    });

    test('verify: a genuine token is valid, with the name masked; no login needed', async () => {
      const res = await verify(token);
      assert.equal(res.statusCode, 200, res.body);
      const v = res.json();
      assert.equal(v.valid, true);
      assert.equal(v.state, 'active');
      assert.equal(v.name, maskName(member1Name));
      assert.notEqual(v.name, member1Name);
      assert.ok(v.org);
      assert.ok(['full', 'probationary'].includes(v.status));
      assert.ok(v.issuedAt);
      assert.equal(maskName('张三明'), '张*明');
      assert.equal(maskName('王五'), '王*');
      assert.equal(maskName('欧阳建华'), '欧**华');
    });

    test('verify: altered payload, altered signature, junk, empty and 5,000 characters are not valid (200, never an error)', async () => {
      const [payload, sig] = token.split('.') as [string, string];
      const p = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forgedPayload = Buffer.from(JSON.stringify({ ...p, m: other.id })).toString('base64url');
      const later = Buffer.from(JSON.stringify({ ...p, exp: '2099-01-01T00:00:00.000Z' })).toString('base64url');
      const sigBytes = Buffer.from(sig, 'base64url');
      sigBytes[sigBytes.length - 3]! ^= 0x01;
      const cases = [
        `${forgedPayload}.${sig}`,
        `${later}.${sig}`,
        `${payload}.${sigBytes.toString('base64url')}`,
        `${payload}.`,
        `.${sig}`,
        `${payload}.${sig}.x`,
        // Trailing bytes after the DER signature (the SM2 library alone would accept them).
        `${payload}.${Buffer.concat([Buffer.from(sig, 'base64url'), Buffer.from([0])]).toString('base64url')}`,
        `${payload}.${sig}AAAA`,
        'hello',
        'a.b',
        '%%%.***',
        '',
        'x'.repeat(5000),
        `${payload}.${'A'.repeat(4000)}`,
        `${Buffer.from('{"v":1}').toString('base64url')}.${sig}`,
      ];
      for (const t of cases) {
        const res = await verify(t);
        assertSafe(res);
        assert.equal(res.statusCode, 200, `${t.slice(0, 40)}: ${res.body}`);
        assert.deepEqual(res.json(), { valid: false, state: 'invalid', name: null, org: null, status: null, issuedAt: null }, t.slice(0, 40));
      }
      for (const url of ['/api/certificates/verify', '/api/certificates/verify?token=a&token=b', '/api/certificates/verify?token[x]=1']) {
        const res = await s.request({ method: 'GET', url });
        assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
        assert.equal(res.json().valid, false);
      }
    });

    test('the PDF renders (pdftoppm), contains the name and embeds Noto Sans SC', async () => {
      const res = await s.request({ method: 'GET', url: `/api/members/${member1Id}/certificate.pdf`, cookie: await s.login('member1') });
      assert.equal(res.statusCode, 200, res.body.slice(0, 200));
      assert.match(String(res.headers['content-type']), /^application\/pdf/);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfcert-'));
      try {
        const file = path.join(dir, 'c.pdf');
        fs.writeFileSync(file, res.rawPayload);
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        assert.ok(text.includes(member1Name), text);
        assert.ok(text.includes('党员电子活动证'), text);
        assert.ok(text.includes('扫码核验真伪'), text);
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
        assert.ok(Math.abs(Number(size[1]) - 297.64) < 0.5 && Math.abs(Number(size[2]) - 419.53) < 0.5, info);
        const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
        const noto = fonts.split('\n').filter((l) => l.includes('NotoSansSC'));
        assert.ok(noto.length >= 1, fonts);
        for (const l of noto) assert.match(l, /\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/, `embedded: ${l}`);
        execFileSync('pdftoppm', ['-png', '-r', '72', file, path.join(dir, 'page')]);
        const pngs = fs.readdirSync(dir).filter((f) => f.endsWith('.png'));
        assert.equal(pngs.length, 1);
        assert.deepEqual([...fs.readFileSync(path.join(dir, pngs[0]!)).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('the key pair survives a new server on the same database', async () => {
      const platform = createPlatform({ database: s.platform.database, masterKey: Buffer.from(TEST_MASTER_KEY, 'hex'), clock: createClock(s.platform.clock.now().toISOString()), demo: true });
      const server = await createServer(platform, { webDist: null, startJobs: false });
      server.setReady(true);
      try {
        const res = await server.app.inject({ method: 'GET', url: `/api/certificates/verify?token=${token}` });
        assert.equal(res.json().valid, true, res.body);
      } finally {
        await server.close();
      }
      const rows = await one<{ n: number; t: string }>(s.platform.database.db, sql`SELECT count(*)::int AS n, max(value::text) AS t FROM system_state WHERE key = 'crypto.sm2'`);
      assert.equal(rows!.n, 1);
      assert.doesNotMatch(rows!.t, /"privateKey"\s*:/);
    });

    test('a member who left reads as not valid, state left; no new certificate is issued (422)', async () => {
      const district = await s.login('district');
      const issued = await s.request({ method: 'GET', url: `/api/members/${other.id}/certificate`, cookie: district });
      assert.equal(issued.statusCode, 200, issued.body);
      assert.equal((await verify(issued.json().token)).json().valid, true);
      const left = await s.request({ method: 'POST', url: `/api/members/${other.id}/leave`, cookie: district, body: { kind: 'withdrawal', leftOn: TODAY, reason: '本人申请退党' } });
      assert.equal(left.statusCode, 200, left.body);
      const v = (await verify(issued.json().token)).json();
      assert.deepEqual(v, { valid: false, state: 'left', name: null, org: null, status: null, issuedAt: null });
      assertError(await s.request({ method: 'GET', url: `/api/members/${other.id}/certificate`, cookie: district }), 422, 'CERTIFICATE_MEMBER_NOT_ACTIVE');
    });

    test('a token more than a year old reads as expired (not valid)', async () => {
      assert.equal((await verify(token)).json().valid, true);
      s.platform.clock.advance(366 * 24 * 3600 * 1000);
      const v = (await verify(token)).json();
      assert.equal(v.valid, false);
      assert.equal(v.state, 'expired');
      assert.equal(v.name, null);
    });
  });
}
