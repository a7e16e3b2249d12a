import ExcelJS from 'exceljs';
import { educationCodes, ethnicityCodes, memberCategoryLabels, memberStatusLabels } from '@xianfeng/contracts/member/member.enums';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { requirePermission } from '../../platform/access/access.ts';
import { columnLetter } from '../../platform/files/xlsx-reader.ts';
import { findOrgForActor, listSubtreeOrgs } from '../org/org.service.ts';
import { importColumns, type ImportField } from './member.import.columns.ts';

/** Rows of the data sheet that get the drop-down lists (more rows can be typed; they are checked on import). */
const VALIDATED_ROWS = 2000;
/** Org list rows in the 可选值 sheet: a district has ~300 orgs, a city ~15,000. */
const MAX_ORGS_LISTED = 20_000;

/**
 * 党员信息导入模板: the data sheet first (the importer reads the first sheet), with notes on each header,
 * drop-downs for closed lists, and text format on the ID, phone and date columns — so Excel never turns
 * an ID number into 1.10101E+17. A 填写说明 sheet explains every column; 可选值 lists the allowed values
 * and, when an org is given, its branches with their 统一编码.
 */
export async function importTemplate(ctx: Ctx, input: { orgId?: string | undefined }): Promise<Buffer> {
  requirePermission(ctx, 'member.write');
  const target = input.orgId ? await findOrgForActor(ctx, input.orgId, 'member.write') : null;
  const branches = target ? (await listSubtreeOrgs(ctx, target.path)).filter((o) => memberHoldingKinds.includes(o.kind)).slice(0, MAX_ORGS_LISTED) : [];

  const wb = new ExcelJS.Workbook();
  wb.creator = '先锋 Xianfeng';
  const data = wb.addWorksheet('党员信息', { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = wb.addWorksheet('填写说明');
  const lists = wb.addWorksheet('可选值');

  data.columns = importColumns.map((c) => ({ header: c.required ? `${c.label}*` : c.label, key: c.field, width: c.width }));
  const header = data.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  importColumns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.note = c.note;
    if (c.required) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E2' } };
  });
  const textFields: ImportField[] = ['idNumber', 'phone', 'birthDate', 'joinedOn', 'fullMemberOn', 'org'];
  const letterOf = (f: ImportField) => columnLetter(importColumns.findIndex((c) => c.field === f));
  for (const f of textFields) data.getColumn(letterOf(f)).numFmt = '@';

  // 可选值: one column per closed list; drop-downs refer to these ranges (a list over 255 characters must).
  const closed: { field: ImportField; title: string; values: string[] }[] = [
    { field: 'gender', title: '性别', values: ['男', '女'] },
    { field: 'status', title: '党员类型', values: Object.values(memberStatusLabels) },
    { field: 'category', title: '管理类别', values: Object.values(memberCategoryLabels) },
    { field: 'ethnicity', title: '民族', values: Object.values(ethnicityCodes) },
    { field: 'education', title: '学历', values: Object.values(educationCodes) },
  ];
  closed.forEach((l, i) => {
    const col = lists.getColumn(i + 1);
    col.width = 14;
    col.values = [l.title, ...l.values];
    const range = `'可选值'!$${columnLetter(i)}$2:$${columnLetter(i)}$${l.values.length + 1}`;
    for (let r = 2; r <= VALIDATED_ROWS + 1; r++) {
      data.getCell(`${letterOf(l.field)}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [range],
        showErrorMessage: true,
        errorTitle: l.title,
        error: `请从下拉列表中选择${l.title}`,
      };
    }
  });
  const orgCol = closed.length + 1;
  lists.getColumn(orgCol).width = 34;
  lists.getColumn(orgCol + 1).width = 20;
  lists.getCell(1, orgCol).value = target ? `党支部（${target.name}）` : '党支部（下载时选择组织后列出）';
  lists.getCell(1, orgCol + 1).value = '组织编码';
  branches.forEach((b, i) => {
    lists.getCell(i + 2, orgCol).value = b.name;
    lists.getCell(i + 2, orgCol + 1).value = b.code;
  });
  lists.getRow(1).font = { bold: true };

  guide.columns = [
    { header: '列名', width: 14 },
    { header: '是否必填', width: 10 },
    { header: '填写说明', width: 80 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of importColumns) guide.addRow([c.label, c.required ? '必填' : '选填', c.note]);
  guide.addRow([]);
  for (const line of [
    '1. 请在“党员信息”表中从第 2 行起逐行填写，每行一名党员；不要修改第 1 行的列名，可以删除不用的选填列。',
    '2. 日期可写成 1985-03-02、1985/3/2、1985.3.2 或 1985年3月2日，也可以使用 Excel 日期格式。',
    '3. 身份证号码列已设为文本格式。若从其他表格粘贴，请选择“只粘贴值”，并确认号码没有变成 1.10101E+17 的样式。',
    '4. 导入时可选择“有错误则全部不导入”或“只导入正确的行”；错误会指出第几行、哪一列以及原因。',
    '5. 同一身份证号码只能登记一次：已登记的党员不会重复导入。',
  ]) {
    guide.addRow([line]);
    guide.mergeCells(`A${guide.rowCount}:C${guide.rowCount}`);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
