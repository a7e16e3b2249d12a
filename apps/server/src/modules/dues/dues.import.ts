import ExcelJS from 'exceljs';
import { duesCategories, duesCategoryLabels, type DuesCategory } from '@xianfeng/contracts/dues/dues.enums';
import type { Ctx } from '../../platform/context.ts';
import { inSubtrees, requirePermission } from '../../platform/access/access.ts';
import { AppError } from '../../platform/http/errors.ts';
import { one, sql } from '../../platform/db/db.ts';
import { openFirstSheet, XlsxError, type XlsxCell, type XlsxRow } from '../../platform/files/xlsx-reader.ts';
import { loadDuesOrg } from './dues.access.ts';
import { declareDuesBase } from './dues.bases.ts';

/**
 * 党费计算基数批量导入: 身份证号码 finds the member (inside the chosen subtree only), then each row goes
 * through declareDuesBase — the same rules, scope and audit as one declaration, in its own transaction:
 * good rows are kept, each bad row is reported with its Excel row, column and a Chinese reason.
 */

const MAX_ROWS = 5000;
const COLUMNS = [
  { key: 'name', label: '姓名', width: 12, note: '核对用：须与身份证号码对应的党员一致' },
  { key: 'idNumber', label: '身份证号码*', width: 22, note: '18 位，用于查找党员（请设为文本格式）' },
  { key: 'category', label: '党费类别*', width: 20, note: `填写：${duesCategories.map((c) => duesCategoryLabels[c]).join('、')}` },
  { key: 'base', label: '计算基数（元）', width: 16, note: '定额类别（农民、学生、下岗失业、抚恤救济、低保）不填；其余必填，最多两位小数' },
  { key: 'month', label: '生效月份*', width: 12, note: '如 2026-01；按 2017 年规定每年 1 月核定' },
] as const;
const GUIDE = [
  '计算基数是工资总额中相对固定的、经常性的工资收入（税后）。',
  '不计入：个人所得税；养老、医疗、失业、工伤、生育保险和住房公积金、职业年金、企业年金的个人缴纳部分；住房、交通、公务用车、通讯、加班、误餐补贴，取暖费、防暑降温费、物业费；只发给部分地区、单位、岗位、人员的津贴补贴。',
  '事业单位计入基础性绩效工资，不计入奖励性绩效工资；企业不计入非普遍发放的不固定奖金。（组电明字〔2017〕5号）',
  '年薪制：当月实际领取的薪酬；个体经营：上季度月平均纯收入（生效月份为季度首月）；离退休：实际领取的离退休费或养老金总额。',
];

export async function baseImportTemplate(ctx: Ctx): Promise<Buffer> {
  requirePermission(ctx, 'dues.collect');
  const wb = new ExcelJS.Workbook();
  wb.creator = '先锋 Xianfeng';
  const sheet = wb.addWorksheet('计算基数', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.label, key: c.key, width: c.width, style: { numFmt: c.key === 'base' ? '0.00' : '@' } }));
  COLUMNS.forEach((c, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.note = c.note;
    cell.font = { bold: true };
  });
  for (let r = 2; r <= 500; r += 1) {
    sheet.getCell(r, 3).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${duesCategories.map((c) => duesCategoryLabels[c]).join(',')}"`] };
  }
  const guide = wb.addWorksheet('填写说明');
  guide.getColumn(1).width = 120;
  GUIDE.forEach((line, i) => (guide.getCell(i + 1, 1).value = line));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const text = (cell: XlsxCell | undefined): string => {
  if (!cell) return '';
  if (cell.kind === 'number') return Number.isInteger(cell.value) ? cell.value.toFixed(0) : String(Number(cell.value.toPrecision(15)));
  if (cell.kind === 'bool') return cell.value ? '是' : '否';
  return cell.text.replace(/[\u200b-\u200d\ufeff]/g, '').trim();
};
const categoryOf = (v: string): DuesCategory | undefined => duesCategories.find((c) => c === v || duesCategoryLabels[c] === v || duesCategoryLabels[c].startsWith(v));
/** Yuan text → fen, exactly (no float multiply). */
function fenOf(v: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(v.replace(/[,，\s]/g, ''));
  return m ? Number(m[1]) * 100 + Number(((m[2] ?? '') + '00').slice(0, 2)) : null;
}
function monthOf(cell: XlsxCell | undefined, date1904: boolean): string | null {
  if (cell?.kind === 'number' && cell.date) {
    const d = new Date(Date.UTC(date1904 ? 1904 : 1899, date1904 ? 0 : 11, date1904 ? 1 : 30) + Math.round(cell.value) * 86_400_000);
    return d.toISOString().slice(0, 7);
  }
  const m = /^(\d{4})[-/.年](\d{1,2})月?/.exec(text(cell));
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${String(m[2]).padStart(2, '0')}` : null;
}

export async function importBases(ctx: Ctx, input: { file: string; orgId: string }): Promise<{ imported: number; errors: { row: number; column: string; message: string }[] }> {
  const org = await loadDuesOrg(ctx, input.orgId, 'dues.collect');
  let sheet;
  try {
    sheet = await openFirstSheet(input.file);
  } catch (err) {
    if (err instanceof XlsxError) throw new AppError('VALIDATION_FAILED', { message: '文件不是可读取的 Excel 工作簿（.xlsx）', details: [{ path: 'file', message: '文件不是可读取的 Excel 工作簿（.xlsx）' }] });
    throw err;
  }
  const errors: { row: number; column: string; message: string }[] = [];
  let imported = 0;
  let seen = 0;
  try {
    for await (const row of sheet.rows as AsyncGenerator<XlsxRow>) {
      if (row.row === 1 || row.cells.size === 0) continue;
      if (++seen > MAX_ROWS) throw new AppError('VALIDATION_FAILED', { message: `一次最多导入 ${MAX_ROWS} 行，请分批导入` });
      const fail = (column: string, message: string) => errors.push({ row: row.row, column, message });
      const idNumber = text(row.cells.get(1)).toUpperCase();
      const category = categoryOf(text(row.cells.get(2)));
      const baseText = text(row.cells.get(3));
      const month = monthOf(row.cells.get(4), sheet.date1904);
      if (!/^\d{17}[\dX]$/.test(idNumber)) fail('B', '身份证号码应为 18 位');
      if (!category) fail('C', '党费类别不在可选范围内');
      const baseFen = baseText ? fenOf(baseText) : null;
      if (baseText && baseFen === null) fail('D', '计算基数应为金额（元，最多两位小数）');
      if (!month) fail('E', '生效月份应为 2026-01 的形式');
      if (errors.some((e) => e.row === row.row)) continue;
      const found = await one<{ id: string; name: string }>(
        ctx.db,
        sql`SELECT m.id, m.name FROM member m JOIN org o ON o.id = m.org_id
            WHERE m.id_number_idx = ${ctx.crypto.blindIndex('idNumber', idNumber)} AND ${inSubtrees(sql`o.path`, [org.path])}`,
      );
      if (!found) {
        fail('B', '所选党组织内没有这个身份证号码的党员');
        continue;
      }
      const name = text(row.cells.get(0));
      if (name && name !== found.name) {
        fail('A', `姓名与身份证号码不符（档案中为${found.name}）`);
        continue;
      }
      try {
        await declareDuesBase(ctx, { memberId: found.id, duesCategory: category as DuesCategory, effectiveMonth: month as string, ...(baseFen === null ? {} : { baseFen }) });
        imported += 1;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const path = err.details?.[0]?.path;
        fail(path === 'baseFen' ? 'D' : path === 'effectiveMonth' ? 'E' : 'C', err.message);
      }
    }
  } finally {
    sheet.close();
  }
  return { imported, errors };
}
