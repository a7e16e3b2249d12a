import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { one } from '../../platform/db/db.ts';
import { createTestMember } from '../../test-support/members.ts';

/** The 流动党员活动证: numbered once, an A6 PDF with a signed QR, a public check that forgery and ending defeat. */

const hasPdftotext = (() => {
  const r = spawnSync('pdftotext', ['-v']);
  return !r.error && r.status === 0;
})();

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfmobile-'));
  try {
    const file = path.join(dir, 'card.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const engine of engines) {
  describe(`mobile certificate (${engine})`, () => {
    let s: TestServer;
    let chunhui1: string;

    before(async () => {
      s = await openTestServer(engine);
      chunhui1 = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = '春晖社区第一网格党支部'`))!.id;
    });
    after(() => s.stop());

    async function call(user: string | null, method: string, url: string, body?: unknown) {
      const res = await s.request({ method, url, ...(user ? { cookie: await s.login(user) } : {}), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    }
    const ok = async (user: string, method: string, url: string, body?: unknown) => {
      const res = await call(user, method, url, body);
      assert.ok(res.statusCode === 200 || res.statusCode === 201, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const verify = async (token: string) => (await call(null, 'GET', `/api/mobile/certificates/verify?token=${encodeURIComponent(token)}`)).json();

    test('issued once; the A6 PDF renders with the card’s rules; its QR token verifies and a forged one fails', async (t) => {
      const m = (await createTestMember(s, 'branch1', chunhui1, '持证甲')).id;
      const out = await ok('branch1', 'POST', '/api/mobile/outflows', { memberId: m, destination: '江苏省苏州市', inflowOrgName: '中共苏州工业园区斜塘街道工作委员会', reason: '外出务工', leftOn: '2026-09-01', fixedPlace: true });
      assertError(await call('branch1', 'GET', `/api/mobile/outflows/${out.id}/certificate.pdf`), 422, 'MOBILE_NO_CERTIFICATE');
      const cert = await ok('branch1', 'POST', `/api/mobile/outflows/${out.id}/certificate`);
      assert.match(cert.certificateNo, /^20261122\d{6}$/);
      assert.equal(cert.issuedOn, '2026-11-22');
      assert.equal((await ok('community1', 'POST', `/api/mobile/outflows/${out.id}/certificate`)).certificateNo, cert.certificateNo, 'a repeat gives the same number');
      assert.equal((await ok('branch1', 'GET', `/api/mobile/outflows/${out.id}`)).certificateNo, cert.certificateNo);

      const res = await call('branch1', 'GET', cert.pdfUrl);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      const pdf = res.rawPayload;
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.equal((pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length, 1, 'one page');
      assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 297\.\d+ 419\.\d+\]/, 'A6');
      if (hasPdftotext) {
        const text = pdfText(pdf);
        for (const want of ['中国共产党流动党员活动证', cert.certificateNo, '持证甲', '江苏省苏州市', '没有表决权、选举权和被选举权', '2026年11月22日']) assert.ok(text.includes(want), `PDF lacks ${want}`);
      } else t.diagnostic('pdftotext not installed: text checks skipped');
      assert.equal((await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'mobile.certificate.print' AND target_id = ${out.id}`))!.n, 1);

      const token = cert.verifyPath.split('/').at(-1) as string;
      assert.ok(cert.verifyPath.startsWith('/verify/mobile/'));
      const good = await verify(token);
      assert.deepEqual([good.valid, good.state, good.certificateNo, good.memberName, good.destination, good.issuedOn], [true, 'valid', cert.certificateNo, '持*甲', '江苏省苏州市', '2026-11-22']);
      const [payload, sig] = token.split('.') as [string, string];
      const other = Buffer.from(JSON.stringify({ v: 1, o: out.id, n: '20261122999999' })).toString('base64url');
      for (const forged of [`${payload}.${sig.slice(0, -4)}AAAA`, `${other}.${sig}`, `${payload}.${sig}A`, 'junk', '', `${payload}`]) {
        const r = await verify(forged);
        assert.deepEqual([r.valid, r.state, r.memberName], [false, 'invalid', null], forged);
      }

      await ok('branch1', 'POST', `/api/mobile/outflows/${out.id}/end`, { outcome: 'transferred', endedOn: '2026-11-22' });
      const ended = await verify(token);
      assert.deepEqual([ended.valid, ended.state], [false, 'void'], 'a card of an ended registration no longer stands');
      assertError(await call('branch2', 'GET', cert.pdfUrl), 404, 'NOT_FOUND');
    });

    test('the member sees their own registration and card, and prints it; not someone else’s', async () => {
      const me = (await ok('member1', 'GET', '/api/auth/me')).memberId as string;
      assert.deepEqual(await ok('member1', 'GET', '/api/mobile/my'), { outflow: null, certificate: null });
      const out = await ok('branch1', 'POST', '/api/mobile/outflows', { memberId: me, destination: '浙江省杭州市', reason: '外出经商', contactPhone: '13711112222', leftOn: '2026-10-15', fixedPlace: false });
      const mine = await ok('member1', 'GET', '/api/mobile/my');
      assert.deepEqual([mine.outflow.id, mine.outflow.contactPhone, mine.certificate], [out.id, '137****2222', null]);
      await ok('branch1', 'POST', `/api/mobile/outflows/${out.id}/certificate`);
      const withCard = await ok('member1', 'GET', '/api/mobile/my');
      assert.ok(withCard.certificate.certificateNo);
      const pdf = await call('member1', 'GET', withCard.certificate.pdfUrl);
      assert.equal(pdf.statusCode, 200);
      const other = await ok('branch1', 'POST', '/api/mobile/outflows', { memberId: (await createTestMember(s, 'branch1', chunhui1, '持证乙')).id, destination: '上海市', reason: '外出务工', leftOn: '2026-10-01', fixedPlace: false });
      assertError(await call('member1', 'GET', `/api/mobile/outflows/${other.id}`), 404, 'NOT_FOUND');
      assertError(await call('member1', 'POST', `/api/mobile/outflows/${out.id}/certificate`), 403, 'FORBIDDEN');
    });
  });
}
