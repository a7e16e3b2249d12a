import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../platform/files/spreadsheet.ts';

/**
 * 年度发展党员名册 (the yearly list) as Excel: every case accepted by its branch general meeting (step 15) or
 * approved by the committee (step 17) in the year, anywhere in the subtree. The columns are the project's
 * documented layout (docs/development.md "Documents") until an official form is supplied; no ID number is listed.
 * Every text cell goes through neutraliseCell (formula injection).
 */

export const yearlyListHeaders = [
  '序号',
  '姓名',
  '性别',
  '民族',
  '出生年月',
  '审批时年龄',
  '35岁及以下',
  '学历',
  '工作单位及职业',
  '所在党支部',
  '申请入党日期',
  '确定入党积极分子日期',
  '确定发展对象日期',
  '支部大会接收日期',
  '上级党委审批日期',
  '审批党组织',
  '预备期满日期',
  '入党介绍人',
  '当前状态',
  '越过规定办理（次）',
] as const;

export interface YearlyListRow {
  name: string;
  gender: string;
  ethnicity: string;
  birthMonth: string;
  /** Whole years on the approval date; null when not approved. */
  ageAtApproval: number | null;
  youth: boolean | null;
  education: string;
  unit: string;
  orgName: string;
  appliedOn: string;
  activistOn: string;
  candidateOn: string;
  acceptedOn: string;
  approvedOn: string;
  approvedBy: string;
  probationEndsOn: string;
  sponsors: string;
  status: string;
  overrides: number;
}

export interface YearlyListDoc {
  orgName: string;
  year: number;
  youthAge: number;
  generatedAt: string;
  rows: YearlyListRow[];
}

const safe = neutraliseCell;
const THIN = { style: 'thin' as const, color: { argb: 'FF888888' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEAD_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF3F3F3' } };
const WIDTHS = [6, 10, 6, 8, 10, 8, 8, 10, 24, 26, 12, 12, 12, 12, 12, 24, 12, 18, 14, 10];

function line(ws: ExcelJS.Worksheet, text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) {
  const row = ws.addRow([safe(text)]);
  ws.mergeCells(row.number, 1, row.number, yearlyListHeaders.length);
  row.getCell(1).font = { bold: !!opts.bold, size: opts.size ?? 10 };
  row.getCell(1).alignment = { horizontal: opts.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
  if (!opts.center && text.length > 120) row.height = 15 * Math.ceil(text.length / 120);
}

function cells(ws: ExcelJS.Worksheet, values: (string | number)[], opts: { head?: boolean; bold?: boolean } = {}) {
  const row = ws.addRow(values);
  values.forEach((_, i) => {
    const c = row.getCell(i + 1);
    c.border = BORDER;
    c.alignment = { vertical: 'middle', wrapText: true, ...(opts.head ? { horizontal: 'center' as const } : {}) };
    if (opts.head) c.fill = HEAD_FILL;
    if (opts.head || opts.bold) c.font = { bold: true };
  });
}

/** The header row is the 3rd row; data rows follow it one per case, then a totals row and the notes. */
export async function yearlyListXlsx(doc: YearlyListDoc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '先锋 Xianfeng';
  const ws = wb.addWorksheet(`${doc.year}年发展党员名册`, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = WIDTHS.map((width) => ({ width }));
  line(ws, `${doc.orgName} ${doc.year} 年发展党员名册`, { bold: true, size: 14, center: true });
  const approved = doc.rows.filter((r) => r.approvedOn);
  const youth = approved.filter((r) => r.youth).length;
  line(ws, `共 ${doc.rows.length} 人；其中 ${doc.year} 年经上级党委审批 ${approved.length} 人，审批时 ${doc.youthAge} 岁及以下 ${youth} 人`, { center: true });
  cells(ws, [...yearlyListHeaders], { head: true });
  doc.rows.forEach((r, i) => {
    cells(ws, [
      i + 1,
      safe(r.name),
      r.gender,
      safe(r.ethnicity),
      r.birthMonth,
      r.ageAtApproval ?? '',
      r.youth === null ? '' : r.youth ? '是' : '否',
      safe(r.education),
      safe(r.unit),
      safe(r.orgName),
      r.appliedOn,
      r.activistOn,
      r.candidateOn,
      r.acceptedOn,
      r.approvedOn,
      safe(r.approvedBy),
      r.probationEndsOn,
      safe(r.sponsors),
      safe(r.status),
      r.overrides,
    ]);
  });
  if (doc.rows.length === 0) line(ws, `${doc.year} 年没有经支部大会接收或经上级党委审批的发展党员。`);
  ws.addRow([]);
  const notes = [
    `列出 ${doc.year} 年内经支部党员大会讨论接收（第十九条至第二十一条）或经上级党委审批（第二十二条、第二十四条）的发展党员，按党支部和日期排列；由系统根据发展党员纪实记录生成（生成时间 ${doc.generatedAt}），不另行手工填写。`,
    `审批时年龄按出生日期至上级党委审批日期的周岁计算（生日当天满周岁）；“${doc.youthAge}岁及以下”按党内统计口径（设置项 development.youthAge）。`,
    '预备期满日期为支部大会通过之日起满一年（第三十一条）；当前状态为生成时的状态。身份证号码等敏感信息不列入名册。',
  ];
  notes.forEach((n, i) => line(ws, `${i === 0 ? '说明：' : ''}${i + 1}. ${n}`));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
