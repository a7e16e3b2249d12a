import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { meetingStatusLabels, meetingTypeLabels, type MeetingStatus, type MeetingType } from '@xianfeng/contracts/life/life.enums';
import type { MinutesView } from '@xianfeng/contracts/life/life.schemas';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { rows } from '../../platform/db/db.ts';
import { neutraliseCell } from '../../platform/files/spreadsheet.ts';
import { findOrgForActor } from '../org/org.service.ts';
import { shanghaiTime } from './life.service.ts';
import { lifeKindOf } from './life.rules.ts';

const safe = neutraliseCell;

export const ledgerHeaders = ['序号', '日期时间', '会议类型', '会议名称', '地点', '主持人', '记录人', '应到', '实到', '请假', '缺席', '议题', '决定事项', '状态', '补录'] as const;

interface LedgerRow {
  id: string;
  type: MeetingType;
  title: string;
  place: string;
  startsAt: Date;
  status: MeetingStatus;
  lateEntry: boolean;
  lateEntryReason: string | null;
  minutes: MinutesView | null;
  expected: number;
  present: number;
  leave: number;
  absent: number;
  host: string | null;
  recorder: string | null;
}

/**
 * 三会一课 台账 of a branch (or group) for a year, generated from the meetings as recorded — never typed.
 * Our documented layout of a 党支部工作手册 record page (regulations §10: until the official form is
 * supplied): one row per meeting with attendance counted from check-ins, the minutes' topics and
 * decisions, the review status, and late entries (补录) marked with their reason. Cancelled meetings are
 * left out. Audited as an export.
 */
export async function lifeLedger(ctx: Ctx, input: { id: string; year: number }): Promise<{ buffer: Buffer; filename: string; rowCount: number }> {
  const actor = requirePermission(ctx, 'life.read');
  const org = await findOrgForActor(ctx, input.id, 'life.read');
  if (!lifeKindOf(org.kind)) throw new AppError('LIFE_TYPE_NOT_ALLOWED', { message: '台账按党支部或党小组生成：请选择一个党支部或党小组' });
  const from = new Date(`${input.year}-01-01T00:00:00+08:00`);
  const to = new Date(`${input.year + 1}-01-01T00:00:00+08:00`);
  const meetings = await rows<LedgerRow>(
    ctx.db,
    sql`SELECT mt.id, mt.type, mt.title, mt.place, mt.starts_at AS "startsAt", mt.status, mt.late_entry AS "lateEntry",
          mt.late_entry_reason AS "lateEntryReason", mt.minutes,
          (SELECT count(*)::int FROM meeting_attendee a WHERE a.meeting_id = mt.id AND a.expected) AS expected,
          (SELECT count(*)::int FROM meeting_attendee a WHERE a.meeting_id = mt.id AND a.attendance IN ('present', 'online')) AS present,
          (SELECT count(*)::int FROM meeting_attendee a WHERE a.meeting_id = mt.id AND a.attendance = 'leave') AS leave,
          (SELECT count(*)::int FROM meeting_attendee a WHERE a.meeting_id = mt.id AND a.expected AND (a.attendance IS NULL OR a.attendance = 'absent')) AS absent,
          (SELECT name FROM member WHERE id = (mt.minutes->>'hostMemberId')::uuid) AS host,
          (SELECT name FROM member WHERE id = (mt.minutes->>'recorderMemberId')::uuid) AS recorder
        FROM meeting mt WHERE mt.org_id = ${org.id} AND mt.starts_at >= ${from} AND mt.starts_at < ${to} AND mt.status <> 'cancelled'
        ORDER BY mt.starts_at, mt.id`,
  );

  const wb = new ExcelJS.Workbook();
  wb.creator = '先锋 Xianfeng';
  const ws = wb.addWorksheet(`${input.year}年三会一课台账`, { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, ledgerHeaders.length);
  ws.getCell(1, 1).value = `${org.name} ${input.year} 年“三会一课”及组织生活台账`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, ledgerHeaders.length);
  ws.getCell(2, 1).value = `由系统根据会议记录自动生成，生成时间 ${shanghaiTime(ctx.clock.now())}；出勤人数来自签到与请假记录。`;
  ws.getRow(3).values = [...ledgerHeaders];
  ws.getRow(3).font = { bold: true };
  ws.columns = [6, 17, 14, 24, 16, 10, 10, 6, 6, 6, 6, 40, 40, 12, 30].map((width) => ({ width }));
  meetings.forEach((m, i) => {
    const row = ws.addRow([
      i + 1,
      shanghaiTime(new Date(m.startsAt)),
      meetingTypeLabels[m.type] ?? m.type,
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
      meetingStatusLabels[m.status] ?? m.status,
      m.lateEntry ? safe(`补录：${m.lateEntryReason ?? ''}`) : '',
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  await writeAudit(ctx, {
    action: 'life.ledger.export',
    targetType: 'org',
    targetId: org.id,
    targetOrgPath: org.path,
    actingForOrgId: coveringGrant(actor, 'life.read', org.path)?.orgId ?? null,
    details: { year: input.year, rowCount: meetings.length },
  });
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${org.name}-${input.year}年三会一课台账.xlsx`, rowCount: meetings.length };
}
