import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe, type TreeNode } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';

const MIN = 60_000;
const iso = (d: Date) => d.toISOString();
const at = (local: string) => new Date(`${local}+08:00`);

/** The PDF's text (pdftotext -layout), its page facts (pdfinfo) and fonts (pdffonts); page 1 rendered by pdftoppm. */
function readPdf(payload: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfledger-'));
  try {
    const file = path.join(dir, 'l.pdf');
    fs.writeFileSync(file, payload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    return {
      text,
      // pdftotext -layout pads wide glyph runs with spaces: compare without them.
      flat: text.replace(/\s+/g, ''),
      pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
      width: Number(size[1]),
      height: Number(size[2]),
      fonts,
      png: fs.readFileSync(path.join(dir, png)),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function sheetRows(res: LightMyRequestResponse, sheet = 0): Promise<{ ws: ExcelJS.Worksheet; values: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[sheet]!;
  const values: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => values.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return { ws, values };
}

interface Item {
  rule: string;
  period: string;
  held: number;
  required: number;
  lateEntries: number;
  status: string;
}
const order = ['overdue', 'due_soon', 'not_due', 'met', 'not_applicable'];
const worst = (statuses: string[]) => statuses.reduce((w, x) => (order.indexOf(x) < order.indexOf(w) ? x : w), 'not_applicable');
const labelStatus: Record<string, string> = { 逾期未完成: 'overdue', 即将到期: 'due_soon', 未到期: 'not_due', 已完成: 'met', 不适用: 'not_applicable' };
const statusFill: Record<string, string | null> = { met: 'FFC6EFCE', due_soon: 'FFFFE699', overdue: 'FFF4B6B6', not_due: 'FFE4E4E4', not_applicable: null };
const ruleLabels = { theme_day: '主题党日', branch_general_meeting: '支部党员大会', branch_committee_meeting: '支部委员会会议', party_lecture: '党课' };
/** What the sheet should show for a rule: held/required summed over its periods, coloured by the worst period. */
function expectedCell(items: Item[], rule: string) {
  const of = items.filter((x) => x.rule === rule);
  const status = worst(of.map((x) => x.status));
  // Each period counts up to its requirement: two theme days in October do not cover November.
  return { status, text: status === 'not_applicable' ? '—' : `${of.reduce((a, x) => a + Math.min(x.held, x.required), 0)}/${of.reduce((a, x) => a + x.required, 0)}` };
}

const fillOf = (cell: ExcelJS.Cell) => (cell.fill?.type === 'pattern' ? (cell.fill.fgColor?.argb ?? null) : null);

for (const engine of engines) {
  void describe(`life ledger and completion sheet (${engine})`, () => {
    let s: TestServer;
    let branch: TreeNode;
    let otherBranch: TreeNode;
    let community: TreeNode;
    let hasCommittee = false;
    let approvedId = '';
    const call = async (user: string | null, method: string, url: string, body?: unknown) => {
      const res = await s.request({ method, url, ...(user ? { cookie: await s.login(user) } : {}), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    };
    const ok = (res: LightMyRequestResponse, status = 200) => {
      assert.equal(res.statusCode, status, res.body.slice(0, 500));
      return res;
    };
    const lateEntry = async (type: string, title: string, local: string, reason: string) =>
      ok(
        await call('branch1', 'POST', '/api/meetings', { orgId: branch.id, type, title, startsAt: iso(at(local)), endsAt: iso(new Date(at(local).getTime() + 90 * MIN)), place: '社区党群服务中心', lateEntryReason: reason }),
        201,
      ).json().id as string;
    const markPresent = async (id: string, memberIds: string[]) => {
      for (const memberId of memberIds) ok(await call('branch1', 'POST', `/api/meetings/${id}/check-ins`, { memberId, reason: '会后按纸质签到表补签' }));
    };
    const itemsOf = async (id: string, period: string) => ok(await call('community1', 'GET', `/api/orgs/${id}/compliance?period=${period}`)).json().items as Item[];
    const attendeesOf = async (id: string) => (await call('branch1', 'GET', `/api/meetings/${id}`)).json().attendees as { memberId: string; name: string }[];

    before(async () => {
      s = await openTestServer(engine);
      branch = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('branch1') })).json()[0];
      otherBranch = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('branch2') })).json()[0];
      community = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('community1') })).json()[0];
      const host = (await call('branch1', 'GET', '/api/auth/me')).json().memberId as string;
      const recorder = (await call('recorder1', 'GET', '/api/auth/me')).json().memberId as string;
      const oct = (await call('branch1', 'GET', `/api/orgs/${branch.id}/compliance?period=2026-10`)).json().items as { rule: string; status: string }[];
      hasCommittee = oct.some((i) => i.rule === 'branch_committee_meeting' && i.status !== 'not_applicable');

      // A — October theme day, entered late; the secretary hosts and records; approved, then a correction appended.
      const a = await lateEntry('theme_day', '十月主题党日：学习支部工作条例', '2026-10-13T14:00:00', '系统上线前召开，会后补录');
      const listA = await attendeesOf(a);
      await markPresent(a, [host, recorder]);
      const ill = listA.find((x) => x.memberId !== host && x.memberId !== recorder)!;
      const longText = Array.from({ length: 60 }, (_, i) => `第${i + 1}段：党员交流学习体会，结合社区网格工作谈认识、找差距、明方向，提出改进服务群众的具体措施。`).join('');
      ok(
        await call('branch1', 'PUT', `/api/meetings/${a}/minutes`, {
          hostMemberId: host,
          recorderMemberId: host,
          topics: ['学习《中国共产党支部工作条例（试行）》', '通报网格服务情况'],
          keyPoints: longText,
          decisions: ['每月第一个周二为固定主题党日'],
          followUps: [{ task: '整理学习笔记并上报', ownerName: '王组织', deadline: '2026-10-31' }],
          absences: [{ memberId: ill.memberId, reason: '病假住院' }],
        }),
      );
      ok(await call('branch1', 'POST', `/api/meetings/${a}/confirm`));
      ok(await call('community1', 'POST', `/api/meetings/${a}/review`, { decision: 'approve', comment: '记录完整，同意' }));
      ok(await call('branch1', 'POST', `/api/meetings/${a}/corrections`, { reason: '会议地点登记有误', content: '会议地点应为社区党群服务中心二楼会议室' }), 201);
      approvedId = a;

      // B — October general meeting, entered late, with a vote; corrected after confirmation (the minutes' own corrections).
      const b = await lateEntry('branch_general_meeting', '支部党员大会：第四季度工作安排', '2026-10-20T19:00:00', '纸质记录整理后补录');
      const listB = await attendeesOf(b);
      const [away, absent] = listB.filter((x) => x.memberId !== host && x.memberId !== recorder);
      await markPresent(b, listB.filter((x) => x !== away && x !== absent).map((x) => x.memberId));
      const minutesB = {
        hostMemberId: host,
        recorderMemberId: recorder,
        topics: ['讨论第四季度工作安排'],
        keyPoints: '书记通报第三季度工作，党员讨论第四季度安排。',
        differingOpinions: '有党员建议把志愿服务放在周末',
        decisions: ['第四季度开展两次志愿服务'],
        votes: [{ item: '第四季度工作安排', yes: listB.length - 2, no: 0, abstain: 0 }],
        absences: [{ memberId: absent!.memberId, reason: '出差在外' }],
        notExpected: [{ memberId: away!.memberId, reason: '长期病休' }],
      };
      ok(await call('branch1', 'PUT', `/api/meetings/${b}/minutes`, minutesB));
      ok(await call('recorder1', 'POST', `/api/meetings/${b}/confirm`));
      ok(await call('branch1', 'POST', `/api/meetings/${b}/confirm`));
      ok(await call('branch1', 'PUT', `/api/meetings/${b}/minutes`, { ...minutesB, keyPoints: `${minutesB.keyPoints}补充表决情况。`, correctionReason: '补充表决情况的记录' }));
      ok(await call('recorder1', 'POST', `/api/meetings/${b}/confirm`));
      ok(await call('branch1', 'POST', `/api/meetings/${b}/confirm`));

      // C — October committee meeting (only where the branch has a committee).
      if (hasCommittee) {
        const c = await lateEntry('branch_committee_meeting', '支委会：研究十月工作', '2026-10-09T09:00:00', '会议记录本遗失后补录');
        await markPresent(c, (await attendeesOf(c)).map((x) => x.memberId));
        ok(await call('branch1', 'PUT', `/api/meetings/${c}/minutes`, { hostMemberId: host, recorderMemberId: recorder, topics: ['研究十月工作'], keyPoints: '逐项研究。' }));
        ok(await call('recorder1', 'POST', `/api/meetings/${c}/confirm`));
        ok(await call('branch1', 'POST', `/api/meetings/${c}/confirm`));
      }

      // E — a custom type planned under the label 读书分享会, renamed afterwards: the meeting keeps its label.
      ok(await call('community1', 'PUT', `/api/orgs/${branch.id}/settings/life.customTypes`, { value: [{ id: 'custom_reading', label: '读书分享会' }] }));
      await lateEntry('custom_reading', '十一月读书分享', '2026-11-05T19:30:00', '外出活动回来后补录');
      ok(await call('community1', 'PUT', `/api/orgs/${branch.id}/settings/life.customTypes`, { value: [{ id: 'custom_reading', label: '读书会' }] }));

      // A cancelled meeting is never in the ledger.
      const start = new Date(s.platform.clock.now().getTime() + 60 * MIN);
      const cancelled = ok(await call('branch1', 'POST', '/api/meetings', { orgId: branch.id, type: 'theme_day', title: '被取消的会议', startsAt: iso(start), endsAt: iso(new Date(start.getTime() + 60 * MIN)), place: '社区' }), 201).json().id;
      ok(await call('branch1', 'POST', `/api/meetings/${cancelled}/cancel`, { reason: '与区里集中学习冲突' }));

      // D — November theme day, planned, held (QR check-in) and confirmed by the recorder and the host.
      const startD = new Date(s.platform.clock.now().getTime() + 10 * MIN);
      const d = ok(
        await call('branch1', 'POST', '/api/meetings', { orgId: branch.id, type: 'theme_day', title: '十一月主题党日：学习四中全会精神', startsAt: iso(startD), endsAt: iso(new Date(startD.getTime() + 90 * MIN)), place: '社区党群服务中心' }),
        201,
      ).json().id;
      s.platform.clock.advance(11 * MIN);
      const token = (await call('branch1', 'GET', `/api/meetings/${d}/check-in-token`)).json().token;
      for (const u of ['member1', 'branch1', 'recorder1']) ok(await call(u, 'POST', `/api/meetings/${d}/check-ins`, { token }));
      ok(await call('branch1', 'PUT', `/api/meetings/${d}/minutes`, { hostMemberId: host, recorderMemberId: recorder, topics: ['学习党的二十届四中全会精神'], keyPoints: '集中学习，交流发言 6 人。' }));
      ok(await call('recorder1', 'POST', `/api/meetings/${d}/confirm`));
      ok(await call('branch1', 'POST', `/api/meetings/${d}/confirm`));
    });
    after(() => s.stop());

    test('ledger xlsx: stored type labels, 补录 with reasons, both kinds of corrections, counts by type; audited', async () => {
      const res = ok(await call('branch1', 'GET', `/api/orgs/${branch.id}/life-ledger.xlsx?year=2026`));
      const { values } = await sheetRows(res);
      const data = values.slice(3);
      // The seed's year of meetings plus this file's: every one of 2026 except the cancelled.
      const byType = await rows<{ type: string; held: number; approved: number; confirmed: number; late: number }>(
        s.platform.database.db,
        sql`SELECT type, count(*)::int AS held, count(*) FILTER (WHERE status = 'approved')::int AS approved,
              count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed, count(*) FILTER (WHERE late_entry)::int AS late
            FROM meeting WHERE org_id = ${branch.id} AND status <> 'cancelled' AND starts_at >= ${at('2026-01-01T00:00:00')} AND starts_at < ${at('2027-01-01T00:00:00')}
            GROUP BY type`,
      );
      assert.equal(data.length, byType.reduce((a, t) => a + Number(t.held), 0));
      assert.equal(values[2]![15], '更正');
      const byTitle = (t: string) => data.find((r) => r[3] === t)!;
      const a = byTitle('十月主题党日：学习支部工作条例');
      assert.deepEqual([a[2], a[13], a[14]], ['主题党日', '已审核', '补录：系统上线前召开，会后补录']);
      assert.match(a[15]!, /更正（.*）：会议地点登记有误；会议地点应为社区党群服务中心二楼会议室/);
      const b = byTitle('支部党员大会：第四季度工作安排');
      assert.match(b[15]!, /修改（.*）：补充表决情况的记录/);
      // 应到 excludes the member not expected; 实到 + 请假 + 缺席 = 应到.
      assert.equal(Number(b[10]), 1);
      assert.equal(Number(b[8]) + Number(b[9]) + Number(b[10]), Number(b[7]));
      assert.equal(byTitle('十一月读书分享')[2], '读书分享会', 'the label the meeting was planned under, not the renamed one');
      assert.ok(!data.some((r) => r[3] === '被取消的会议'));
      const summary = (await sheetRows(res, 1)).values;
      const theme = byType.find((t) => t.type === 'theme_day')!;
      assert.deepEqual(summary.find((r) => r[0] === '主题党日')!.slice(1, 5), [theme.held, theme.approved, theme.confirmed, theme.late].map(String));
      assert.deepEqual(summary.find((r) => r[0] === '读书分享会')!.slice(1, 2), ['1']);
      assert.equal(summary.at(-1)![1], String(data.length));
      await s.flushAudit();
      assert.ok(await one(s.platform.database.db, sql`SELECT 1 FROM audit_event WHERE action = 'life.ledger.export' AND target_id = ${branch.id} AND details->>'format' = 'xlsx'`));
    });

    test('ledger PDF: A4 record book with a summary page; names, 补录, corrections and confirmations render in Chinese; audited', async () => {
      const res = ok(await call('branch1', 'GET', `/api/orgs/${branch.id}/life-ledger.pdf?year=2026`));
      assert.match(String(res.headers['content-type']), /^application\/pdf/);
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="life-ledger-2026\.pdf"; filename\*=UTF-8''/);
      assert.ok(decodeURIComponent(String(res.headers['content-disposition']).split("''")[1]!).endsWith(`${branch.name}-2026年三会一课记录.pdf`));
      const pdf = readPdf(res.rawPayload);
      assert.ok(Math.abs(pdf.width - 595.28) < 0.5 && Math.abs(pdf.height - 841.89) < 0.5, `A4 portrait: ${pdf.width} x ${pdf.height}`);
      const meetings = Number(res.headers['x-row-count']);
      // The summary, one page per meeting and at least one more for the long 主要内容 that flows on.
      assert.ok(pdf.pages >= meetings + 2, `pages ${pdf.pages} for ${meetings} meetings`);
      for (const t of [
        branch.name,
        '全年会议次数统计',
        '十月主题党日：学习支部工作条例',
        '十一月主题党日：学习四中全会精神',
        '补录原因：系统上线前召开，会后补录',
        '会议地点登记有误',
        '会议地点应为社区党群服务中心二楼会议室',
        '补充表决情况的记录',
        '主持人与记录人为同一人兼任',
        '病假住院',
        '长期病休',
        '出差在外',
        '第四季度工作安排：同意',
        '审核意见：记录完整，同意',
        '整理学习笔记并上报（负责人：王组织；期限：2026-10-31）',
        '主要内容（续）',
        '第60段',
        '读书分享会',
      ]) {
        assert.ok(pdf.flat.includes(t.replace(/\s+/g, '')), `PDF shows ${t}`);
      }
      assert.ok(!pdf.flat.includes('被取消的会议'));
      const noto = pdf.fonts.split('\n').filter((l) => l.includes('NotoSansSC'));
      assert.ok(noto.length >= 1, pdf.fonts);
      for (const l of noto) assert.match(l, /\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/, `embedded: ${l}`);
      assert.deepEqual([...pdf.png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      await s.flushAudit();
      const audit = await one<{ details: { format: string; year: number; rowCount: number } }>(
        s.platform.database.db,
        sql`SELECT details FROM audit_event WHERE action = 'life.ledger.export' AND target_id = ${branch.id} AND details->>'format' = 'pdf'`,
      );
      assert.deepEqual(audit!.details, { year: 2026, format: 'pdf', rowCount: meetings });
    });

    test('ledger PDF of a year without meetings still renders its summary page; the upper level may export it', async () => {
      const res = ok(await call('community1', 'GET', `/api/orgs/${branch.id}/life-ledger.pdf?year=2001`));
      const pdf = readPdf(res.rawPayload);
      assert.equal(pdf.pages, 1);
      assert.ok(pdf.flat.includes('本年度没有会议记录'));
      assert.equal(res.headers['x-row-count'], '0');
    });

    test('ledger PDF: out of scope 404, bad year 400 naming the field, an org above the branches 422, no login 401', async () => {
      assertError(await call('branch2', 'GET', `/api/orgs/${branch.id}/life-ledger.pdf?year=2026`), 404, 'NOT_FOUND');
      assertError(await call('community2', 'GET', `/api/orgs/${branch.id}/life-ledger.pdf?year=2026`), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'GET', `/api/orgs/00000000-0000-4000-8000-000000000000/life-ledger.pdf?year=2026`), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'GET', `/api/orgs/${branch.id}/life-ledger.pdf?year=26`), 400, 'VALIDATION_FAILED', 'year');
      assertError(await call('branch1', 'GET', `/api/orgs/${branch.id}/life-ledger.pdf`), 400, 'VALIDATION_FAILED', 'year');
      assertError(await call('community1', 'GET', `/api/orgs/${community.id}/life-ledger.pdf?year=2026`), 422, 'LIFE_TYPE_NOT_ALLOWED');
      assert.equal((await call(null, 'GET', `/api/orgs/${branch.id}/life-ledger.pdf?year=2026`)).statusCode, 401);
    });

    test('completion sheet xlsx: the subtree’s branches, worst first then by code, held/required per rule coloured by status', async () => {
      const res = ok(await call('community1', 'GET', `/api/orgs/${community.id}/life-completion.xlsx?period=2026-Q4`));
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="life-completion-2026-Q4\.xlsx"; filename\*=UTF-8''/);
      const { ws, values } = await sheetRows(res);
      const header = values[2]!;
      assert.deepEqual(header.slice(0, 2), ['统一编码', '党支部']);
      assert.deepEqual(header.slice(-2), ['补录', '最差状态']);
      const col = (label: string) => header.indexOf(label);
      const data = values.slice(3);
      const expected = await rows<{ code: string }>(
        s.platform.database.db,
        sql`SELECT o.code FROM org o JOIN org r ON r.id = ${community.id}
            WHERE o.path LIKE r.path || '%' AND o.kind IN ('branch', 'joint_branch', 'temporary_branch', 'general_branch') AND o.dissolved_on IS NULL`,
      );
      assert.equal(data.length, expected.length);
      assert.equal(Number(res.headers['x-row-count']), data.length);
      assert.deepEqual(new Set(data.map((r) => r[0])), new Set(expected.map((r) => r.code)));
      assert.ok(!data.some((r) => r[0] === otherBranch.code), 'another community’s branch is not listed');
      // Worst first, then by code.
      for (let i = 1; i < data.length; i++) {
        const [p, q] = [data[i - 1]!, data[i]!];
        const byStatus = order.indexOf(labelStatus[p.at(-1)!]!) - order.indexOf(labelStatus[q.at(-1)!]!);
        assert.ok(byStatus < 0 || (byStatus === 0 && p[0]!.localeCompare(q[0]!) < 0), `row ${i}: ${p.at(-1)} ${p[0]} before ${q.at(-1)} ${q[0]}`);
      }
      // Every row's worst status is coloured: green, amber, red, grey.
      data.forEach((r, i) => assert.equal(fillOf(ws.getRow(4 + i).getCell(header.length)), statusFill[labelStatus[r.at(-1)!]!], `row ${i} ${r.at(-1)}`));
      // branch1's row agrees with its own compliance items: held and required summed over each rule's periods, the worst status.
      const items = await itemsOf(branch.id, '2026-Q4');
      const i = data.findIndex((r) => r[0] === branch.code);
      const mine = data[i]!;
      assert.equal(mine[1], branch.name);
      for (const [rule, label] of Object.entries(ruleLabels)) {
        const cell = expectedCell(items, rule);
        assert.equal(mine[col(label)], cell.text, label);
        assert.equal(fillOf(ws.getRow(4 + i).getCell(col(label) + 1)), statusFill[cell.status], `${label} coloured ${cell.status}`);
      }
      assert.equal(mine.at(-2), String(items.reduce((a, x) => a + x.lateEntries, 0)), 'late entries among the meetings counted');
      assert.equal(labelStatus[mine.at(-1)!], worst(items.map((x) => x.status)));
      // This file's October theme day (a late entry) counts beside the seed's.
      const october = items.find((x) => x.rule === 'theme_day' && x.period === '2026-10')!;
      assert.ok(october.held >= 1 && october.lateEntries >= 1, JSON.stringify(october));
      // The items behind the sheet: one row per rule per period.
      const detail = (await sheetRows(res, 1)).values;
      assert.deepEqual(
        detail.filter((r) => r[0] === branch.code && r[2] === '主题党日').map((r) => [r[3], r[4], r[5], r[6], labelStatus[r[7]!]]),
        items.filter((x) => x.rule === 'theme_day').map((x) => [x.period, String(x.held), String(x.required), String(x.lateEntries), x.status]),
      );
      await s.flushAudit();
      assert.ok(await one(s.platform.database.db, sql`SELECT 1 FROM audit_event WHERE action = 'life.completion.export' AND target_id = ${community.id} AND details->>'format' = 'xlsx'`));
    });

    test('completion sheet PDF: A4 landscape, branch names and statuses in Chinese; audited', async () => {
      const res = ok(await call('community1', 'GET', `/api/orgs/${community.id}/life-completion.pdf?period=2026-Q4`));
      assert.match(String(res.headers['content-type']), /^application\/pdf/);
      const pdf = readPdf(res.rawPayload);
      assert.ok(Math.abs(pdf.width - 841.89) < 0.5 && Math.abs(pdf.height - 595.28) < 0.5, `A4 landscape: ${pdf.width} x ${pdf.height}`);
      const theme = expectedCell(await itemsOf(branch.id, '2026-Q4'), 'theme_day');
      // (Labels longer than the column wrap; these fit.)
      const shown = [community.name, '组织生活完成情况表', branch.name, branch.code, '主题党日', '谈心谈话', '组织生活会', '最差状态', theme.text];
      for (const t of shown) assert.ok(pdf.flat.includes(t.replace(/\s+/g, '')), `PDF shows ${t}`);
      assert.ok(!pdf.flat.includes(otherBranch.name.replace(/\s+/g, '')) || otherBranch.name === branch.name);
      await s.flushAudit();
      assert.ok(await one(s.platform.database.db, sql`SELECT 1 FROM audit_event WHERE action = 'life.completion.export' AND target_id = ${community.id} AND details->>'format' = 'pdf'`));
    });

    test('completion sheet: a branch gets its own row only; out of scope 404; bad period 400 naming the field', async () => {
      const own = ok(await call('branch1', 'GET', `/api/orgs/${branch.id}/life-completion.xlsx?period=2026-11`));
      const data = (await sheetRows(own)).values.slice(3);
      assert.deepEqual(data.map((r) => r[0]), [branch.code]);
      assertError(await call('branch2', 'GET', `/api/orgs/${community.id}/life-completion.xlsx?period=2026-Q4`), 404, 'NOT_FOUND');
      assertError(await call('branch2', 'GET', `/api/orgs/${branch.id}/life-completion.pdf?period=2026-Q4`), 404, 'NOT_FOUND');
      assertError(await call('community2', 'GET', `/api/orgs/${community.id}/life-completion.pdf?period=2026-Q4`), 404, 'NOT_FOUND');
      for (const p of ['2026-Q5', 'Q4', '2026-13', '26', '2026-q4']) {
        assertError(await call('community1', 'GET', `/api/orgs/${community.id}/life-completion.xlsx?period=${p}`), 400, 'VALIDATION_FAILED', 'period');
      }
      assertError(await call('community1', 'GET', `/api/orgs/${community.id}/life-completion.pdf`), 400, 'VALIDATION_FAILED', 'period');
      assertError(await call('member1', 'GET', `/api/orgs/${branch.id}/life-completion.pdf?period=2026`), 403, 'FORBIDDEN');
      // The approved record stays locked: exports never change it.
      assert.equal((await call('branch1', 'GET', `/api/meetings/${approvedId}`)).json().status, 'approved');
    });
  });
}
