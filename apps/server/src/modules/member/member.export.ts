import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { memberListQuery } from '@xianfeng/contracts/member/member.schemas';
import { educationCodes, ethnicityCodes, memberCategoryLabels, memberStateLabels, memberStatusLabels } from '@xianfeng/contracts/member/member.enums';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { fieldError, forbidden } from '../../platform/http/errors.ts';
import { can, coveringGrant, holdsAnywhere, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import { neutraliseCell } from '../../platform/files/spreadsheet.ts';
import * as repo from './member.repository.ts';
import { memberFilterFor, toMemberView } from './member.service.ts';

export type MemberExportQuery = Omit<z.infer<typeof memberListQuery>, 'page' | 'pageSize'>;

/** Rows read per query: the export never holds the whole list in memory (tests lower it to cross page boundaries). */
export const exportTuning = { pageSize: 1000 };

export const exportHeaders = ['姓名', '性别', '民族', '出生日期', '身份证号码', '手机号码', '住址', '学历', '职业', '入党日期', '转正日期', '党员类型', '管理类别', '状态', '所在党组织', '工作单位'] as const;

const genderLabels = { male: '男', female: '女' } as const;

/** A date column (string or Date from the driver) as text YYYY-MM-DD. */
function dateText(v: string | Date | null): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

export interface MemberExport {
  stream: Readable;
  rowCount: number;
  filename: string;
}

/**
 * 党员名单 Excel export of the scoped, filtered list (the same rows as GET /api/members).
 * PII is masked unless `unmask`: that needs member.pii.unmask over the whole exported subtree and a reason.
 * One `member.export` audit event is written before any row leaves the server.
 */
export async function exportMembers(ctx: Ctx, input: { query: MemberExportQuery; unmask: boolean; reason?: string | undefined }): Promise<MemberExport> {
  const filter = await memberFilterFor(ctx, input.query);
  const actor = requireActor(ctx);
  const reason = input.reason?.trim() || undefined;
  if (input.unmask) {
    if (!holdsAnywhere(actor, 'member.pii.unmask')) throw forbidden();
    if (filter.paths.length === 0 || !filter.paths.every((p) => can(actor, 'member.pii.unmask', p))) throw forbidden();
    let min = 0;
    for (const p of filter.paths) min = Math.max(min, await getEffectiveSetting(ctx, p, 'member.unmaskReasonMinLength'));
    if (!reason || [...reason].length < min) throw fieldError('MEMBER_UNMASK_REASON_REQUIRED', 'reason');
  }
  const rowCount = await inTransaction(ctx, async (tx) => {
    const n = await repo.countMembers(tx.db, filter);
    const root = filter.paths.length === 1 ? filter.paths[0]! : null;
    await writeAudit(tx, {
      action: 'member.export',
      targetType: 'member',
      targetOrgPath: root,
      actingForOrgId: root ? (coveringGrant(actor, input.unmask ? 'member.pii.unmask' : 'member.read', root)?.orgId ?? null) : null,
      details: {
        rowCount: n,
        unmasked: input.unmask,
        ...(input.unmask ? { reason } : {}),
        filters: Object.fromEntries(Object.entries(input.query).filter(([k, v]) => v !== undefined && k !== 'q')),
        // A search term may itself be an ID number or phone: record only that one was used.
        ...(input.query.q ? { search: true } : {}),
      },
    });
    return n;
  });

  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('党员名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = exportHeaders.map((h) => ({ header: h, width: h === '身份证号码' ? 22 : h === '所在党组织' || h === '工作单位' || h === '住址' ? 30 : 12 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const unmasked = input.unmask ? (['idNumber', 'phone', 'address'] as const) : [];

  const write = async () => {
    const pageSize = exportTuning.pageSize;
    for (let offset = 0; ; offset += pageSize) {
      const page = await repo.findMembers(ctx.db, filter, pageSize, offset);
      for (const m of page) {
        const v = toMemberView(ctx, m, [...unmasked]);
        const cells = [
          v.name,
          genderLabels[v.gender],
          ethnicityCodes[v.ethnicity] ?? v.ethnicity,
          dateText(v.birthDate),
          v.idNumber,
          v.phone,
          v.address,
          v.education ? (educationCodes[v.education] ?? v.education) : null,
          v.occupation,
          dateText(v.joinedOn),
          dateText(v.fullMemberOn),
          memberStatusLabels[v.status],
          memberCategoryLabels[v.category],
          memberStateLabels[v.state],
          m.orgName,
          v.workUnit,
        ];
        sheet.addRow(cells.map(neutraliseCell)).commit();
      }
      if (page.length < pageSize) break;
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return { stream: out, rowCount, filename: `党员名单-${ctx.clock.today()}.xlsx` };
}
