import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { sm3 as jsSm3 } from 'sm-crypto-v2';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { freshIdNumber } from '../../test-support/members.ts';
import { multipartOf } from '../../test-support/xlsx.ts';
import { one } from '../../platform/db/db.ts';

/**
 * 发展党员 attachments: files uploaded to a case (type from the bytes, SM3 kept, audited), downloaded by whoever
 * reads the case, and listed by a step only when they belong to that case (一事一记).
 */

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(256, 0x20), Buffer.from('\n%%EOF\n')]);

for (const engine of engines) {
  describe(`development attachments (${engine})`, () => {
    let s: TestServer;
    let chunhui1: string;

    before(async () => {
      s = await openTestServer(engine);
      chunhui1 = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = '春晖社区第一网格党支部'`))!.id;
    });
    after(() => s.stop());

    async function call(user: string, method: string, url: string, body?: unknown) {
      const res = await s.request({ method, url, cookie: await s.login(user), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    }
    const newCase = async (name: string) => {
      const res = await call('branch1', 'POST', '/api/development/cases', { orgId: chunhui1, name, idNumber: freshIdNumber().idNumber, appliedOn: '2026-11-10' });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const upload = async (user: string, id: string, name: string, data: Buffer) => {
      const body = multipartOf('file', name, data);
      const res = await s.request({ method: 'POST', url: `/api/development/cases/${id}/attachments`, cookie: await s.login(user), body: body.payload, headers: body.headers });
      assertSafe(res);
      return res;
    };
    const talk = (id: string, attachments: string[]) => call('branch1', 'POST', `/api/development/cases/${id}/steps`, { step: 'talk', date: '2026-11-15', talkers: ['王书记'], summary: '了解入党动机', attachments });

    test('upload a PDF, download the same bytes, list it on a step; audited', async () => {
      const id = await newCase('附件申请人甲');
      const res = await upload('branch1', id, 'application.pdf', PDF);
      assert.equal(res.statusCode, 201, res.body);
      const a = res.json();
      assert.deepEqual(Object.keys(a).sort(), ['fileName', 'id', 'mediaType', 'size', 'sm3', 'uploadedAt']);
      assert.equal(a.mediaType, 'application/pdf');
      assert.equal(a.fileName, 'application.pdf');
      assert.equal(a.size, PDF.length);
      assert.equal(a.sm3, jsSm3(new Uint8Array(PDF)));

      const dl = await call('branch1', 'GET', `/api/development/cases/${id}/attachments/${a.id}`);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'application/pdf');
      assert.ok(dl.rawPayload.equals(PDF), 'the same bytes');
      // Whoever reads the case above the branch may download too.
      assert.equal((await call('street1', 'GET', `/api/development/cases/${id}/attachments/${a.id}`)).statusCode, 200);

      const done = await talk(id, [a.id]);
      assert.equal(done.statusCode, 201, done.body);
      const step = done.json().steps.find((x: { key: string }) => x.key === 'talk');
      assert.deepEqual(step.attachments, [a.id]);
      assert.deepEqual(step.attachmentFiles, [{ id: a.id, fileName: 'application.pdf' }]);

      await s.flushAudit();
      const row = await one<{ details: Record<string, unknown> }>(
        s.platform.database.db,
        sql`SELECT details FROM audit_event WHERE action = 'development.attachment.add' AND target_id = ${id}`,
      );
      assert.ok(row, 'audit row written');
      assert.equal(row.details.sm3, a.sm3);
    });

    test("a step may list only this case's files: another case's id is refused naming attachments.0", async () => {
      const [mine, other] = [await newCase('附件申请人乙'), await newCase('附件申请人丙')];
      const theirs = (await upload('branch1', other, 'x.pdf', PDF)).json().id as string;
      assertError(await talk(mine, [theirs]), 404, 'NOT_FOUND', 'attachments.0');
      assertError(await talk(mine, ['00000000-0000-4000-8000-000000000000']), 404, 'NOT_FOUND', 'attachments.0');
      // Nor can the other case's file be downloaded through this case.
      assertError(await call('branch1', 'GET', `/api/development/cases/${mine}/attachments/${theirs}`), 404, 'NOT_FOUND');
      const c = (await call('branch1', 'GET', `/api/development/cases/${mine}`)).json();
      assert.ok(!c.steps.some((x: { key: string }) => x.key === 'talk'), 'nothing written');
    });

    test('scope and type: out of scope 404, no right 403, a program named .pdf refused', async () => {
      const id = await newCase('附件申请人丁');
      const a = (await upload('branch1', id, 'ok.pdf', PDF)).json().id as string;
      assertError(await upload('street2', id, 'x.pdf', PDF), 404, 'NOT_FOUND');
      assertError(await call('street2', 'GET', `/api/development/cases/${id}/attachments/${a}`), 404, 'NOT_FOUND');
      assertError(await upload('member1', id, 'x.pdf', PDF), 404, 'NOT_FOUND');
      assertError(await upload('branch1', id, 'minutes.pdf', Buffer.from('MZ\x90\x00 this is not a pdf')), 400, 'FILE_TYPE_NOT_ALLOWED', 'file');
      assertError(await upload('branch1', id, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)])), 400, 'FILE_TOO_LARGE', 'file');
      const n = await one<{ n: number | string }>(s.platform.database.db, sql`SELECT count(*) AS n FROM development_attachment WHERE case_id = ${id}`);
      assert.equal(Number(n!.n), 1, 'refused uploads leave nothing behind');
    });
  });
}
