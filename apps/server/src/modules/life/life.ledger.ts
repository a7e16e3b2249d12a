import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { meetingStatusLabels, meetingTypes, type MeetingStatus } from '@xianfeng/contracts/life/life.enums';
import type { MinutesView } from '@xianfeng/contracts/life/life.schemas';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { rows } from '../../platform/db/db.ts';
import { neutraliseCell } from '../../platform/files/spreadsheet.ts';
import { findOrgForActor } from '../org/org.service.ts';
import { shanghaiTime, typeLabelOf } from './life.service.ts';
import { lifeKindOf } from './life.rules.ts';
import { renderLedgerPdf, type LedgerBook, type LedgerMeeting, type LedgerPerson, type LedgerTypeCount } from './life.ledger.pdf.ts';

const safe = neutraliseCell;

export const ledgerHeaders = ['序号', '日期时间', '会议类型', '会议名称', '地点', '主持人', '记录人', '应到', '实到', '请假', '缺席', '议题', '决定事项', '状态', '补录', '更正'] as const;

interface MeetingDbRow {
  id: string;
  type: string;
  typeLabel: string;
  title: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  status: MeetingStatus;
  lateEntry: boolean;
  lateEntryReason: string | null;
  minutes: MinutesView | null;
}

interface AttendeeDbRow {
  meetingId: string;
  memberId: string;
  name: string;
  expected: boolean;
  notExpectedReason: string | null;
  attendance: 'present' | 'online' | 'leave' | 'absent' | null;
  manualReason: string | null;
}

interface CorrectionDbRow {
  meetingId: string;
  reason: string;
  content: string;
  by: string;
  at: Date;
}

/**
 * The year's meetings of a branch (or group) with everything the ledger shows, read in three set-based
 * queries (meetings, attendees, appended corrections) — never one query per meeting. Cancelled meetings
 * are left out. Attendance: 应到 = expected; 实到, 请假 and 缺席 are among the expected, so they add up.
 */
async function loadLedger(ctx: Ctx, input: { id: string; year: number }) {
  const actor = requirePermission(ctx, 'life.read');
  const org = await findOrgForActor(ctx, input.id, 'life.read');
  const kind = lifeKindOf(org.kind);
  if (!kind) throw new AppError('LIFE_TYPE_NOT_ALLOWED', { message: '台账按党支部或党小组生成：请选择一个党支部或党小组' });
  const from = new Date(`${input.year}-01-01T00:00:00+08:00`);
  const to = new Date(`${input.year + 1}-01-01T00:00:00+08:00`);
  const meetingRows = await rows<MeetingDbRow>(
    ctx.db,
    sql`SELECT mt.id, mt.type, mt.type_label AS "typeLabel", mt.title, mt.place, mt.starts_at AS "startsAt", mt.ends_at AS "endsAt", mt.status,
          mt.late_entry AS "lateEntry", mt.late_entry_reason AS "lateEntryReason", mt.minutes
        FROM meeting mt WHERE mt.org_id = ${org.id} AND mt.starts_at >= ${from} AND mt.starts_at < ${to} AND mt.status <> 'cancelled'
        ORDER BY mt.starts_at, mt.id`,
  );
  const ids = meetingRows.map((m) => m.id);
  const [attendees, corrections] = ids.length
    ? await Promise.all([
        rows<AttendeeDbRow>(
          ctx.db,
          sql`SELECT a.meeting_id AS "meetingId", a.member_id AS "memberId", m.name, a.expected, a.not_expected_reason AS "notExpectedReason",
                a.attendance, a.manual_reason AS "manualReason"
              FROM meeting_attendee a JOIN member m ON m.id = a.member_id
              WHERE a.meeting_id = ANY(${sql.param(ids)}::uuid[]) ORDER BY m.name, m.id`,
        ),
        rows<CorrectionDbRow>(
          ctx.db,
          sql`SELECT meeting_id AS "meetingId", reason, content, by_name AS "by", created_at AS "at"
              FROM meeting_correction WHERE meeting_id = ANY(${sql.param(ids)}::uuid[]) ORDER BY created_at, id`,
        ),
      ])
    : [[], []];
  const byMeeting = <T extends { meetingId: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const x of list) map.set(x.meetingId, [...(map.get(x.meetingId) ?? []), x]);
    return map;
  };
  const attendeesOf = byMeeting(attendees);
  const correctionsOf = byMeeting(corrections);

  const meetings: LedgerMeeting[] = meetingRows.map((m) => {
    const list = attendeesOf.get(m.id) ?? [];
    const expected = list.filter((a) => a.expected);
    const person = (a: AttendeeDbRow, reason: string | null): LedgerPerson => ({ name: a.name, reason });
    const nameOf = (memberId: string | undefined) => (memberId ? (list.find((a) => a.memberId === memberId)?.name ?? null) : null);
    const present = expected.filter((a) => a.attendance === 'present' || a.attendance === 'online');
    const onLeave = expected.filter((a) => a.attendance === 'leave');
    const absent = expected.filter((a) => a.attendance === null || a.attendance === 'absent');
    return {
      id: m.id,
      type: m.type,
      typeLabel: typeLabelOf(m.type, m.typeLabel),
      title: m.title,
      place: m.place,
      startsAt: new Date(m.startsAt),
      endsAt: new Date(m.endsAt),
      status: m.status,
      statusLabel: meetingStatusLabels[m.status] ?? m.status,
      lateEntry: m.lateEntry,
      lateEntryReason: m.lateEntryReason,
      minutes: m.minutes,
      expected: expected.length,
      present: present.length,
      leave: onLeave.length,
      absent: absent.length,
      host: nameOf(m.minutes?.hostMemberId),
      recorder: nameOf(m.minutes?.recorderMemberId),
      onLeave: onLeave.map((a) => person(a, a.manualReason)),
      // A reason is on record only when the minutes named the absence (attendance 'absent').
      absentees: absent.map((a) => person(a, a.attendance === 'absent' ? a.manualReason : null)),
      notExpected: list.filter((a) => !a.expected).map((a) => person(a, a.notExpectedReason)),
      appendedCorrections: (correctionsOf.get(m.id) ?? []).map((c) => ({ reason: c.reason, content: c.content, by: c.by, at: new Date(c.at) })),
    };
  });
  return { actor, org, kind, meetings };
}

/** Counts by meeting type for the summary: every built-in type the org holds (zero included), then custom ones. */
function countByType(kind: 'branch' | 'group', meetings: LedgerMeeting[]): LedgerTypeCount[] {
  const builtIn = meetingTypes.filter((t) => (kind === 'group') === (t === 'group_meeting'));
  const order = [...builtIn, ...new Set(meetings.map((m) => m.type).filter((t) => !(builtIn as readonly string[]).includes(t)))];
  return order.map((type) => {
    const of = meetings.filter((m) => m.type === type);
    return {
      // A renamed custom type is shown by the name its latest meeting was planned under.
      label: of.at(-1)?.typeLabel ?? typeLabelOf(type, ''),
      held: of.length,
      approved: of.filter((m) => m.status === 'approved').length,
      confirmed: of.filter((m) => m.status === 'confirmed').length,
      lateEntries: of.filter((m) => m.lateEntry).length,
    };
  });
}

async function auditExport(ctx: Ctx, x: Awaited<ReturnType<typeof loadLedger>>, details: { year: number; format: 'xlsx' | 'pdf' }) {
  await writeAudit(ctx, {
    action: 'life.ledger.export',
    targetType: 'org',
    targetId: x.org.id,
    targetOrgPath: x.org.path,
    actingForOrgId: coveringGrant(x.actor, 'life.read', x.org.path)?.orgId ?? null,
    details: { ...details, rowCount: x.meetings.length },
  });
}

/** Both kinds of corrections in one cell: changes with a stated reason before locking, and those appended after. */
function correctionsText(m: LedgerMeeting): string {
  return [
    ...(m.minutes?.corrections ?? []).map((c) => `修改（${shanghaiTime(new Date(c.at))} ${c.by}）：${c.reason}`),
    ...m.appendedCorrections.map((c) => `更正（${shanghaiTime(c.at)} ${c.by}）：${c.reason}；${c.content}`),
  ].join('\n');
}

/**
 * 三会一课 台账 of a branch (or group) for a year, generated from the meetings as recorded — never typed.
 * Our documented layout (docs/life-ledger.md; regulations §10: until the official form is supplied): one
 * row per meeting with attendance counted from check-ins, the minutes' topics and decisions, the review
 * status, late entries (补录) marked with their reason and corrections listed; a second sheet counts the
 * year's meetings by type. Audited as an export.
 */
export async function lifeLedger(ctx: Ctx, input: { id: string; year: number }): Promise<{ buffer: Buffer; filename: string; rowCount: number }> {
  const x = await loadLedger(ctx, input);
  const { org, meetings } = x;
  const wb = new ExcelJS.Workbook();
  wb.creator = '先锋 Xianfeng';
  const ws = wb.addWorksheet(`${input.year}年三会一课台账`, { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, ledgerHeaders.length);
  ws.getCell(1, 1).value = safe(`${org.name} ${input.year} 年“三会一课”及组织生活台账`);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, ledgerHeaders.length);
  ws.getCell(2, 1).value = `由系统根据会议记录自动生成，生成时间 ${shanghaiTime(ctx.clock.now())}；出勤人数来自签到、请假和会议记录的缺席说明（实到、请假、缺席均在应到人数之内）。`;
  ws.getRow(3).values = [...ledgerHeaders];
  ws.getRow(3).font = { bold: true };
  ws.columns = [6, 17, 14, 24, 16, 10, 10, 6, 6, 6, 6, 40, 40, 12, 30, 40].map((width) => ({ width }));
  meetings.forEach((m, i) => {
    const row = ws.addRow([
      i + 1,
      shanghaiTime(m.startsAt),
      safe(m.typeLabel),
      safe(m.title),
      safe(m.place),
      safe(m.host),
      safe(m.recorder),
      m.expected,
      m.present,
      m.leave,
      m.absent,
      safe(m.minutes?.topics.join('；')),
      safe(m.minutes?.decisions.join('；')),
      m.statusLabel,
      m.lateEntry ? safe(`补录：${m.lateEntryReason ?? ''}`) : '',
      safe(correctionsText(m)),
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    if (m.lateEntry) row.getCell(15).font = { bold: true, color: { argb: 'FFC8161D' } };
  });

  const summary = wb.addWorksheet('按类型统计');
  summary.columns = [24, 10, 10, 14, 10].map((width) => ({ width }));
  summary.addRow(['会议类型', '召开次数', '已审核', '已确认待审核', '其中补录']).font = { bold: true };
  const counts = countByType(x.kind, meetings);
  for (const t of counts) summary.addRow([safe(t.label), t.held, t.approved, t.confirmed, t.lateEntries]);
  summary.addRow(['合计', meetings.length, counts.reduce((a, t) => a + t.approved, 0), counts.reduce((a, t) => a + t.confirmed, 0), counts.reduce((a, t) => a + t.lateEntries, 0)]).font = { bold: true };

  await auditExport(ctx, x, { year: input.year, format: 'xlsx' });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${org.name}-${input.year}年三会一课台账.xlsx`, rowCount: meetings.length };
}

/**
 * The same year as a PDF record book laid out like a 党支部工作手册 (docs/life-ledger.md): a summary page
 * with counts by type and an index, then one record page per meeting — attendance with names and
 * reasons, the minutes, confirmation, review, 补录 and every correction. Audited as an export.
 */
export async function lifeLedgerPdf(ctx: Ctx, input: { id: string; year: number }): Promise<{ buffer: Buffer; filename: string; rowCount: number }> {
  const x = await loadLedger(ctx, input);
  const book: LedgerBook = {
    org: { name: x.org.name, code: x.org.code },
    year: input.year,
    generatedAt: ctx.clock.now(),
    byType: countByType(x.kind, x.meetings),
    meetings: x.meetings,
  };
  const buffer = await renderLedgerPdf(book);
  await auditExport(ctx, x, { year: input.year, format: 'pdf' });
  return { buffer, filename: `${x.org.name}-${input.year}年三会一课记录.pdf`, rowCount: x.meetings.length };
}
