import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError } from '../../test-support/assertions.ts';
import { COMMUNITIES, fixtures } from './report-in.fixtures.ts';

const DAY = 86_400_000;

/**
 * The community's menu and what members do with it: capacity on claims, the service approval flow, 五评议 once per
 * rater and year and visible to the unit, the member's own page, and statistics that add up.
 */
for (const engine of engines) {
  describe(`report-in menu, service and figures (${engine})`, () => {
    let s: TestServer;
    const f = fixtures(() => s);
    const { call, ok } = f;
    const org: Record<string, string> = {};
    let unit: { unitId: string; admin: string };

    before(async () => {
      s = await openTestServer(engine);
      for (const [k, name] of Object.entries(COMMUNITIES)) org[k] = await f.orgId(name);
      unit = await f.newUnit('辛单位');
    });
    after(() => s.stop());

    /** A registration confirmed by 春晖 some days ago (so service may be logged on earlier dates). */
    async function confirmed(daysAgo = 20) {
      const r = await f.register(unit, org.chunhui!);
      s.platform.clock.advance(-daysAgo * DAY);
      try {
        await ok('community1', 'POST', `/api/report-in/${r.id}/confirm`);
      } finally {
        s.platform.clock.advance(daysAgo * DAY);
      }
      return r;
    }

    test('posts: the community maintains its menu; capacity holds; closed posts take no claims', async () => {
      assertError(await call('community2', 'POST', '/api/report-in/posts', { communityOrgId: org.chunhui, kind: 'post', title: '越权岗位' }), 404, 'NOT_FOUND', 'communityOrgId');
      assertError(await call(unit.admin, 'POST', '/api/report-in/posts', { communityOrgId: org.chunhui, kind: 'post', title: '单位岗位' }), 403, 'FORBIDDEN');
      assertError(await call('community1', 'POST', '/api/report-in/posts', { communityOrgId: org.chunhui, kind: 'job', title: '' }), 400, 'VALIDATION_FAILED');
      const post = await ok('community1', 'POST', '/api/report-in/posts', { communityOrgId: org.chunhui, kind: 'pairing', title: '结对帮扶测试户', capacity: 1 });
      assert.deepEqual([post.kind, post.capacity, post.claimed], ['pairing', 1, 0]);

      const [a, b] = [await confirmed(), await confirmed()];
      const pending = await f.register(unit, org.chunhui!);
      assertError(await call(unit.admin, 'POST', `/api/report-in/${pending.id}/claims`, { postId: post.id }), 422, 'REPORT_IN_NOT_CONFIRMED');
      const claimed = await ok(unit.admin, 'POST', `/api/report-in/${a.id}/claims`, { postId: post.id });
      assert.equal(claimed.claims[0].postTitle, '结对帮扶测试户');
      assertError(await call(unit.admin, 'POST', `/api/report-in/${a.id}/claims`, { postId: post.id }), 422, 'REPORT_IN_ALREADY_CLAIMED', 'postId');
      assertError(await call(unit.admin, 'POST', `/api/report-in/${b.id}/claims`, { postId: post.id }), 422, 'REPORT_IN_POST_FULL', 'postId');
      // No 拉郎配: the community offers posts but never claims for a member.
      assertError(await call('community1', 'POST', `/api/report-in/${b.id}/claims`, { postId: post.id }), 403, 'FORBIDDEN');
      assertError(await call('community1', 'PATCH', `/api/report-in/posts/${post.id}`, { capacity: 0 }), 400, 'VALIDATION_FAILED', 'capacity');
      await ok(unit.admin, 'POST', `/api/report-in/claims/${claimed.claims[0].id}/release`);
      assert.equal((await ok(unit.admin, 'POST', `/api/report-in/${b.id}/claims`, { postId: post.id })).claims.length, 1, 'the place freed up');
      const closed = await ok('community1', 'PATCH', `/api/report-in/posts/${post.id}`, { closed: true, capacity: 2 });
      assert.ok(closed.closedOn);
      assertError(await call(unit.admin, 'POST', `/api/report-in/${a.id}/claims`, { postId: post.id }), 422, 'REPORT_IN_POST_CLOSED', 'postId');
      const reopened = await ok('community1', 'PATCH', `/api/report-in/posts/${post.id}`, { capacity: null, closed: false });
      assert.deepEqual([reopened.closedOn, reopened.capacity], [null, null]);
      // A post of another community is not on this member's menu.
      const heping = await ok('community2', 'POST', '/api/report-in/posts', { communityOrgId: org.heping, kind: 'team', title: '和平服务队' });
      assertError(await call(unit.admin, 'POST', `/api/report-in/${a.id}/claims`, { postId: heping.id }), 404, 'NOT_FOUND', 'postId');
    });

    test('two members claiming the last place at once: exactly one gets it', async () => {
      const post = await ok('community1', 'POST', '/api/report-in/posts', { communityOrgId: org.chunhui, kind: 'pairing', title: '并发结对测试', capacity: 1 });
      const [a, b] = [await confirmed(), await confirmed()];
      const results = await Promise.all([a, b].map((r) => call(unit.admin, 'POST', `/api/report-in/${r.id}/claims`, { postId: post.id })));
      assert.deepEqual(results.map((x) => x.statusCode).sort(), [200, 422]);
      const listed = await ok('community1', 'GET', `/api/report-in/posts?communityOrgId=${org.chunhui}`);
      assert.equal(listed.find((p: { id: string }) => p.id === post.id).claimed, 1);
    });

    test('service: logged by the member side, approved or refused (with a reason) by the community; totals follow', async () => {
      const r = await confirmed(30);
      const today = s.platform.clock.today();
      const ago = (d: number) => new Date(Date.parse(`${today}T00:00:00Z`) - d * DAY).toISOString().slice(0, 10);
      assertError(await call(unit.admin, 'POST', `/api/report-in/${r.id}/services`, { servedOn: ago(-1), minutes: 60, content: '明天的服务' }), 422, 'REPORT_IN_SERVICE_DATE_INVALID', 'servedOn');
      assertError(await call(unit.admin, 'POST', `/api/report-in/${r.id}/services`, { servedOn: ago(40), minutes: 60, content: '报到之前的服务' }), 422, 'REPORT_IN_SERVICE_DATE_INVALID', 'servedOn');
      assertError(await call(unit.admin, 'POST', `/api/report-in/${r.id}/services`, { servedOn: ago(3), minutes: 601, content: '太长的服务' }), 400, 'VALIDATION_FAILED', 'minutes');
      assertError(await call(unit.admin, 'POST', `/api/report-in/${r.id}/services`, { servedOn: ago(3), minutes: 0, content: '太短的服务' }), 400, 'VALIDATION_FAILED', 'minutes');
      assertError(await call('community1', 'POST', `/api/report-in/${r.id}/services`, { servedOn: ago(3), minutes: 60, content: '社区代登记' }), 403, 'FORBIDDEN');
      const one = (await ok(unit.admin, 'POST', `/api/report-in/${r.id}/services`, { servedOn: ago(3), minutes: 90, content: '楼道巡查劝导' })).services[0];
      const two = (await ok(unit.admin, 'POST', `/api/report-in/${r.id}/services`, { servedOn: ago(2), minutes: 60, content: '看望独居老人' })).services[0];
      assert.equal(one.status, 'pending');
      const queue = await ok('community1', 'GET', `/api/report-in/services?communityOrgId=${org.chunhui}&status=pending&pageSize=100`);
      assert.ok(queue.items.some((x: { id: string }) => x.id === one.id));
      assertError(await call(unit.admin, 'POST', `/api/report-in/services/${one.id}/decide`, { approve: true }), 403, 'FORBIDDEN');
      assertError(await call('community2', 'POST', `/api/report-in/services/${one.id}/decide`, { approve: true }), 404, 'NOT_FOUND');
      assertError(await call('community1', 'POST', `/api/report-in/services/${two.id}/decide`, { approve: false }), 422, 'REPORT_IN_REASON_REQUIRED', 'note');
      const approved = await ok('community1', 'POST', `/api/report-in/services/${one.id}/decide`, { approve: true });
      assert.deepEqual([approved.status, approved.decidedByName !== null], ['approved', true]);
      await ok('community1', 'POST', `/api/report-in/services/${two.id}/decide`, { approve: false, note: '当日未开展' });
      assertError(await call('community1', 'POST', `/api/report-in/services/${one.id}/decide`, { approve: false, note: '改主意' }), 422, 'REPORT_IN_NOT_ACTIONABLE');
      const view = await ok(unit.admin, 'GET', `/api/report-in/${r.id}`);
      assert.deepEqual([view.approvedMinutes, view.pendingServices], [90, 0]);
    });

    test('五评议: each rater by its side, once a year; the unit sees all its members’ grades', async () => {
      const r = await confirmed();
      const year = Number(s.platform.clock.today().slice(0, 4));
      assertError(await call(unit.admin, 'POST', `/api/report-in/${r.id}/evaluations`, { year, rater: 'community', grade: 'good' }), 422, 'REPORT_IN_RATER_NOT_ALLOWED', 'rater');
      assertError(await call('community1', 'POST', `/api/report-in/${r.id}/evaluations`, { year, rater: 'leader', grade: 'good' }), 422, 'REPORT_IN_RATER_NOT_ALLOWED', 'rater');
      assertError(await call('community1', 'POST', `/api/report-in/${r.id}/evaluations`, { year: year + 1, rater: 'community', grade: 'good' }), 422, 'REPORT_IN_EVALUATION_YEAR_INVALID', 'year');
      assertError(await call('community1', 'POST', `/api/report-in/${r.id}/evaluations`, { year, rater: 'community', grade: 'best' }), 400, 'VALIDATION_FAILED', 'grade');
      await ok(unit.admin, 'POST', `/api/report-in/${r.id}/evaluations`, { year, rater: 'leader', grade: 'excellent', comment: '服务积极' });
      for (const rater of ['residents', 'community', 'organisation']) await ok('community1', 'POST', `/api/report-in/${r.id}/evaluations`, { year, rater, grade: 'good' });
      assertError(await call('community1', 'POST', `/api/report-in/${r.id}/evaluations`, { year, rater: 'community', grade: 'excellent' }), 422, 'REPORT_IN_EVALUATION_EXISTS', 'rater');
      const seen = await ok(unit.admin, 'GET', `/api/report-in/${r.id}`);
      assert.deepEqual(seen.evaluations.map((e: { rater: string }) => e.rater).sort(), ['community', 'leader', 'organisation', 'residents']);
      assert.deepEqual(seen.raters, ['leader']);
    });

    test('the member’s own page: registration, menu, claim, service, self-evaluation (self scope only)', async () => {
      const mine = await ok('reporter1', 'GET', '/api/report-in/mine');
      assert.equal(mine.items.length, 1);
      const r = mine.items[0];
      assert.deepEqual([r.status, r.communityOrgId, r.actions.includes('claim'), r.raters], ['confirmed', org.chunhui, true, ['self']]);
      assert.ok(r.menu.length > 0 && r.menu.every((p: { communityOrgId: string; closedOn: string | null }) => p.communityOrgId === org.chunhui && p.closedOn === null));
      const free = r.menu.find((p: { id: string; capacity: number | null; claimed: number }) => !r.claims.some((c: { postId: string; releasedAt: string | null }) => c.postId === p.id && !c.releasedAt) && (p.capacity === null || p.claimed < p.capacity));
      const claimed = await ok('reporter1', 'POST', `/api/report-in/${r.id}/claims`, { postId: free.id });
      assert.ok(claimed.claims.some((c: { postId: string }) => c.postId === free.id));
      const logged = await ok('reporter1', 'POST', `/api/report-in/${r.id}/services`, { servedOn: s.platform.clock.today(), minutes: 120, content: '参加环境整治', postId: free.id });
      assert.equal(logged.services[0].status, 'pending');
      assert.equal((await call('reporter1', 'POST', `/api/report-in/${r.id}/evaluations`, { year: Number(s.platform.clock.today().slice(0, 4)), rater: 'self', grade: 'good' })).statusCode, 201);
      assertError(await call('reporter1', 'POST', `/api/report-in/${r.id}/confirm`), 403, 'FORBIDDEN');
      assertError(await call('reporter1', 'GET', '/api/report-in'), 403, 'FORBIDDEN');
      assert.deepEqual((await ok('member1', 'GET', '/api/report-in/mine')).items, []);
      assertError(await call('member1', 'GET', `/api/report-in/${r.id}`), 404, 'NOT_FOUND');
    });

    test('statistics add up by unit, by community and by org, for staff and for a unit', async () => {
      const today = s.platform.clock.today();
      const q = `from=${today.slice(0, 4)}-01-01&to=${today}`;
      const sum = (xs: Record<string, number>[], k: string) => xs.reduce((a, x) => a + x[k]!, 0);
      const district = await ok('district', 'GET', `/api/report-in/stats?${q}`);
      for (const k of ['registered', 'confirmed', 'pending', 'active', 'serviceMinutes']) {
        assert.equal(sum(district.byUnit, k), district.totals[k], `byUnit ${k}`);
        assert.equal(sum(district.byCommunity, k), district.totals[k], `byCommunity ${k}`);
        assert.equal(sum(district.byOrg, k), district.totals[k], `byOrg ${k}`);
      }
      assert.equal(district.totals.registered, district.totals.confirmed + district.totals.pending);
      assert.ok(district.totals.active > 0 && district.totals.serviceMinutes > 0, 'the demo has approved service this year');
      assert.ok(district.byOrg.every((o: { orgName: string }) => o.orgName.endsWith('党工委')), 'the district rolls up by street');

      const community = await ok('community1', 'GET', `/api/report-in/stats?${q}`);
      assert.deepEqual(community.byCommunity.map((c: { orgId: string }) => c.orgId), [org.chunhui]);
      const chunhui = district.byCommunity.find((c: { orgId: string }) => c.orgId === org.chunhui);
      assert.deepEqual(community.totals, Object.fromEntries(Object.keys(community.totals).map((k) => [k, chunhui[k]])));
      assertError(await call('community1', 'GET', `/api/report-in/stats?${q}&orgId=${org.heping}`), 404, 'NOT_FOUND');
      assertError(await call('district', 'GET', `/api/report-in/stats?from=${today}&to=2000-01-01`), 400, 'VALIDATION_FAILED', 'to');

      const own = await ok('unit1', 'GET', `/api/report-in/stats?${q}`);
      assert.deepEqual(own.byUnit.map((u: { unitName: string }) => u.unitName), ['明德区教育局']);
      assert.equal(own.totals.registered, own.byUnit[0].registered);
      assert.deepEqual(own.byOrg, []);
      assertError(await call('member1', 'GET', `/api/report-in/stats?${q}`), 403, 'FORBIDDEN');
    });
  });
}
