import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe, type TreeNode } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { systemCtx } from '../../platform/context.ts';
import { applyMeetingPoints } from './points.service.ts';

const MIN = 60_000;
const iso = (d: Date) => d.toISOString();
const collator = new Intl.Collator('zh-CN');

interface EventRow {
  memberId: string;
  kind: string;
  points: number;
  note: string;
  occurredOn: string;
}

interface BranchMember {
  memberId: string;
  name: string;
  total: number;
  attended: number;
  absentWithoutLeave: number;
  rank: number | null;
}

for (const engine of engines) {
  describe(`points (${engine})`, () => {
    let s: TestServer;
    let branch: TreeNode;
    let community: TreeNode;
    let otherBranch: TreeNode;
    const ids: Record<string, string> = {};
    /** The November meeting (late entry, still open for leave) and the October one. */
    let nov: { id: string; present: string; online: string; absent: string; neverCame: string; notExpected: string; minutes: Record<string, unknown> };
    let oct: string;
    /** Points before this file's meetings (the demo seed may bring its own): the tests assert changes against it. */
    const base = { me: {} as Record<string, { total: number; events: number }>, list: new Map<string, BranchMember>() };
    let branchPath: string;

    before(async () => {
      s = await openTestServer(engine);
      branch = (await call('branch1', 'GET', '/api/orgs/tree')).json()[0];
      community = (await call('community1', 'GET', '/api/orgs/tree')).json()[0];
      otherBranch = (await call('branch2', 'GET', '/api/orgs/tree')).json()[0];
      for (const u of ['branch1', 'recorder1', 'member1', 'branch2']) ids[u] = (await call(u, 'GET', '/api/auth/me')).json().memberId;
      for (const u of ['branch1', 'member1']) {
        const me = (await call(u, 'GET', '/api/points/me?year=2026')).json();
        base.me[u] = { total: me.total, events: me.events.length };
      }
      for (const m of (await call('branch1', 'GET', `/api/orgs/${branch.id}/points?year=2026`)).json().members as BranchMember[]) base.list.set(m.memberId, m);
      branchPath = (await one<{ path: string }>(s.platform.database.db, sql`SELECT path FROM org WHERE id = ${branch.id}`))!.path;
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
    /** A meeting recorded after its start (补录): no clock moves, so sessions stay alive. */
    const plan = (startsAt: Date, over: Record<string, unknown> = {}) =>
      ok('branch1', 'POST', '/api/meetings', {
        orgId: branch.id,
        type: 'theme_day',
        title: '11 月主题党日',
        startsAt: iso(startsAt),
        endsAt: iso(new Date(startsAt.getTime() + 90 * MIN)),
        place: '社区党群服务中心',
        lateEntryReason: '会议当天网络故障，会后补录',
        ...over,
      });
    const mark = (meetingId: string, memberId: string, online = false) =>
      ok('branch1', 'POST', `/api/meetings/${meetingId}/check-ins`, { memberId, reason: '现场签到表核对', ...(online ? { online: true } : {}) });
    const confirmBoth = async (meetingId: string) => {
      await ok('recorder1', 'POST', `/api/meetings/${meetingId}/confirm`);
      await ok('branch1', 'POST', `/api/meetings/${meetingId}/confirm`);
    };
    const eventsOf = (meetingId: string) =>
      rows<EventRow>(
        s.platform.database.db,
        sql`SELECT member_id AS "memberId", kind, points, note, to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn" FROM points_event WHERE source_type = 'meeting' AND source_id = ${meetingId} ORDER BY member_id, kind`,
      );
    const row = (ms: BranchMember[], id: string) => ms.find((m) => m.memberId === id)!;
    const kindOf = (events: EventRow[], memberId: string) => events.filter((e) => e.memberId === memberId).map((e) => e.kind).sort();

    test('confirmation → job → events: present, online, leave (0, none), absent, never checked in, not expected; host and recorder', async () => {
      const start = new Date(s.platform.clock.now().getTime() - 5 * MIN);
      const m = await plan(start);
      const others = (m.attendees as { memberId: string }[]).map((a) => a.memberId).filter((x) => ![ids.branch1, ids.recorder1, ids.member1].includes(x));
      const [present, online, absent, neverCame, notExpected] = others as [string, string, string, string, string];
      // member1 asks for leave before the end; the secretary approves.
      const leave = await ok('member1', 'POST', `/api/meetings/${m.id}/leave-requests`, { reason: '外出就医' });
      await ok('branch1', 'POST', `/api/meetings/${m.id}/leave-requests/${leave.id}/decision`, { decision: 'approve' });
      for (const x of [ids.branch1!, ids.recorder1!, present]) await mark(m.id, x);
      // Online attendance is for 流动党员: this member is one (管理类别 共管).
      const file = await ok('branch1', 'GET', `/api/members/${online}`);
      await ok('branch1', 'PATCH', `/api/members/${online}`, { category: 'mobile', version: file.version });
      await mark(m.id, online, true);
      const minutes = {
        hostMemberId: ids.branch1,
        recorderMemberId: ids.recorder1,
        topics: ['学习党的二十届四中全会精神'],
        keyPoints: '集中学习，交流发言。',
        absences: [{ memberId: absent, reason: '未请假' }],
        notExpected: [{ memberId: notExpected, reason: '出国出境' }],
      };
      await ok('branch1', 'PUT', `/api/meetings/${m.id}/minutes`, minutes);
      await ok('recorder1', 'POST', `/api/meetings/${m.id}/confirm`);
      await s.jobs.drain();
      assert.equal((await eventsOf(m.id)).length, 0, 'one signature is not enough');
      await ok('branch1', 'POST', `/api/meetings/${m.id}/confirm`);
      assert.equal((await eventsOf(m.id)).length, 0, 'events come through the job, after commit');
      await s.jobs.drain();
      const events = await eventsOf(m.id);
      assert.deepEqual(kindOf(events, ids.branch1!), ['attended', 'hosted']);
      assert.deepEqual(kindOf(events, ids.recorder1!), ['attended', 'recorded']);
      assert.deepEqual(kindOf(events, present), ['attended']);
      assert.deepEqual(kindOf(events, online), ['attendedOnline']);
      assert.deepEqual(kindOf(events, ids.member1!), [], 'leave is worth 0 by default: no event');
      assert.deepEqual(kindOf(events, absent), ['absentWithoutLeave']);
      assert.deepEqual(kindOf(events, neverCame), ['absentWithoutLeave']);
      assert.deepEqual(kindOf(events, notExpected), [], 'not expected: nothing');
      const byKey = (mid: string, k: string) => events.find((e) => e.memberId === mid && e.kind === k)!;
      assert.deepEqual([byKey(present, 'attended').points, byKey(present, 'attended').note], [2, '参加「11 月主题党日」']);
      assert.deepEqual([byKey(online, 'attendedOnline').points, byKey(online, 'attendedOnline').note], [2, '线上参加「11 月主题党日」']);
      assert.deepEqual([byKey(absent, 'absentWithoutLeave').points, byKey(absent, 'absentWithoutLeave').note], [-2, '无故缺席「11 月主题党日」']);
      assert.deepEqual([byKey(ids.branch1!, 'hosted').points, byKey(ids.recorder1!, 'recorded').points], [1, 1]);
      assert.ok(events.every((e) => e.occurredOn === '2026-11-22'));
      // Every expected member is accounted for: the rest never checked in and had no leave.
      const expected = (await ok('branch1', 'GET', `/api/meetings/${m.id}`)).attendees.filter((a: { expected: boolean }) => a.expected).length;
      assert.equal(events.filter((e) => e.kind === 'attended' || e.kind === 'attendedOnline' || e.kind === 'absentWithoutLeave').length, expected - 1, 'all but the member on leave');
      await s.flushAudit();
      assert.ok(await one(s.platform.database.db, sql`SELECT 1 FROM audit_event WHERE action = 'points.meeting.apply' AND target_id = ${m.id}`));
      nov = { id: m.id, present, online, absent, neverCame, notExpected, minutes };
    });

    test('idempotent: the job run again gives the same rows; a correction confirmed again replaces (no doubles)', async () => {
      const before = await eventsOf(nov.id);
      await applyMeetingPoints(systemCtx(s.platform), { meetingId: nov.id });
      assert.deepEqual(await eventsOf(nov.id), before, 'a re-run replaces with the same events');
      // Correction: the member who never came was abroad (not expected). While the record is a draft again the
      // old events stand; confirming it again replaces them.
      await ok('branch1', 'PUT', `/api/meetings/${nov.id}/minutes`, {
        ...nov.minutes,
        notExpected: [...(nov.minutes.notExpected as unknown[]), { memberId: nov.neverCame, reason: '出国出境' }],
        correctionReason: '核实后该党员当时在国外',
      });
      await applyMeetingPoints(systemCtx(s.platform), { meetingId: nov.id });
      assert.deepEqual(await eventsOf(nov.id), before, 'a draft being corrected does not change points');
      s.platform.clock.advance(MIN);
      await confirmBoth(nov.id);
      await s.jobs.drain();
      const afterFix = await eventsOf(nov.id);
      assert.deepEqual(kindOf(afterFix, nov.neverCame), []);
      assert.equal(afterFix.length, before.length - 1);
      const keys = afterFix.map((e) => `${e.memberId}:${e.kind}`);
      assert.equal(new Set(keys).size, keys.length, 'no doubles');
      const jobs = await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM job WHERE name = 'points.meeting_confirmed' AND payload->>'meetingId' = ${nov.id} AND state = 'done'`);
      assert.equal(Number(jobs!.n), 2, 'one job per confirmation');
    });

    test('a 党课 in October: the host gave the lecture; member1 attended', async () => {
      const start = new Date('2026-10-15T06:30:00.000Z');
      const m = await plan(start, { type: 'party_lecture', title: '学习贯彻党章' });
      for (const x of [ids.branch1!, ids.recorder1!, ids.member1!]) await mark(m.id, x);
      await ok('branch1', 'PUT', `/api/meetings/${m.id}/minutes`, { hostMemberId: ids.branch1, recorderMemberId: ids.recorder1, topics: ['党章学习'], keyPoints: '书记讲党课。' });
      await confirmBoth(m.id);
      await s.jobs.drain();
      const events = await eventsOf(m.id);
      assert.deepEqual(kindOf(events, ids.branch1!), ['attended', 'gaveLecture']);
      const lecture = events.find((e) => e.kind === 'gaveLecture')!;
      assert.deepEqual([lecture.points, lecture.note, lecture.occurredOn], [5, '讲党课「学习贯彻党章」', '2026-10-15']);
      assert.ok(!events.some((e) => e.kind === 'hosted'));
      oct = m.id;
    });

    test('GET /api/points/me: own events of the year, newest first, with the total; other years empty; no member → 0', async () => {
      const res = await call('member1', 'GET', '/api/points/me');
      assert.equal(res.statusCode, 200, res.body);
      const me = res.json();
      assert.equal(me.memberId, ids.member1);
      assert.equal(me.year, 2026);
      type Ev = { kind: string; points: number; note: string; occurredOn: string; sourceType: string; sourceId: string };
      const events = me.events as Ev[];
      assert.deepEqual(
        events.filter((e) => e.sourceId === oct || e.sourceId === nov.id).map((e) => [e.kind, e.points, e.note, e.occurredOn, e.sourceType, e.sourceId]),
        [['attended', 2, '参加「学习贯彻党章」', '2026-10-15', 'meeting', oct]],
        'the November leave is worth 0 and shows nothing',
      );
      assert.equal(events.length, base.me.member1!.events + 1);
      assert.equal(me.total, base.me.member1!.total + 2);
      assert.equal(me.total, events.reduce((t, e) => t + e.points, 0));
      assert.deepEqual(Object.keys(events[0]!).sort(), ['id', 'kind', 'note', 'occurredOn', 'points', 'sourceId', 'sourceType']);

      const sec = await ok('branch1', 'GET', '/api/points/me?year=2026');
      const dates = (sec.events as Ev[]).map((e) => e.occurredOn);
      assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
      assert.deepEqual(
        (sec.events as Ev[]).filter((e) => e.sourceId === oct || e.sourceId === nov.id).map((e) => e.occurredOn),
        ['2026-11-22', '2026-11-22', '2026-10-15', '2026-10-15'],
      );
      assert.equal(sec.total, base.me.branch1!.total + 2 + 1 + 2 + 5);
      const lastYear = await ok('member1', 'GET', '/api/points/me?year=2025');
      assert.deepEqual([lastYear.memberId, lastYear.year], [ids.member1, 2025]);
      assert.ok((lastYear.events as Ev[]).every((e) => e.occurredOn.startsWith('2025-')), 'only that year');
      assert.deepEqual(await ok('member1', 'GET', '/api/points/me?year=2024'), { memberId: ids.member1, year: 2024, total: 0, events: [] });
      assert.deepEqual(await ok('community1', 'GET', '/api/points/me'), { memberId: null, year: 2026, total: 0, events: [] });
      assertError(await call('member1', 'GET', '/api/points/me?year=abc'), 400, 'VALIDATION_FAILED', 'year');
      assertError(await call('member1', 'GET', '/api/points/me?year=1990'), 400, 'VALIDATION_FAILED', 'year');
      assertError(await call(null, 'GET', '/api/points/me'), 401, 'AUTH_REQUIRED');
    });

    test('branch list, ranking off (the default): every active member, by name, rank null, totals from the events', async () => {
      const res = await call('branch1', 'GET', `/api/orgs/${branch.id}/points?year=2026`);
      assert.equal(res.statusCode, 200, res.body);
      const list = res.json() as { orgId: string; year: number; rankingEnabled: boolean; members: BranchMember[] };
      assert.equal(list.orgId, branch.id);
      assert.equal(list.year, 2026);
      assert.equal(list.rankingEnabled, false);
      const active = await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM member WHERE org_id = ${branch.id} AND state = 'active'`);
      assert.equal(list.members.length, Number(active!.n), 'everyone, including those with 0');
      assert.ok(list.members.every((m) => m.rank === null));
      assert.deepEqual(list.members.map((m) => m.name), list.members.map((m) => m.name).sort(collator.compare), 'name order (pinyin)');
      const row = (id: string) => list.members.find((m) => m.memberId === id)!;
      assert.deepEqual(Object.keys(row(ids.branch1!)).sort(), ['absentWithoutLeave', 'attended', 'memberId', 'name', 'rank', 'total']);
      /** [total, attended, absentWithoutLeave] gained through this file's two meetings. */
      const delta = (id: string) => {
        const [r, b] = [row(id), base.list.get(id)!];
        return [r.total - b.total, r.attended - b.attended, r.absentWithoutLeave - b.absentWithoutLeave];
      };
      assert.deepEqual(delta(ids.branch1!), [2 + 1 + 2 + 5, 2, 0]);
      assert.deepEqual(delta(ids.recorder1!), [2 + 1 + 2 + 1, 2, 0]);
      assert.deepEqual(delta(ids.member1!), [2, 1, 0], 'on leave in November: neither earns nor costs');
      // Everyone but the three present missed the October lecture (−2).
      assert.deepEqual(delta(nov.online), [0, 1, 1]);
      assert.deepEqual(delta(nov.absent), [-4, 0, 2]);
      assert.deepEqual(delta(nov.neverCame), [-2, 0, 1], 'the correction removed the November absence');
      assert.deepEqual(delta(nov.notExpected), [-2, 0, 1], 'not expected in November');
      // The totals are the sums of the year's events in the branch and its 党小组.
      const sums = await rows<{ memberId: string; total: number }>(
        s.platform.database.db,
        sql`SELECT e.member_id AS "memberId", sum(e.points)::int AS total FROM points_event e JOIN org o ON o.id = e.org_id
            WHERE o.path LIKE ${`${branchPath}%`} AND e.occurred_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY e.member_id`,
      );
      for (const m of list.members) assert.equal(m.total, Number(sums.find((x) => x.memberId === m.memberId)?.total ?? 0), m.name);
      const older = (await ok('branch1', 'GET', `/api/orgs/${branch.id}/points?year=2024`)) as { members: BranchMember[] };
      assert.equal(older.members.length, list.members.length);
      assert.ok(older.members.every((m) => m.total === 0 && m.attended === 0));
      // The community above sees the branch's list too.
      assert.equal((await call('community1', 'GET', `/api/orgs/${branch.id}/points`)).statusCode, 200);
    });

    test('ranking on (set by the org admin, inherited from the community): total desc, ties share a rank; only per branch', async () => {
      const set = await call('community1', 'PUT', `/api/orgs/${community.id}/settings/points.rankingEnabled`, { value: true });
      assert.equal(set.statusCode, 200, set.body);
      const list = (await ok('branch1', 'GET', `/api/orgs/${branch.id}/points`)) as { rankingEnabled: boolean; members: BranchMember[] };
      assert.equal(list.rankingEnabled, true);
      const ms = list.members;
      assert.equal(ms[0]!.total, Math.max(...ms.map((m) => m.total)));
      assert.equal(ms[0]!.rank, 1);
      ms.forEach((m, i) => {
        if (i === 0) return;
        const prev = ms[i - 1]!;
        assert.ok(prev.total >= m.total, 'total desc');
        assert.equal(m.rank, prev.total === m.total ? prev.rank : i + 1, 'ties share a rank, the next rank skips');
        if (prev.total === m.total) assert.ok(collator.compare(prev.name, m.name) <= 0, 'ties by name');
      });
      // The members who missed both meetings tie (at least): one rank, after everyone above them.
      const t = row(ms, nov.absent).total;
      const tied = ms.filter((m) => m.total === t);
      assert.ok(tied.length > 1, 'a tie in the demo branch');
      assert.ok(tied.every((m) => m.rank === tied[0]!.rank), 'ties share one rank');
      assert.equal(tied[0]!.rank, ms.filter((m) => m.total > t).length + 1);
      // Never across a subtree: the community itself has no points list at all.
      assertError(await call('community1', 'GET', `/api/orgs/${community.id}/points`), 422, 'POINTS_ORG_KIND_INVALID');
      // The branch may turn it off again for itself (nearest setting wins).
      assert.equal((await call('community1', 'PUT', `/api/orgs/${branch.id}/settings/points.rankingEnabled`, { value: false })).statusCode, 200);
      const off = (await ok('branch1', 'GET', `/api/orgs/${branch.id}/points`)) as { rankingEnabled: boolean; members: BranchMember[] };
      assert.equal(off.rankingEnabled, false);
      assert.ok(off.members.every((m) => m.rank === null));
      await ok('community1', 'PUT', `/api/orgs/${branch.id}/settings/points.rankingEnabled`, { value: null });
    });

    test('a 党小组: its members only, with the points they earned in the branch', async () => {
      const group = await one<{ id: string }>(
        s.platform.database.db,
        sql`SELECT o.id FROM org o WHERE o.parent_id = ${branch.id} AND o.kind = 'group' AND EXISTS (SELECT 1 FROM member m WHERE m.group_id = o.id AND m.state = 'active') ORDER BY o.code LIMIT 1`,
      );
      assert.ok(group, 'the demo branch has a 党小组 with members');
      const list = (await ok('branch1', 'GET', `/api/orgs/${group.id}/points`)) as { rankingEnabled: boolean; members: BranchMember[] };
      const inGroup = await rows<{ id: string }>(s.platform.database.db, sql`SELECT id FROM member WHERE group_id = ${group.id} AND state = 'active'`);
      assert.deepEqual(list.members.map((m) => m.memberId).sort(), inGroup.map((r) => r.id).sort());
      assert.equal(list.rankingEnabled, true, 'inherited from the community');
      const full = (await ok('branch1', 'GET', `/api/orgs/${branch.id}/points`)) as { members: BranchMember[] };
      for (const m of list.members) assert.equal(m.total, full.members.find((x) => x.memberId === m.memberId)!.total);
    });

    test('scope: another branch’s secretary gets 404; a member without points.read 403; bad ids 400', async () => {
      assertError(await call('branch2', 'GET', `/api/orgs/${branch.id}/points`), 404, 'NOT_FOUND');
      assertError(await call('branch2', 'GET', `/api/orgs/${branch.id}/points/no-participation?period=2026-Q4`), 404, 'NOT_FOUND');
      assertError(await call('community2', 'GET', `/api/orgs/${branch.id}/points`), 404, 'NOT_FOUND');
      assertError(await call('member1', 'GET', `/api/orgs/${branch.id}/points`), 403, 'FORBIDDEN');
      assertError(await call('member1', 'GET', `/api/orgs/${branch.id}/points/no-participation?period=2026-Q4`), 403, 'FORBIDDEN');
      assertError(await call('branch1', 'GET', `/api/orgs/${ids.member1}/points`), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'GET', '/api/orgs/not-a-uuid/points'), 400, 'VALIDATION_FAILED');
      assertError(await call('branch1', 'GET', `/api/orgs/${branch.id}/points?year=20x6`), 400, 'VALIDATION_FAILED', 'year');
      // branch2's own list: its own members only.
      const theirs = (await ok('branch2', 'GET', `/api/orgs/${otherBranch.id}/points`)) as { members: BranchMember[] };
      assert.ok(theirs.members.some((m) => m.memberId === ids.branch2));
      assert.ok(!theirs.members.some((m) => m.memberId === ids.member1 || m.memberId === nov.present));
    });

    test('no participation: active members without a 参加 event in the month, quarter or year', async () => {
      /** The branch's active members with no attended or online event in its subtree between two dates, by the database. */
      const oracle = async (from: string, to: string) =>
        (
          await rows<{ id: string }>(
            s.platform.database.db,
            sql`SELECT m.id FROM member m WHERE m.org_id = ${branch.id} AND m.state = 'active' AND NOT EXISTS (
                  SELECT 1 FROM points_event e JOIN org o ON o.id = e.org_id
                  WHERE e.member_id = m.id AND e.kind IN ('attended', 'attendedOnline') AND e.occurred_on BETWEEN ${from}::date AND ${to}::date AND o.path LIKE ${`${branchPath}%`})`,
          )
        )
          .map((r) => r.id)
          .sort();
      const list = async (period: string) => {
        const r = (await ok('branch1', 'GET', `/api/orgs/${branch.id}/points/no-participation?period=${period}`)) as { orgId: string; period: string; items: { memberId: string; name: string }[] };
        assert.deepEqual([r.orgId, r.period], [branch.id, period]);
        assert.deepEqual(r.items.map((i) => i.name), r.items.map((i) => i.name).sort(collator.compare), 'by name');
        return r.items.map((i) => i.memberId);
      };
      const inNov = await list('2026-11');
      assert.deepEqual([...inNov].sort(), await oracle('2026-11-01', '2026-11-30'));
      for (const x of [ids.branch1, ids.recorder1, nov.present, nov.online]) assert.ok(!inNov.includes(x!), 'attended in November (in person or online)');
      const q4 = await list('2026-Q4');
      assert.deepEqual([...q4].sort(), await oracle('2026-10-01', '2026-12-31'));
      assert.ok(!q4.includes(ids.member1!), 'member1 attended the October lecture');
      assert.ok(q4.every((x) => inNov.includes(x)), 'a quarter’s list is inside its month’s');
      const inOct = await list('2026-10');
      assert.deepEqual([...inOct].sort(), await oracle('2026-10-01', '2026-10-31'));
      assert.ok(!inOct.includes(ids.member1!));
      const year = await list('2026');
      assert.deepEqual([...year].sort(), await oracle('2026-01-01', '2026-12-31'));
      const active = await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM member WHERE org_id = ${branch.id} AND state = 'active'`);
      assert.equal((await list('2024')).length, Number(active!.n), 'a year without events: everyone');
    });

    test('no participation: leave, an absence and not being expected are not participation', async () => {
      // Of this file's November meeting, only attendance in person or online takes a member off the list.
      const inNov = ((await ok('branch1', 'GET', `/api/orgs/${branch.id}/points/no-participation?period=2026-11`)).items as { memberId: string }[]).map((i) => i.memberId);
      const attendedElsewhere = async (memberId: string) =>
        !!(await one(
          s.platform.database.db,
          sql`SELECT 1 FROM points_event WHERE member_id = ${memberId} AND source_id <> ${nov.id} AND kind IN ('attended', 'attendedOnline') AND occurred_on BETWEEN '2026-11-01' AND '2026-11-30'`,
        ));
      for (const x of [ids.member1!, nov.absent, nov.neverCame, nov.notExpected]) assert.equal(inNov.includes(x), !(await attendedElsewhere(x)), x);
    });

    test('no participation: a bad period is 400 naming `period`; an upper-level org is 422', async () => {
      for (const p of ['2026-Q5', '2026-13', 'Q4', '2026-q4', '2026-11-01', 'abc']) {
        assertError(await call('branch1', 'GET', `/api/orgs/${branch.id}/points/no-participation?period=${encodeURIComponent(p)}`), 400, 'VALIDATION_FAILED', 'period');
      }
      assertError(await call('branch1', 'GET', `/api/orgs/${branch.id}/points/no-participation`), 400, 'VALIDATION_FAILED', 'period');
      assertError(await call('community1', 'GET', `/api/orgs/${community.id}/points/no-participation?period=2026`), 422, 'POINTS_ORG_KIND_INVALID');
    });
  });
}
