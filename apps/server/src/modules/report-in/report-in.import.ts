import ExcelJS from 'exceljs';
import { registerBody, type ReportInImportResult } from '@xianfeng/contracts/report-in/report-in.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { openFirstSheet, XlsxError, type XlsxCell, type XlsxRow } from '../../platform/files/xlsx-reader.ts';
import { neutraliseCell } from '../../platform/files/spreadsheet.ts';
import { loadOwnUnit, unitIdsOf } from './report-in.access.ts';
import { notifyCommunity } from './report-in.notify.ts';
import * as repo from './report-in.repository.ts';
import { registerOne } from './report-in.workflow.ts';

/**
 * 在职党员报到批量导入: the unit fills in name, ID number, phone and residence community (its 统一编码 from the
 * 社区目录 sheet, or its name) and uploads the sheet. Each row is registered in its own transaction with the
 * same rules as one registration: good rows are kept, bad ones come back with Excel row, column and reason.
 * One audit event for the import, one notice per community.
 */

const MAX_ROWS = 2000;
const COLUMNS = [
  { label: '姓名*', width: 12, note: '与身份证一致' },
  { label: '身份证号码*', width: 22, note: '18 位（本列为文本格式，请勿改为数字）' },
  { label: '手机号码', width: 15, note: '11 位，选填' },
  { label: '报到社区*', width: 40, note: '居住地所在社区：填写“社区目录”中的编码（推荐）或社区名称' },
] as const;
const GUIDE = [
  '在职党员到居住地社区报到（双报到）：由本单位统一登记，打印报到证交党员本人到社区报到。',
  '“报到社区”填写居住地所在社区党组织的编码（见“社区目录”工作表），也可填写社区名称（如“春晖社区”），名称不唯一时请填写编码。',
  '身份证号码用于与平台上的党员档案对应；平台上已有档案的，姓名须与档案一致。',
  '同一党员同一时间只能在一个社区报到；居住地变更的，请先在系统中结束原报到。',
  '导入后每一行单独校验：正确的行直接登记，错误的行列出行号、列和原因，修改后可只上传错误的行。',
];

/** GET /api/report-in/template — the sheet, with the community directory to copy codes from. */
export async function importTemplate(ctx: Ctx): Promise<Buffer> {
  if ((await unitIdsOf(ctx)).length === 0) throw new AppError('FORBIDDEN');
  const wb = new ExcelJS.Workbook();
  wb.creator = '先锋 Xianfeng';
  const data = wb.addWorksheet('报到党员', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = COLUMNS.map((c) => ({ header: c.label, width: c.width, style: { numFmt: '@' } }));
  COLUMNS.forEach((c, i) => {
    const cell = data.getRow(1).getCell(i + 1);
    cell.note = c.note;
    cell.font = { bold: true };
  });
  const dir = wb.addWorksheet('社区目录', { views: [{ state: 'frozen', ySplit: 1 }] });
  dir.columns = [
    { header: '编码', width: 22, style: { numFmt: '@' } },
    { header: '社区党组织', width: 40 },
    { header: '所属街道（乡镇）', width: 32 },
  ];
  dir.getRow(1).font = { bold: true };
  for (const c of await repo.searchCommunities(ctx.db, '', null, 20_000)) dir.addRow([c.code, neutraliseCell(c.name), neutraliseCell(c.parentName)]);
  const guide = wb.addWorksheet('填写说明');
  guide.getColumn(1).width = 120;
  GUIDE.forEach((line, i) => (guide.getCell(i + 1, 1).value = line));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const text = (cell: XlsxCell | undefined): string => {
  if (!cell) return '';
  if (cell.kind === 'number') return Number.isInteger(cell.value) ? cell.value.toFixed(0) : String(cell.value);
  if (cell.kind === 'bool') return cell.value ? '是' : '否';
  return cell.text.replace(/[\u200b-\u200d\ufeff]/g, '').trim();
};

/** A community by code, exact name, or a name fragment that only one community contains. */
export function matchCommunity(all: readonly repo.CommunityRow[], v: string): { id: string } | { problem: string } {
  const hit = all.find((c) => c.code === v) ?? all.find((c) => c.name === v);
  if (hit) return { id: hit.id };
  const partial = all.filter((c) => c.name.includes(v));
  if (partial.length === 1) return { id: partial[0]!.id };
  if (partial.length > 1) return { problem: `有 ${partial.length} 个社区名称包含“${v}”，请填写“社区目录”中的编码` };
  return { problem: '找不到这个社区，请填写“社区目录”中的编码或社区名称' };
}

const COLUMN_OF: Record<string, string> = { name: 'A', idNumber: 'B', phone: 'C', communityOrgId: 'D' };
const UNREADABLE = '文件不是可读取的 Excel 工作簿（.xlsx）';
const unreadable = () => new AppError('VALIDATION_FAILED', { message: UNREADABLE, details: [{ path: 'file', message: UNREADABLE }] });

/** POST /api/report-in/import?unitId= */
export async function importReportIns(ctx: Ctx, input: { file: string; unitId: string }): Promise<ReportInImportResult> {
  const unit = await loadOwnUnit(ctx, input.unitId);
  // Read before the sheet is opened: once open, its stream must be consumed at once (an inflate error raised
  // while nobody listens would be an uncaught exception, not a refusal).
  const communities = await repo.searchCommunities(ctx.db, '', null, 20_000);
  let sheet;
  try {
    sheet = await openFirstSheet(input.file);
  } catch (err) {
    if (err instanceof XlsxError) throw unreadable();
    throw err;
  }
  const errors: ReportInImportResult['errors'] = [];
  const perCommunity = new Map<string, { name: string; count: number }>();
  let seen = 0;
  let lastRow = 1;
  // Rows already registered are committed: a sheet that overflows or breaks part-way stops there with a row
  // error, and the import is still audited and notified (never a bare 4xx/5xx after partial work).
  try {
    for await (const row of sheet.rows as AsyncGenerator<XlsxRow>) {
      if (row.row === 1 || row.cells.size === 0) continue;
      lastRow = row.row;
      if (++seen > MAX_ROWS) {
        errors.push({ row: row.row, column: 'A', message: `一次最多导入 ${MAX_ROWS} 行，本行起未导入，请分批导入` });
        break;
      }
      let bad = false;
      const fail = (column: string, message: string) => {
        bad = true;
        errors.push({ row: row.row, column, message });
      };
      const [name = '', idNumber = '', phone = '', place = ''] = [0, 1, 2, 3].map((i) => text(row.cells.get(i)));
      const n = registerBody.shape.name.safeParse(name);
      if (!n.success) fail('A', n.error.issues[0]!.message);
      const p = phone ? registerBody.shape.phone.safeParse(phone) : null;
      if (p && !p.success) fail('C', p.error.issues[0]!.message);
      if (!idNumber) fail('B', '身份证号码必填');
      const c = place ? matchCommunity(communities, place) : { problem: '报到社区必填' };
      if ('problem' in c) fail('D', c.problem);
      if (bad) continue;
      try {
        const r = await inTransaction(ctx, (tx) => registerOne(tx, unit, { name: n.data!, idNumber, communityOrgId: (c as { id: string }).id, ...(p?.data ? { phone: p.data } : {}) }, { audit: false }));
        const k = perCommunity.get(r.community.id) ?? { name: r.community.name, count: 0 };
        perCommunity.set(r.community.id, { ...k, count: k.count + 1 });
      } catch (err) {
        if (isUniqueViolation(err)) fail('B', '该党员已有待确认或已报到的社区报到');
        else if (err instanceof AppError) fail(COLUMN_OF[err.details?.[0]?.path ?? ''] ?? 'B', err.message);
        else throw err;
      }
    }
  } catch (err) {
    if (!(err instanceof XlsxError)) throw err;
    if (perCommunity.size === 0 && errors.length === 0) throw unreadable();
    errors.push({ row: lastRow + 1, column: 'A', message: '文件从这一行起无法读取（损坏或过大），之后的行未导入' });
  } finally {
    sheet.close();
  }
  const imported = [...perCommunity.values()].reduce((a, c) => a + c.count, 0);
  await inTransaction(ctx, async (tx) => {
    await writeAudit(tx, { action: 'report_in.import', targetType: 'report_unit', targetId: unit.id, details: { imported, refusedRows: new Set(errors.map((e) => e.row)).size } });
    const batch = tx.clock.now().getTime();
    for (const [communityOrgId, c] of perCommunity) {
      await notifyCommunity(tx, { communityOrgId, communityName: c.name, unitName: unit.name, count: c.count, dedupeKey: `report-in-import:${unit.id}:${communityOrgId}:${batch}` });
    }
  });
  return { imported, errors };
}
