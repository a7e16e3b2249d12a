import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { one } from '../../platform/db/db.ts';
import { createTestMember } from '../../test-support/members.ts';
import { systemCtx } from '../../platform/context.ts';
import { transferFiguresForStatistics } from './transfer.service.ts';

const DAY = 24 * 3600_000;

/**
 * 组织关系转接 end to end: the exact contract, the chain across two streets with who sees what at each step,
 * return / resubmit, reject, cancel, off the platform with the letter and its receipt, overdue alerts.
 */
for (const engine of engines) {
  describe(`transfer routes (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};

    before(async () => {
      s = await openTestServer(engine);
      const names = {
        east: '中共明德区东城街道党工委',
        west: '中共明德区西城街道党工委',
        chunhui1: '春晖社区第一网格党支部',
        chunhui2: '春晖社区第二网格党支部',
        heping1: '和平社区第一网格党支部',
        hepingCommunity: '中共明德区西城街道和平社区委员会',
      };
      for (const [k, name] of Object.entries(names)) org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
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
    const newMember = async (name: string) => (await createTestMember(s, 'branch1', org.chunhui1!, name)).id;
    const status = async (user: string, url: string) => (await call(user, 'GET', url)).statusCode;

    test('across two streets: three steps; the receiving branch sees the member only once it takes them in', async () => {
      const m = await newMember('转接甲');
      const res = await call('branch1', 'POST', '/api/transfers', { memberId: m, toOrgId: org.heping1, reason: '居住地变更' });
      assert.equal(res.statusCode, 201, res.body);
      const t = res.json();
      assert.deepEqual(
        [t.memberId, t.fromOrgId, t.toOrgId, t.status],
        [m, org.chunhui1, org.heping1, 'pending'],
      );
      assert.deepEqual(
        t.steps.map((x: { orgId: string; status: string; role: string }) => [x.orgId, x.role, x.status]),
        [
          [org.east, 'sending_committee', 'pending'],
          [org.west, 'receiving_committee', 'waiting'],
          [org.heping1, 'receiving_branch', 'waiting'],
        ],
      );
      assert.ok(t.steps[0].dueAt, 'the current step has a deadline');
      assertError(await call('branch1', 'POST', '/api/transfers', { memberId: m, toOrgId: org.chunhui2, reason: '重复' }), 422, 'TRANSFER_IN_PROGRESS');

      // Before its turn the receiving side neither sees the transfer nor can act on it.
      for (const u of ['branch2', 'street2']) {
        assert.equal(await status(u, `/api/transfers/${t.id}`), 404, u);
        assertError(await call(u, 'POST', `/api/transfers/${t.id}/approve`, {}), 404, 'NOT_FOUND');
      }
      // The community sees it (sending side) but the step belongs to the street committee.
      assertError(await call('community1', 'POST', `/api/transfers/${t.id}/approve`, {}), 403, 'TRANSFER_NOT_YOUR_STEP');
      assertError(await call('branch1', 'POST', `/api/transfers/${t.id}/approve`, {}), 403, 'TRANSFER_NOT_YOUR_STEP');
      const inbox = await ok('street1', 'GET', '/api/transfers/inbox');
      assert.ok(inbox.todo.some((x: { id: string }) => x.id === t.id));
      assert.ok(inbox.counts.todo >= 1);

      const a1 = await ok('street1', 'POST', `/api/transfers/${t.id}/approve`, { comment: '同意转出' });
      assert.deepEqual(a1.steps.map((x: { status: string }) => x.status), ['approved', 'pending', 'waiting']);
      assert.equal(a1.steps[0].actor !== null && a1.steps[0].comment, '同意转出');
      const a2 = await ok('street2', 'POST', `/api/transfers/${t.id}/approve`, {});
      assert.deepEqual(a2.steps.map((x: { status: string }) => x.status), ['approved', 'approved', 'pending']);

      // The receiving branch now sees the transfer, still not the member; the sending branch still does.
      assert.equal(await status('branch2', `/api/transfers/${t.id}`), 200);
      assert.equal(await status('branch2', `/api/members/${m}`), 404);
      assert.equal(await status('branch1', `/api/members/${m}`), 200);

      const done = await ok('branch2', 'POST', `/api/transfers/${t.id}/approve`, { comment: '编入本支部' });
      assert.equal(done.status, 'completed');
      assert.ok(done.completedAt);
      assert.equal(await status('branch2', `/api/members/${m}`), 200);
      assert.equal(await status('branch1', `/api/members/${m}`), 404, 'the old branch loses sight of the member');
      const file = await ok('branch2', 'GET', `/api/members/${m}`);
      assert.equal(file.orgId, org.heping1);
      // A member's transfer list shows only what the caller may see.
      assert.deepEqual((await ok('branch2', 'GET', `/api/transfers?memberId=${m}`)).map((x: { id: string }) => x.id), [t.id]);
      assert.deepEqual(await ok('auditor', 'GET', `/api/transfers?memberId=${m}`), []);
      const history = await ok('branch2', 'GET', `/api/members/${m}/history`);
      assert.ok(history.some((e: { kind: string }) => e.kind === 'transferred'));
      // Every act is audited, the ancestors' too.
      const events = (await ok('auditor', 'GET', `/api/audit/events?targetId=${t.id}&pageSize=50`)).items as { action: string }[];
      assert.deepEqual(events.map((e) => e.action).sort(), ['transfer.approve', 'transfer.approve', 'transfer.approve', 'transfer.create'].sort());
    });

    test('within one committee a single committee step; an ancestor acts for it, recorded as acting for its level', async () => {
      const m = await newMember('转接乙');
      const t = await ok('branch1', 'POST', '/api/transfers', { memberId: m, toOrgId: org.chunhui2, reason: '网格调整' });
      assert.deepEqual(t.steps.map((x: { role: string }) => x.role), ['committee', 'receiving_branch']);
      const a = await ok('district', 'POST', `/api/transfers/${t.id}/approve`, {});
      assert.ok(a.steps[0].actingForOrgName, 'the district acted for the street committee');
    });

    test('return for correction, resubmit to another target, reject; cancel by the initiator', async () => {
      const m = await newMember('转接丙');
      const t = await ok('branch1', 'POST', '/api/transfers', { memberId: m, toOrgId: org.heping1, reason: '工作调动' });
      assertError(await call('street1', 'POST', `/api/transfers/${t.id}/return`, {}), 422, 'TRANSFER_COMMENT_REQUIRED', 'comment');
      const returned = await ok('street1', 'POST', `/api/transfers/${t.id}/return`, { comment: '转入支部填写有误' });
      assert.equal(returned.status, 'returned');
      assertError(await call('street1', 'POST', `/api/transfers/${t.id}/approve`, {}), 422, 'TRANSFER_NOT_ACTIONABLE');
      const again = await ok('branch1', 'POST', `/api/transfers/${t.id}/resubmit`, { toOrgId: org.chunhui2, reason: '工作调动（已更正）' });
      assert.deepEqual([again.status, again.round, again.toOrgId, again.reason], ['pending', 2, org.chunhui2, '工作调动（已更正）']);
      assert.deepEqual(again.history.map((x: { status: string }) => x.status), ['returned', 'cancelled', 'cancelled']);
      const rejected = await ok('street1', 'POST', `/api/transfers/${t.id}/reject`, { comment: '不符合转接条件' });
      assert.equal(rejected.status, 'rejected');
      assertError(await call('branch1', 'POST', `/api/transfers/${t.id}/cancel`), 422, 'TRANSFER_NOT_ACTIONABLE');

      const m2 = await newMember('转接丁');
      const t2 = await ok('branch1', 'POST', '/api/transfers', { memberId: m2, toOrgId: org.heping1, reason: '居住地变更' });
      assertError(await call('branch2', 'POST', `/api/transfers/${t2.id}/cancel`), 404, 'NOT_FOUND');
      const cancelled = await ok('branch1', 'POST', `/api/transfers/${t2.id}/cancel`);
      assert.equal(cancelled.status, 'cancelled');
      // A new transfer may start once nothing is open.
      assert.equal((await call('branch1', 'POST', '/api/transfers', { memberId: m2, toOrgId: org.heping1, reason: '居住地变更' })).statusCode, 201);
    });

    test('targets: a member applying on the phone finds receiving branches; accounts that start no transfers may not search', async () => {
      const found = (await ok('member1', 'GET', `/api/transfers/targets?q=${encodeURIComponent('和平社区')}`)) as { id: string; kind: string }[];
      assert.ok(found.some((o) => o.id === org.heping1));
      assert.ok(found.every((o) => ['branch', 'joint_branch', 'temporary_branch', 'general_branch'].includes(o.kind)), 'only orgs that take members in');
      assert.ok(!found.some((o) => o.id === org.hepingCommunity));
      assertError(await call('auditor', 'GET', '/api/transfers/targets?q=x'), 403, 'FORBIDDEN');
      assertError(await call('member1', 'GET', `/api/transfers/targets?q=${'长'.repeat(51)}`), 400, 'VALIDATION_FAILED', 'q');
    });

    test('bad input names the field; out of scope is 404', async () => {
      const m = await newMember('转接戊');
      assertError(await call('branch1', 'POST', '/api/transfers', { memberId: m, reason: '缺少目标' }), 422, 'TRANSFER_TARGET_REQUIRED', 'toOrgId');
      assertError(await call('branch1', 'POST', '/api/transfers', { memberId: m, toOrgId: org.hepingCommunity, reason: '社区党委' }), 422, 'TRANSFER_TARGET_INVALID', 'toOrgId');
      assertError(await call('branch1', 'POST', '/api/transfers', { memberId: m, toOrgId: org.chunhui1, reason: '同一支部' }), 422, 'TRANSFER_SAME_ORG', 'toOrgId');
      assertError(await call('branch1', 'POST', '/api/transfers', { memberId: m, toOrgId: org.heping1, reason: '' }), 400, 'VALIDATION_FAILED', 'reason');
      assertError(await call('branch2', 'POST', '/api/transfers', { memberId: m, toOrgId: org.heping1, reason: '别的支部' }), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'POST', '/api/transfers', { memberId: m, toOrgId: org.heping1, externalOrg: { name: '某地' }, reason: '两个目标' }), 422, 'TRANSFER_TARGET_REQUIRED', 'toOrgId');
    });

    test('the member starts their own transfer off the platform: letter, QR check, receipt; the file stays as left', async () => {
      const me = (await ok('member1', 'GET', '/api/auth/me')).memberId as string;
      const t = await ok('member1', 'POST', '/api/transfers', { memberId: me, externalOrg: { name: '中共某省某市某街道工作委员会', address: '某市某路 1 号' }, reason: '到外省工作' });
      assert.equal(t.initiatedBySelf, true);
      assert.deepEqual(t.steps.map((x: { role: string }) => x.role), ['sending_committee']);
      const approved = await ok('street1', 'POST', `/api/transfers/${t.id}/approve`, {});
      assert.equal(approved.status, 'awaiting_receipt');
      assert.ok(approved.letter.letterNo.startsWith('2026'));
      const pdf = await call('member1', 'GET', approved.letter.pdfUrl);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

      const token = approved.letter.verifyPath.split('/').at(-1) as string;
      const check = await ok('member1', 'GET', `/api/transfers/letters/verify?token=${token}`);
      assert.deepEqual([check.valid, check.state, check.letterNo], [true, 'valid', approved.letter.letterNo]);
      assert.match(check.memberName, /\*/, 'the name is masked on the public check');
      const forged = `${token.slice(0, -4)}0000`;
      assert.equal((await call(null, 'GET', `/api/transfers/letters/verify?token=${forged}`)).json().valid, false);

      assertError(await call('street1', 'POST', `/api/transfers/${t.id}/receipt`, { receivedOn: '2030-01-01', receivingOrgName: '某街道工委' }), 400, 'VALIDATION_FAILED', 'receivedOn');
      const done = await ok('street1', 'POST', `/api/transfers/${t.id}/receipt`, { receivedOn: approved.letter.issuedOn, receivingOrgName: '中共某省某市某街道工作委员会' });
      assert.equal(done.status, 'completed');
      assert.equal((await call(null, 'GET', `/api/transfers/letters/verify?token=${token}`)).json().state, 'used');
      const file = await ok('branch1', 'GET', `/api/members/${me}`);
      assert.equal(file.state, 'left', 'the file stays, as left');
    });

    test('figures for the statistics module: a completed move counts out of the old street and into the new one', async () => {
      const ctx = systemCtx(s.platform);
      const pathOf = async (id: string) => (await one<{ path: string }>(s.platform.database.db, sql`SELECT path FROM org WHERE id = ${id}`))!.path;
      const [east, west] = [await pathOf(org.east!), await pathOf(org.west!)];
      const period = { from: '2026-01-01', to: '2026-12-31' };
      const before = [await transferFiguresForStatistics(ctx, { path: east, ...period }), await transferFiguresForStatistics(ctx, { path: west, ...period })];
      const m = await newMember('转接统计');
      let t = await ok('branch1', 'POST', '/api/transfers', { memberId: m, toOrgId: org.heping1, reason: '居住地变更' });
      const during = await transferFiguresForStatistics(ctx, { path: east, ...period });
      assert.equal(during.open, before[0]!.open + 1);
      for (const u of ['street1', 'street2', 'branch2']) t = await ok(u, 'POST', `/api/transfers/${t.id}/approve`, {});
      assert.equal(t.status, 'completed');
      const after = [await transferFiguresForStatistics(ctx, { path: east, ...period }), await transferFiguresForStatistics(ctx, { path: west, ...period })];
      assert.deepEqual([after[0]!.transfersOut, after[0]!.open, after[1]!.transfersIn], [before[0]!.transfersOut + 1, before[0]!.open, before[1]!.transfersIn + 1]);
      assert.equal(after[1]!.transfersOut, before[1]!.transfersOut, 'nothing left the west street');
    });

    test('an overdue step alerts its owners and one level up, once; the inbox counts it', async () => {
      const m = await newMember('转接己');
      const t = await ok('branch1', 'POST', '/api/transfers', { memberId: m, toOrgId: org.heping1, reason: '居住地变更' });
      await ok('street1', 'POST', `/api/transfers/${t.id}/approve`, {});
      s.platform.clock.advance(8 * DAY);
      try {
        const view = await ok('street2', 'GET', `/api/transfers/${t.id}`);
        assert.equal(view.steps[1].overdue, true);
        assert.ok((await ok('street2', 'GET', '/api/transfers/inbox')).counts.overdue >= 1);
        await s.jobs.drain();
        const titles = async (u: string) => ((await ok(u, 'GET', '/api/notifications?pageSize=100')).items as { title: string }[]).filter((n) => n.title === '组织关系转接超时：转接己').length;
        assert.equal(await titles('street2'), 1);
        assert.equal(await titles('district'), 1, 'one level up');
        s.platform.clock.advance(2 * 3600_000);
        await s.jobs.drain();
        assert.equal(await titles('street2'), 1, 'once');
      } finally {
        s.platform.clock.advance(-8 * DAY - 2 * 3600_000);
      }
    });
  });
}
