import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe, type TreeNode } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { SLOT_MS } from './life.checkin.ts';

const MIN = 60_000;
const iso = (d: Date) => d.toISOString();

for (const engine of engines) {
  describe(`organisational-life meetings (${engine})`, () => {
    let s: TestServer;
    let branch: TreeNode;
    let otherBranch: TreeNode;
    before(async () => {
      s = await openTestServer(engine);
      branch = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('branch1') })).json()[0];
      otherBranch = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('branch2') })).json()[0];
    });
    after(() => s.stop());

    const call = async (user: string | null, method: string, url: string, body?: unknown) => {
      const res = await s.request({ method, url, ...(user ? { cookie: await s.login(user) } : {}), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    };
    const plan = (over: Record<string, unknown> = {}, user = 'branch1') => {
      const start = new Date(s.platform.clock.now().getTime() + 10 * MIN);
      return call(user, 'POST', '/api/meetings', {
        orgId: branch.id,
        type: 'theme_day',
        title: '11 月主题党日',
        startsAt: iso(start),
        endsAt: iso(new Date(start.getTime() + 90 * MIN)),
        place: '社区党群服务中心',
        ...over,
      });
    };
    const member1 = async () => (await call('member1', 'GET', '/api/auth/me')).json().memberId as string;

    test('planning: 201 with the exact fields, expected = the branch’s active members, each notified, audited', async () => {
      const res = await plan();
      assert.equal(res.statusCode, 201, res.body);
      const m = res.json();
      assert.equal(m.status, 'planned');
      assert.equal(m.lateEntry, false);
      assert.ok(m.id);
      const active = await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM member WHERE org_id = ${branch.id} AND state = 'active'`);
      assert.equal(m.counts.expected, Number(active!.n));
      assert.ok(m.attendees.some((a: { memberId: string }) => a.memberId));
      const notices = await rows<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE template = 'life.meeting_notice' AND data->>'meetingId' = ${m.id}`);
      assert.ok(Number(notices[0]!.n) > 0, 'expected members are notified');
      await s.flushAudit();
      assert.ok(await one(s.platform.database.db, sql`SELECT 1 FROM audit_event WHERE action = 'life.meeting.create' AND target_id = ${m.id}`));
    });

    test('no back-filling: a meeting entered after its start is a late entry and needs a reason', async () => {
      const past = new Date(s.platform.clock.now().getTime() - 3 * 86_400_000);
      const body = { startsAt: iso(past), endsAt: iso(new Date(past.getTime() + 60 * MIN)), type: 'branch_general_meeting', title: '支部党员大会' };
      assertError(await plan(body), 422, 'LIFE_LATE_ENTRY_REASON_REQUIRED', 'lateEntryReason');
      const res = await plan({ ...body, lateEntryReason: '当天系统停电，会后补录' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().lateEntry, true);
      assert.equal(res.json().lateEntryReason, '当天系统停电，会后补录');
      // Late entries are not announced: the meeting is over.
      const notices = await rows<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE data->>'meetingId' = ${res.json().id}`);
      assert.equal(Number(notices[0]!.n), 0);
    });

    test('bad input: times, type for the org, unknown type — clear errors, nothing written', async () => {
      const start = new Date(s.platform.clock.now().getTime() + 60 * MIN);
      assertError(await plan({ startsAt: iso(start), endsAt: iso(start) }), 400, 'LIFE_TIMES_INVALID', 'endsAt');
      assertError(await plan({ type: 'group_meeting' }), 422, 'LIFE_TYPE_NOT_ALLOWED', 'type');
      // Well-formed but neither built-in nor a configured custom type: refused naming the field.
      assertError(await plan({ type: 'tea_party' }), 422, 'LIFE_TYPE_NOT_ALLOWED', 'type');
      assertError(await plan({ type: 'Tea Party!' }), 400, 'VALIDATION_FAILED');
      assertError(await plan({ startsAt: '2026-12-01 14:00' }), 400, 'VALIDATION_FAILED');
      assertError(await plan({}, 'member1'), 403, 'FORBIDDEN');
      assertError(await plan({ orgId: otherBranch.id }), 404, 'NOT_FOUND');
    });

    test('scope: the branch and its ancestors see the meeting; another branch does not; an expected member does', async () => {
      const id = (await plan()).json().id;
      assert.equal((await call('community1', 'GET', `/api/meetings/${id}`)).statusCode, 200);
      assertError(await call('branch2', 'GET', `/api/meetings/${id}`), 404, 'NOT_FOUND');
      assertError(await call('community2', 'GET', `/api/meetings/${id}`), 404, 'NOT_FOUND');
      const mine = await call('member1', 'GET', `/api/meetings/${id}`);
      assert.equal(mine.statusCode, 200);
      const listed = (await call('community1', 'GET', `/api/meetings?orgId=${branch.id}`)).json();
      assert.ok(listed.items.some((m: { id: string }) => m.id === id));
      assertError(await call('branch2', 'GET', `/api/meetings?orgId=${branch.id}`), 404, 'NOT_FOUND');
      assert.ok(!(await call('branch2', 'GET', '/api/meetings')).json().items.some((m: { id: string }) => m.id === id));
    });

    test('check-in by the venue QR: inside the window, once, with a fresh signed token; stale, altered and foreign tokens refused', async () => {
      const id = (await plan()).json().id;
      const me = await member1();
      const tokenRes = await call('branch1', 'GET', `/api/meetings/${id}/check-in-token`);
      assert.equal(tokenRes.statusCode, 200, tokenRes.body);
      const { token, url } = tokenRes.json();
      assert.equal(url, `/m/check-in?token=${encodeURIComponent(token)}`);
      assert.match(tokenRes.json().qrDataUrl, /^data:image\/png;base64,/);
      assertError(await call('member1', 'GET', `/api/meetings/${id}/check-in-token`), 404, 'NOT_FOUND');
      const altered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      assertError(await call('member1', 'POST', `/api/meetings/${id}/check-ins`, { token: altered }), 422, 'LIFE_CHECK_IN_TOKEN_INVALID', 'token');
      const first = await call('member1', 'POST', `/api/meetings/${id}/check-ins`, { token });
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual({ memberId: first.json().memberId, attendance: first.json().attendance, method: first.json().method }, { memberId: me, attendance: 'present', method: 'qr' });
      const again = await call('member1', 'POST', `/api/meetings/${id}/check-ins`, { token });
      assert.equal(again.json().checkedInAt, first.json().checkedInAt, 'a replayed scan keeps the first time');
      const m = (await call('branch1', 'GET', `/api/meetings/${id}`)).json();
      assert.equal(m.status, 'in_progress');
      assert.equal(m.counts.present, 1);
      // A token for another meeting does not open this one.
      const other = (await plan()).json().id;
      assertError(await call('member1', 'POST', `/api/meetings/${other}/check-ins`, { token }), 422, 'LIFE_CHECK_IN_TOKEN_INVALID');
      // Two slots later the photographed code is dead.
      s.platform.clock.advance(2 * SLOT_MS + 1000);
      assertError(await call('member1', 'POST', `/api/meetings/${other}/check-ins`, { token }), 422, 'LIFE_CHECK_IN_TOKEN_INVALID');
      // A member not on the list cannot check in even with a good token; branch2's secretary sees nothing.
      const fresh = (await call('branch1', 'GET', `/api/meetings/${other}/check-in-token`)).json().token;
      assertError(await call('branch2', 'POST', `/api/meetings/${other}/check-ins`, { token: fresh }), 404, 'NOT_FOUND');
    });

    test('check-in window: closed long before the start, open within the setting’s minutes', async () => {
      // Sessions idle out after 30 minutes: the clock moves less than that.
      const start = new Date(s.platform.clock.now().getTime() + 25 * MIN);
      const id = (await plan({ startsAt: iso(start), endsAt: iso(new Date(start.getTime() + 60 * MIN)) })).json().id;
      const token = (await call('branch1', 'GET', `/api/meetings/${id}/check-in-token`)).json().token;
      assertError(await call('member1', 'POST', `/api/meetings/${id}/check-ins`, { token }), 422, 'LIFE_CHECK_IN_CLOSED', 'token');
      s.platform.clock.advance(10 * MIN);
      const token2 = (await call('branch1', 'GET', `/api/meetings/${id}/check-in-token`)).json().token;
      assert.equal((await call('member1', 'POST', `/api/meetings/${id}/check-ins`, { token: token2 })).statusCode, 200);
    });

    test('the organiser marks attendance by hand only with a reason, audited, inside the window; online only for a mobile member', async () => {
      const id = (await plan()).json().id;
      const m = (await call('branch1', 'GET', `/api/meetings/${id}`)).json();
      const someone = m.attendees[1].memberId;
      assertError(await call('branch1', 'POST', `/api/meetings/${id}/check-ins`, { memberId: someone }), 400, 'VALIDATION_FAILED');
      // Online only for a 流动党员 (the demo's members are resident); never before the window opens.
      assertError(await call('branch1', 'POST', `/api/meetings/${id}/check-ins`, { memberId: someone, reason: '视频参加', online: true }), 422, 'LIFE_ONLINE_NOT_OFFERED', 'online');
      const later = (await plan({ startsAt: iso(new Date(s.platform.clock.now().getTime() + 2 * 86_400_000)), endsAt: iso(new Date(s.platform.clock.now().getTime() + 2 * 86_400_000 + 60 * MIN)) })).json().id;
      assertError(await call('branch1', 'POST', `/api/meetings/${later}/check-ins`, { memberId: someone, reason: '提前签到' }), 422, 'LIFE_CHECK_IN_CLOSED', 'memberId');
      const res = await call('branch1', 'POST', `/api/meetings/${id}/check-ins`, { memberId: someone, reason: '手机没电，现场核实' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().attendance, 'present');
      assert.equal(res.json().method, 'manual');
      await s.flushAudit();
      const audit = await one<{ details: { reason: string } }>(s.platform.database.db, sql`SELECT details FROM audit_event WHERE action = 'life.check_in.manual' AND target_id = ${id}`);
      assert.equal(audit!.details.reason, '手机没电，现场核实');
      assertError(await call('member1', 'POST', `/api/meetings/${id}/check-ins`, { memberId: someone, reason: '代签' }), 404, 'NOT_FOUND');
    });

    test('leave: a member asks once with a reason; the organiser approves (on leave) or refuses with a reason', async () => {
      const id = (await plan()).json().id;
      const req = await call('member1', 'POST', `/api/meetings/${id}/leave-requests`, { reason: '外出就医' });
      assert.equal(req.statusCode, 201, req.body);
      assert.equal(req.json().status, 'pending');
      assertError(await call('member1', 'POST', `/api/meetings/${id}/leave-requests`, { reason: '再次申请' }), 422, 'LIFE_LEAVE_ALREADY_REQUESTED');
      assertError(await call('member1', 'POST', `/api/meetings/${id}/leave-requests`, { reason: '' }), 400, 'VALIDATION_FAILED');
      const decisionUrl = `/api/meetings/${id}/leave-requests/${req.json().id}/decision`;
      assertError(await call('branch1', 'POST', decisionUrl, { decision: 'refuse' }), 400, 'VALIDATION_FAILED', 'reason');
      assertError(await call('member1', 'POST', decisionUrl, { decision: 'approve' }), 404, 'NOT_FOUND');
      const ok = await call('branch1', 'POST', decisionUrl, { decision: 'approve' });
      assert.equal(ok.json().status, 'approved');
      // Decided once (a second decision, even at the same time, is refused), and audited.
      assertError(await call('branch1', 'POST', decisionUrl, { decision: 'refuse', reason: '改主意' }), 422, 'LIFE_STATUS_INVALID');
      await s.flushAudit();
      assert.ok(await one(s.platform.database.db, sql`SELECT 1 FROM audit_event WHERE action = 'life.leave.decide' AND target_id = ${id}`));
      const m = (await call('branch1', 'GET', `/api/meetings/${id}`)).json();
      assert.equal(m.counts.leave, 1);
      // Another member sees the attendee list but not others' leave requests.
      const viewOfMember1 = (await call('member1', 'GET', `/api/meetings/${id}`)).json();
      assert.equal(viewOfMember1.leaveRequests.length, 1);
    });

    test('compliance: items per rule per period, counted from confirmed meetings; periods validated; branch or group only', async () => {
      const q = await call('branch1', 'GET', `/api/orgs/${branch.id}/compliance?period=2026-Q4`);
      assert.equal(q.statusCode, 200, q.body);
      const items = q.json().items as { rule: string; period: string; status: string; held: number; source: string }[];
      assert.deepEqual(items.filter((i) => i.rule === 'theme_day').map((i) => i.period), ['2026-10', '2026-11', '2026-12']);
      // The demo seed holds a year of meetings: the figures must be what the recorded meetings say.
      const counted = async (month: string) =>
        Number(
          (await one<{ n: number }>(
            s.platform.database.db,
            sql`SELECT count(*)::int AS n FROM meeting WHERE org_id = ${branch.id} AND type = 'theme_day' AND status IN ('confirmed', 'approved')
                AND to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${month}`,
          ))!.n,
        );
      const item = (list: typeof items, period: string) => list.find((i) => i.rule === 'theme_day' && i.period === period)!;
      assert.ok(items.every((i) => i.source.length > 0));
      const [oct, nov] = [await counted('2026-10'), await counted('2026-11')];
      assert.equal(item(items, '2026-10').held, oct);
      assert.equal(item(items, '2026-10').status, oct > 0 ? 'met' : 'overdue', 'October is over');
      assert.equal(item(items, '2026-11').held, nov);
      // 22 November: eight days left, inside the 10-day due-soon window.
      assert.equal(item(items, '2026-11').status, nov > 0 ? 'met' : 'due_soon');
      // Planned meetings do not count; a confirmed one does (confirmation itself is tested with the minutes).
      const id = (await plan()).json().id;
      assert.equal(item((await call('branch1', 'GET', `/api/orgs/${branch.id}/compliance?period=2026-11`)).json().items, '2026-11').held, nov);
      await s.platform.database.db.execute(sql`UPDATE meeting SET status = 'confirmed' WHERE id = ${id}`);
      const after = (await call('branch1', 'GET', `/api/orgs/${branch.id}/compliance?period=2026-11`)).json().items as typeof items;
      assert.equal(item(after, '2026-11').held, nov + 1);
      assert.equal(item(after, '2026-11').status, 'met');
      assertError(await call('branch1', 'GET', `/api/orgs/${branch.id}/compliance?period=2026-Q5`), 400, 'VALIDATION_FAILED', 'period');
      assertError(await call('branch1', 'GET', `/api/orgs/${branch.id}/compliance?period=0000`), 400, 'VALIDATION_FAILED', 'period');
      assertError(await call('community1', 'GET', `/api/orgs/${(await call('community1', 'GET', '/api/orgs/tree')).json()[0].id}/compliance?period=2026`), 422, 'LIFE_TYPE_NOT_ALLOWED');
      assertError(await call('branch2', 'GET', `/api/orgs/${branch.id}/compliance?period=2026`), 404, 'NOT_FOUND');
    });

    test('minutes → recorder and host confirm → the upper level approves (locked, hashed) or returns; corrections need a reason', async () => {
      const memberOf = async (u: string) => (await call(u, 'GET', '/api/auth/me')).json().memberId as string;
      const [host, recorder, me] = [await memberOf('branch1'), await memberOf('recorder1'), await member1()];
      const holdAndRecord = async (type = 'theme_day') => {
        const id = (await plan({ type })).json().id as string;
        const minutes = { hostMemberId: host, recorderMemberId: recorder, topics: ['学习党的二十届四中全会精神'], keyPoints: '集中学习，交流发言 6 人。', decisions: ['开展一次社区清洁志愿服务'] };
        assertError(await call('branch1', 'PUT', `/api/meetings/${id}/minutes`, minutes), 422, 'LIFE_MINUTES_TOO_EARLY');
        s.platform.clock.advance(11 * MIN);
        const token = (await call('branch1', 'GET', `/api/meetings/${id}/check-in-token`)).json().token;
        for (const u of ['member1', 'branch1', 'recorder1']) assert.equal((await call(u, 'POST', `/api/meetings/${id}/check-ins`, { token })).statusCode, 200);
        return { id, minutes };
      };
      const { id, minutes } = await holdAndRecord();
      assertError(await call('branch1', 'PUT', `/api/meetings/${id}/minutes`, { ...minutes, hostMemberId: (await call('branch2', 'GET', '/api/auth/me')).json().memberId }), 422, 'LIFE_MINUTES_PERSON_INVALID', 'hostMemberId');
      assertError(await call('branch1', 'PUT', `/api/meetings/${id}/minutes`, { ...minutes, topics: [] }), 400, 'VALIDATION_FAILED');
      // A NUL inside the jsonb record is bad input (PostgreSQL 22P05), never a 500.
      assertError(await call('branch1', 'PUT', `/api/meetings/${id}/minutes`, { ...minutes, keyPoints: 'a\u0000b' }), 400, 'VALIDATION_FAILED');
      const written = await call('branch1', 'PUT', `/api/meetings/${id}/minutes`, { ...minutes, absences: [], notExpected: [] });
      assert.equal(written.statusCode, 200, written.body);
      assert.equal((await call('branch1', 'GET', `/api/meetings/${id}`)).json().status, 'minutes_draft');
      assertError(await call('community1', 'POST', `/api/meetings/${id}/review`, { decision: 'approve' }), 422, 'LIFE_STATUS_INVALID');
      assertError(await call('member1', 'POST', `/api/meetings/${id}/confirm`), 403, 'LIFE_NOT_CONFIRMER');
      const byRecorder = await call('recorder1', 'POST', `/api/meetings/${id}/confirm`);
      assert.equal(byRecorder.statusCode, 200, byRecorder.body);
      assert.ok(byRecorder.json().confirmedByRecorderAt && !byRecorder.json().confirmedByHostAt);
      const byHost = (await call('branch1', 'POST', `/api/meetings/${id}/confirm`)).json();
      assert.ok(byHost.confirmedByHostAt);
      assert.equal((await call('branch1', 'GET', `/api/meetings/${id}`)).json().status, 'confirmed');
      // The branch cannot review its own record; the community above it can.
      assertError(await call('branch1', 'POST', `/api/meetings/${id}/review`, { decision: 'approve' }), 403, 'LIFE_REVIEW_NOT_UPPER_LEVEL');
      const approved = await call('community1', 'POST', `/api/meetings/${id}/review`, { decision: 'approve', comment: '记录完整' });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.match(approved.json().hash, /^[0-9a-f]{64}$/);
      assert.equal((await call('branch1', 'GET', `/api/meetings/${id}`)).json().status, 'approved');
      assertError(await call('branch1', 'PUT', `/api/meetings/${id}/minutes`, { ...minutes, correctionReason: '补充' }), 422, 'LIFE_STATUS_INVALID');
      const theme = (await call('branch1', 'GET', `/api/orgs/${branch.id}/compliance?period=2026-11`)).json().items.find((i: { rule: string }) => i.rule === 'theme_day');
      assert.ok(theme.held >= 1 && theme.status === 'met');
      assert.ok(me);

      // Returned: a comment is required; the correction must say why; both are kept.
      const second = await holdAndRecord();
      await call('branch1', 'PUT', `/api/meetings/${second.id}/minutes`, second.minutes);
      await call('recorder1', 'POST', `/api/meetings/${second.id}/confirm`);
      await call('branch1', 'POST', `/api/meetings/${second.id}/confirm`);
      assertError(await call('community1', 'POST', `/api/meetings/${second.id}/review`, { decision: 'return' }), 400, 'LIFE_RETURN_COMMENT_REQUIRED', 'comment');
      assert.equal((await call('community1', 'POST', `/api/meetings/${second.id}/review`, { decision: 'return', comment: '缺少缺席人员的原因' })).statusCode, 200);
      assertError(await call('branch1', 'PUT', `/api/meetings/${second.id}/minutes`, second.minutes), 422, 'LIFE_CORRECTION_REASON_REQUIRED', 'correctionReason');
      const fixed = await call('branch1', 'PUT', `/api/meetings/${second.id}/minutes`, { ...second.minutes, correctionReason: '按审核意见补充缺席原因' });
      assert.equal(fixed.statusCode, 200, fixed.body);
      assert.equal(fixed.json().corrections[0].reason, '按审核意见补充缺席原因');
      assert.equal(fixed.json().review.comment, '缺少缺席人员的原因');
      assert.equal((await call('branch1', 'GET', `/api/meetings/${second.id}`)).json().status, 'minutes_draft');
    });

    test('quorum: a general meeting whose votes were taken with too few voting members present cannot be confirmed', async () => {
      const memberOf = async (u: string) => (await call(u, 'GET', '/api/auth/me')).json().memberId as string;
      const [host, recorder] = [await memberOf('branch1'), await memberOf('recorder1')];
      const id = (await plan({ type: 'branch_general_meeting', title: '支部党员大会' })).json().id;
      s.platform.clock.advance(11 * MIN);
      const token = (await call('branch1', 'GET', `/api/meetings/${id}/check-in-token`)).json().token;
      for (const u of ['branch1', 'recorder1']) await call(u, 'POST', `/api/meetings/${id}/check-ins`, { token });
      const minutes = { hostMemberId: host, recorderMemberId: recorder, topics: ['讨论接收预备党员'], keyPoints: '表决', votes: [{ item: '接收张某为预备党员', yes: 2, no: 0, abstain: 0 }] };
      const before = (await call('branch1', 'GET', `/api/meetings/${id}`)).json();
      const [away, ill] = before.attendees.filter((a: { attendance: string | null }) => !a.attendance).map((a: { memberId: string }) => a.memberId);
      const withLists = { ...minutes, notExpected: [{ memberId: away, reason: '出国出境' }], absences: [{ memberId: ill, reason: '病假' }] };
      assert.equal((await call('branch1', 'PUT', `/api/meetings/${id}/minutes`, withLists)).statusCode, 200);
      const after = (await call('branch1', 'GET', `/api/meetings/${id}`)).json();
      assert.equal(after.counts.expected, before.counts.expected - 1);
      const row = (mid: string) => after.attendees.find((a: { memberId: string }) => a.memberId === mid);
      assert.deepEqual([row(away).expected, row(away).notExpectedReason], [false, '出国出境']);
      assert.deepEqual([row(ill).attendance, row(ill).manualReason], ['absent', '病假']);
      assert.equal((await call('branch1', 'PUT', `/api/meetings/${id}/minutes`, minutes)).statusCode, 200);
      assert.equal((await call('branch1', 'GET', `/api/meetings/${id}`)).json().counts.expected, before.counts.expected, 'rewriting the lists restores the expectation');
      assert.equal((await call('recorder1', 'POST', `/api/meetings/${id}/confirm`)).statusCode, 200);
      const res = await call('branch1', 'POST', `/api/meetings/${id}/confirm`);
      assertError(res, 422, 'LIFE_QUORUM_NOT_MET');
      assert.match(res.json().error.message, /实到 2/);
    });

    test('cancel: with a reason, only before minutes; members told; a cancelled meeting takes no check-ins and never counts', async () => {
      const id = (await plan()).json().id;
      assertError(await call('branch1', 'POST', `/api/meetings/${id}/cancel`, { reason: '' }), 400, 'VALIDATION_FAILED');
      assertError(await call('member1', 'POST', `/api/meetings/${id}/cancel`, { reason: '下雨' }), 403, 'FORBIDDEN');
      const res = await call('branch1', 'POST', `/api/meetings/${id}/cancel`, { reason: '与区里集中学习冲突，改期' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'cancelled');
      assert.equal(res.json().cancelledReason, '与区里集中学习冲突，改期');
      const told = await rows<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE dedupe_key LIKE ${`life.meeting_cancel:${id}%`}`);
      assert.ok(Number(told[0]!.n) > 0);
      assertError(await call('branch1', 'POST', `/api/meetings/${id}/cancel`, { reason: '再取消' }), 422, 'LIFE_STATUS_INVALID');
      assertError(await call('branch1', 'GET', `/api/meetings/${id}/check-in-token`), 422, 'LIFE_STATUS_INVALID');
    });

    test('upper levels: subtree summary by worst status and a paginated branch list, worst first, from one set-based pass', async () => {
      const community = (await call('community1', 'GET', '/api/orgs/tree')).json()[0] as TreeNode;
      const branches = await one<{ n: number }>(
        s.platform.database.db,
        sql`SELECT count(*)::int AS n FROM org WHERE parent_id = ${community.id} AND kind IN ('branch', 'joint_branch', 'temporary_branch', 'general_branch') AND dissolved_on IS NULL`,
      );
      const sum = await call('community1', 'GET', `/api/orgs/${community.id}/compliance/summary?period=2026-Q4`);
      assert.equal(sum.statusCode, 200, sum.body);
      assert.equal(sum.json().branches, Number(branches!.n));
      assert.equal(Object.values(sum.json().byWorst as Record<string, number>).reduce((a, b) => a + b, 0), sum.json().branches);
      const severity = ['overdue', 'due_soon', 'not_due', 'met', 'not_applicable'];
      const list = await call('community1', 'GET', `/api/orgs/${community.id}/compliance/branches?period=2026-Q4&pageSize=2`);
      assert.equal(list.json().total, sum.json().branches);
      assert.equal(list.json().items.length, 2);
      const all = (await call('community1', 'GET', `/api/orgs/${community.id}/compliance/branches?period=2026-Q4&pageSize=100`)).json().items as { worst: string; counts: Record<string, number> }[];
      const ranks = all.map((b) => severity.indexOf(b.worst));
      assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'worst first');
      assert.ok(all.every((b) => (b.counts[b.worst] ?? 0) > 0), 'a branch’s worst status is one of its items');
      // Each status filter gives exactly the branches the summary counts under it.
      for (const status of severity) {
        const only = (await call('community1', 'GET', `/api/orgs/${community.id}/compliance/branches?period=2026-Q4&status=${status}&pageSize=100`)).json();
        assert.equal(only.total, sum.json().byWorst[status], status);
        assert.ok(only.items.every((b: { worst: string }) => b.worst === status));
      }
      assertError(await call('branch2', 'GET', `/api/orgs/${community.id}/compliance/summary?period=2026-Q4`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'GET', `/api/orgs/${community.id}/compliance/summary?period=Q4`), 400, 'VALIDATION_FAILED', 'period');
    });

    test('life plan: the month’s fixed day and the meetings still required', async () => {
      const res = await call('branch1', 'GET', `/api/orgs/${branch.id}/life-plan?month=2026-12`);
      assert.equal(res.statusCode, 200, res.body);
      const plan = res.json();
      assert.equal(plan.fixedDay, '2026-12-01', 'the first Tuesday by default');
      const theme = plan.proposals.find((p: { type: string }) => p.type === 'theme_day');
      assert.deepEqual([theme.period, theme.suggestedDate], ['2026-12', '2026-12-01']);
      assert.ok(plan.proposals.some((p: { type: string; period: string }) => p.type === 'branch_general_meeting' && p.period === '2026-Q4'));
      assert.ok(plan.proposals.every((p: { status: string }) => p.status !== 'met' && p.status !== 'not_applicable'));
      assertError(await call('branch1', 'GET', `/api/orgs/${branch.id}/life-plan?month=2026-13`), 400, 'VALIDATION_FAILED');
      assertError(await call('branch2', 'GET', `/api/orgs/${branch.id}/life-plan?month=2026-12`), 404, 'NOT_FOUND');
    });

    test('ledger: the branch’s year as Excel, generated from the meetings (late entries marked, cancelled left out), audited', async () => {
      const res = await call('branch1', 'GET', `/api/orgs/${branch.id}/life-ledger.xlsx?year=2026`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      assert.match(String(ws.getCell(1, 1).value), /2026 年“三会一课”及组织生活台账/);
      const header = (ws.getRow(3).values as string[]).slice(1);
      assert.equal(header[2], '会议类型');
      const dataRows: string[][] = [];
      ws.eachRow((row, n) => {
        if (n > 3) dataRows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
      });
      const meetings = await one<{ n: number }>(
        s.platform.database.db,
        sql`SELECT count(*)::int AS n FROM meeting WHERE org_id = ${branch.id} AND status <> 'cancelled' AND extract(year FROM starts_at AT TIME ZONE 'Asia/Shanghai') = 2026`,
      );
      assert.equal(dataRows.length, Number(meetings!.n));
      assert.equal(Number(res.headers['x-row-count']), dataRows.length);
      assert.ok(dataRows.some((r) => r[14]!.startsWith('补录：当天系统停电')), 'the late entry is marked with its reason');
      assert.ok(dataRows.some((r) => r[13] === '已审核' && r[11]!.includes('学习党的二十届四中全会精神')), 'approved minutes carry their topics');
      assertError(await call('branch2', 'GET', `/api/orgs/${branch.id}/life-ledger.xlsx?year=2026`), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'GET', `/api/orgs/${branch.id}/life-ledger.xlsx?year=26`), 400, 'VALIDATION_FAILED');
      await s.flushAudit();
      assert.ok(await one(s.platform.database.db, sql`SELECT 1 FROM audit_event WHERE action = 'life.ledger.export' AND target_id = ${branch.id}`));
    });

    // Last: it moves the clock a week on (sessions expire).
    test('minutes overdue: a week after the end without confirmed minutes, the secretary is reminded once', async () => {
      const id = (await plan({ title: '逾期未记录的会议' })).json().id;
      const reminded = async () =>
        Number((await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM notification WHERE template = 'life.minutes_overdue' AND data->>'meetingId' = ${id}`))!.n);
      s.platform.clock.advance(3 * 86_400_000);
      await s.jobs.drain();
      assert.equal(await reminded(), 0, 'not yet due');
      s.platform.clock.advance(5 * 86_400_000);
      await s.jobs.drain();
      const first = await reminded();
      assert.ok(first > 0, 'reminded after 7 days');
      const secretary = await one<{ n: number }>(
        s.platform.database.db,
        sql`SELECT count(*)::int AS n FROM notification n JOIN account a ON a.id = n.account_id WHERE a.username = 'branch1' AND n.template = 'life.minutes_overdue' AND n.data->>'meetingId' = ${id}`,
      );
      assert.equal(Number(secretary!.n), 1);
      s.platform.clock.advance(2 * 3_600_000);
      await s.jobs.drain();
      assert.equal(await reminded(), first, 'once per meeting');
    });
  });
}
