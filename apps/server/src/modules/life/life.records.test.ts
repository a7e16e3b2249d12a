import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe, type TreeNode } from '../../test-support/assertions.ts';
import { multipartOf, zipOf } from '../../test-support/xlsx.ts';
import { one } from '../../platform/db/db.ts';

const MIN = 60_000;
const iso = (d: Date) => d.toISOString();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const docx = (extra: { name: string; data: Buffer }[] = []) =>
  zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }, ...extra]);

/** Custom types, 谈心谈话, my meetings, attendee changes, attachments and corrections of locked records. */
for (const engine of engines) {
  describe(`meeting records (${engine})`, () => {
    let s: TestServer;
    let branch: TreeNode;
    before(async () => {
      s = await openTestServer(engine);
      branch = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('branch1') })).json()[0];
    });
    after(() => s.stop());

    const call = async (user: string | null, method: string, url: string, body?: unknown) => {
      const res = await s.request({ method, url, ...(user ? { cookie: await s.login(user) } : {}), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    };
    const memberOf = async (u: string) => (await call(u, 'GET', '/api/auth/me')).json().memberId as string;
    const plan = (over: Record<string, unknown> = {}, user = 'branch1') => {
      const start = new Date(s.platform.clock.now().getTime() + 10 * MIN);
      return call(user, 'POST', '/api/meetings', { orgId: branch.id, type: 'theme_day', title: '主题党日', startsAt: iso(start), endsAt: iso(new Date(start.getTime() + 90 * MIN)), place: '党群服务中心', ...over });
    };
    const upload = async (user: string, id: string, name: string, data: Buffer) => {
      const body = multipartOf('file', name, data);
      const res = await s.request({ method: 'POST', url: `/api/meetings/${id}/attachments`, cookie: await s.login(user), body: body.payload, headers: body.headers });
      assertSafe(res);
      return res;
    };

    test('custom types come from the setting and keep their name; unknown ones are refused naming the field', async () => {
      assertError(await plan({ type: 'custom_sanwu' }), 422, 'LIFE_TYPE_NOT_ALLOWED', 'type');
      const set = await call('community1', 'PUT', `/api/orgs/${branch.id}/settings/life.customTypes`, { value: [{ id: 'custom_sanwu', label: '三务公开日', appliesTo: 'branch' }] });
      assert.equal(set.statusCode, 200, set.body);
      const res = await plan({ type: 'custom_sanwu', title: '12 月三务公开' });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().typeLabel, '三务公开日');
      assert.ok(res.json().counts.expected > 0, 'a custom meeting expects the branch');
      // The planning form's list, for anyone who plans (the 组织委员 has no settings.read).
      const types = (await call('recorder1', 'GET', `/api/orgs/${branch.id}/meeting-types`)).json().items;
      assert.deepEqual(types.at(-1), { type: 'custom_sanwu', label: '三务公开日', builtIn: false });
      assert.ok(!types.some((t: { type: string }) => t.type === 'group_meeting'), 'a branch does not hold 党小组会');
      const listed = (await call('branch1', 'GET', `/api/meetings?orgId=${branch.id}`)).json().items.find((m: { id: string }) => m.id === res.json().id);
      assert.equal(listed.typeLabel, '三务公开日');
      // A group-only custom type is refused for a branch.
      await call('community1', 'PUT', `/api/orgs/${branch.id}/settings/life.customTypes`, { value: [{ id: 'custom_sanwu', label: '三务公开日', appliesTo: 'group' }] });
      assertError(await plan({ type: 'custom_sanwu' }), 422, 'LIFE_TYPE_NOT_ALLOWED', 'type');
    });

    test('谈心谈话: exactly two parties of the branch, both expected', async () => {
      const [a, b, foreign] = [await memberOf('branch1'), await memberOf('member1'), await memberOf('branch2')];
      assertError(await plan({ type: 'heart_talk' }), 422, 'LIFE_TALK_PARTIES_REQUIRED', 'parties');
      assertError(await plan({ type: 'heart_talk', parties: [a, a] }), 422, 'LIFE_TALK_PARTIES_REQUIRED', 'parties');
      assertError(await plan({ type: 'heart_talk', parties: [a, foreign] }), 422, 'LIFE_TALK_PARTIES_REQUIRED', 'parties.1');
      const res = await plan({ type: 'heart_talk', title: '谈心谈话', parties: [a, b] });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json().attendees.map((x: { memberId: string }) => x.memberId).sort(), [a, b].sort());
    });

    test('my meetings: a member sees the meetings they are on with their own part; others see none of them', async () => {
      const id = (await plan({ title: '我的会议测试' })).json().id as string;
      const mine = (await call('member1', 'GET', '/api/meetings/mine')).json();
      const item = mine.items.find((m: { id: string }) => m.id === id);
      assert.ok(item, 'listed');
      assert.equal(item.myExpected, true);
      assert.equal(item.myAttendance, null);
      assert.equal(item.myLeaveStatus, null);
      await call('member1', 'POST', `/api/meetings/${id}/leave-requests`, { reason: '在外地出差' });
      const after = (await call('member1', 'GET', '/api/meetings/mine')).json().items.find((m: { id: string }) => m.id === id);
      assert.equal(after.myLeaveStatus, 'pending');
      const other = (await call('branch2', 'GET', '/api/meetings/mine')).json();
      assert.ok(!other.items.some((m: { id: string }) => m.id === id));
      assertError(await call('member1', 'GET', '/api/meetings/mine?from=2026-13-01'), 400, 'VALIDATION_FAILED');
    });

    test('attendees: added from the caller’s own scope and notified; removed only if untouched and before the meeting', async () => {
      const m = (await plan({ title: '调整人员' })).json();
      const foreign = await memberOf('branch2');
      assertError(await call('branch1', 'POST', `/api/meetings/${m.id}/attendees`, { memberIds: [foreign] }), 422, 'LIFE_MINUTES_PERSON_INVALID', 'memberIds.0');
      assertError(await call('community1', 'POST', `/api/meetings/${m.id}/attendees`, { memberIds: [foreign] }), 422, 'LIFE_MINUTES_PERSON_INVALID', 'memberIds.0');
      // The district manages both communities: it may invite a member of another community's branch.
      const added = await call('district', 'POST', `/api/meetings/${m.id}/attendees`, { memberIds: [foreign] });
      assert.equal(added.statusCode, 200, added.body);
      assert.equal(added.json().counts.expected, m.counts.expected + 1);
      assert.ok(await one(s.platform.database.db, sql`SELECT 1 FROM notification n LEFT JOIN account a ON a.id = n.account_id
            WHERE n.template = 'life.meeting_notice' AND n.data->>'meetingId' = ${m.id} AND (n.member_id = ${foreign} OR a.member_id = ${foreign})`));
      const removed = await call('branch1', 'DELETE', `/api/meetings/${m.id}/attendees/${foreign}`);
      assert.equal(removed.statusCode, 200, removed.body);
      assert.equal(removed.json().counts.expected, m.counts.expected);
      // member1 asked for leave: no longer "listed by mistake".
      await call('member1', 'POST', `/api/meetings/${m.id}/leave-requests`, { reason: '住院' });
      assertError(await call('branch1', 'DELETE', `/api/meetings/${m.id}/attendees/${await memberOf('member1')}`), 422, 'LIFE_STATUS_INVALID');
      assertError(await call('branch1', 'POST', `/api/meetings/${m.id}/attendees`, { memberIds: [] }), 400, 'VALIDATION_FAILED');
      assertError(await call('branch2', 'POST', `/api/meetings/${m.id}/attendees`, { memberIds: [foreign] }), 404, 'NOT_FOUND');
    });

    test('online: a 流动党员 checks in through the meeting’s link inside the window; others and link-less meetings are refused', async () => {
      const start = new Date(s.platform.clock.now().getTime() + 10 * MIN);
      const body = { orgId: branch.id, type: 'theme_day', title: '线上参会', startsAt: iso(start), endsAt: iso(new Date(start.getTime() + 60 * MIN)), place: '党群服务中心' };
      assertError(await call('branch1', 'POST', '/api/meetings', { ...body, onlineUrl: 'http://meeting.example.cn/123' }), 400, 'VALIDATION_FAILED', 'onlineUrl');
      const m = (await call('branch1', 'POST', '/api/meetings', { ...body, onlineUrl: 'https://meeting.example.cn/123' })).json();
      assert.equal(m.onlineUrl, 'https://meeting.example.cn/123');
      const plain = (await plan({ title: '无线上' })).json();
      const me = await memberOf('member1');
      s.platform.clock.advance(11 * MIN);
      assertError(await call('member1', 'POST', `/api/meetings/${m.id}/check-ins`, { online: true }), 422, 'LIFE_ONLINE_NOT_OFFERED');
      const v = (await call('branch1', 'GET', `/api/members/${me}`)).json();
      const moved = await call('branch1', 'PATCH', `/api/members/${me}`, { category: 'mobile', version: v.version });
      assert.equal(moved.statusCode, 200, moved.body);
      assertError(await call('member1', 'POST', `/api/meetings/${plain.id}/check-ins`, { online: true }), 422, 'LIFE_ONLINE_NOT_OFFERED', 'online');
      const ok = await call('member1', 'POST', `/api/meetings/${m.id}/check-ins`, { online: true });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().attendance, 'online');
      assert.equal(ok.json().method, 'link');
      assert.equal((await call('branch1', 'GET', `/api/meetings/${m.id}`)).json().counts.online, 1);
      await call('branch1', 'PATCH', `/api/members/${me}`, { category: v.category, version: v.version + 1 });
    });

    test('attachments: type read from the bytes, size capped, readable by whoever reads the meeting; corrections appended to a locked record', async () => {
      const [host, recorder] = [await memberOf('branch1'), await memberOf('recorder1')];
      const id = (await plan({ title: '附件与更正' })).json().id as string;
      const png = await upload('branch1', id, 'sign-in.png', PNG);
      assert.equal(png.statusCode, 201, png.body);
      assert.equal(png.json().mediaType, 'image/png');
      assert.match(png.json().sm3, /^[0-9a-f]{64}$/);
      // A program named like a PDF, a macro-carrying Word file, and an empty file are refused.
      assertError(await upload('branch1', id, 'minutes.pdf', Buffer.from('MZ\x90\x00 this is not a pdf')), 400, 'FILE_TYPE_NOT_ALLOWED', 'file');
      assertError(await upload('branch1', id, 'minutes.docx', docx([{ name: 'word/vbaProject.bin', data: Buffer.from('x') }])), 400, 'FILE_TYPE_NOT_ALLOWED', 'file');
      assertError(await upload('branch1', id, 'too-big.png', Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)])), 400, 'FILE_TOO_LARGE', 'file');
      const word = await upload('branch1', id, 'resolution.exe', docx());
      assert.equal(word.statusCode, 201, word.body);
      assert.match(word.json().fileName, /\.docx$/, 'the extension follows the content');
      assertError(await upload('member1', id, 'x.png', PNG), 403, 'FORBIDDEN');

      const view = (await call('member1', 'GET', `/api/meetings/${id}`)).json();
      assert.equal(view.attachments.length, 2);
      const dl = await call('member1', 'GET', `/api/meetings/${id}/attachments/${png.json().id}`);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'image/png');
      assert.ok(dl.rawPayload.equals(PNG));
      assertError(await call('branch2', 'GET', `/api/meetings/${id}/attachments/${png.json().id}`), 404, 'NOT_FOUND');

      // Hold, record, confirm, approve; then the record is locked: no attachments, corrections appended.
      s.platform.clock.advance(11 * MIN);
      const token = (await call('branch1', 'GET', `/api/meetings/${id}/check-in-token`)).json().token;
      for (const u of ['branch1', 'recorder1']) await call(u, 'POST', `/api/meetings/${id}/check-ins`, { token });
      await call('branch1', 'PUT', `/api/meetings/${id}/minutes`, { hostMemberId: host, recorderMemberId: recorder, topics: ['学习'], keyPoints: '学习讨论' });
      assertError(await call('branch1', 'POST', `/api/meetings/${id}/corrections`, { reason: '笔误', content: '应为 14:30' }), 422, 'LIFE_STATUS_INVALID');
      await call('recorder1', 'POST', `/api/meetings/${id}/confirm`);
      await call('branch1', 'POST', `/api/meetings/${id}/confirm`);
      const hash = (await call('community1', 'POST', `/api/meetings/${id}/review`, { decision: 'approve' })).json().hash;
      assertError(await upload('branch1', id, 'late.png', PNG), 422, 'LIFE_STATUS_INVALID');
      assertError(await call('branch1', 'POST', `/api/meetings/${id}/corrections`, { reason: '', content: 'x' }), 400, 'VALIDATION_FAILED');
      const c = await call('branch1', 'POST', `/api/meetings/${id}/corrections`, { reason: '开始时间笔误', content: '会议开始时间应为 14:30' });
      assert.equal(c.statusCode, 201, c.body);
      const locked = (await call('branch1', 'GET', `/api/meetings/${id}`)).json();
      assert.equal(locked.status, 'approved');
      assert.deepEqual(locked.appendedCorrections.map((x: { reason: string }) => x.reason), ['开始时间笔误']);
      assert.equal((await call('branch1', 'GET', `/api/meetings/${id}/minutes`)).json().hash, hash, 'the locked record and its hash never change');
      await s.flushAudit();
      for (const action of ['life.attachment.add', 'life.minutes.append_correction']) {
        assert.ok(await one(s.platform.database.db, sql`SELECT 1 FROM audit_event WHERE action = ${action} AND target_id = ${id}`), action);
      }
    });
  });
}
