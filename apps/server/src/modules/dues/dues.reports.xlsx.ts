import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../platform/files/spreadsheet.ts';
import { rateText, timeText, yuan, type CollectionSheetDoc, type MemberLedgerDoc, type Totals, type YearlyDoc, type YearRow } from './dues.reports.ts';

/**
 * The 党费 documents as Excel (docs/dues-ledger.md). Amounts are number cells in yuan (the integer fen
 * divided once, for display) with two decimals; every text cell goes through neutraliseCell.
 */

const safe = neutraliseCell;
/** 全角空格 (written as an escape: lint refuses irregular whitespace). */
const SP = '\u3000';
const MONEY = '#,##0.00;[Red]-#,##0.00';
const RED = 'FFC8161D';
const THIN = { style: 'thin' as const, color: { argb: 'FF888888' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEAD_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF3F3F3' } };

/** The notes printed under each document (both layouts): where the figures come from. */
export const reportNotes = {
  ledger: (at: Date) => [
    `本明细由系统根据党费账单和交纳记录自动生成（生成时间 ${timeText(at)}），不另行手工填写。`,
    '应交金额按申报的计算基数和规定比例计算（全额累进，四舍五入到分，超过上限的按上限交纳）；计算基数属个人收入信息，本明细不列出。',
    '交纳记录只追加、不修改：更正以冲正记录表示（负数，红色），原记录保留。党费交至为自最早月份起连续交清的最后一个月，含预交可抵扣的月份。',
  ],
  sheet: (at: Date) => [
    `按账单所属月份列出该月应交党费的党员（生成时间 ${timeText(at)}）；交纳日期可能在其他月份（补交、预交抵扣）。`,
    '已交为截至生成时记入该月账单的净额（冲正后）；收缴率 = 已交 ÷ 应交，向下取整到 0.01%。本人签字栏供打印后由党员本人签字确认。',
  ],
  yearly: (at: Date) => [
    `由系统根据党费收缴汇总自动生成（生成时间 ${timeText(at)}）。各月收缴金额按账单所属月份统计（补交、预交计入所交月份），不按交纳日期；冲正后为净额；尚未抵扣到账单的预交不计入。`,
    '收缴率 = 全年收缴 ÷ 全年应交，向下取整到 0.01%。',
    '两新组织（非公有制经济组织、社会组织）党组织应返还党费 = 该组织（含下级）全年收缴 × 返还比例（设置项“两新组织党组织党费返还比例”，取各组织生效值），四舍五入到分；净上缴 = 全年收缴 − 应返还。',
    '大额党费未单独统计：系统不单独登记大额党费，超出应交金额的交纳作为预交，抵扣以后月份的账单后才计入收缴。',
  ],
};

/** A money cell: the yuan as a number, or empty. */
const money = (fen: number | null): number | string => (fen === null ? '' : fen / 100);
type Value = string | number;

function book(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '先锋 Xianfeng';
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string, widths: number[], landscape: boolean): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

/** A title (or note) line across the table's width. */
function line(ws: ExcelJS.Worksheet, text: string, cols: number, opts: { bold?: boolean; size?: number; center?: boolean } = {}) {
  const row = ws.addRow([safe(text)]);
  ws.mergeCells(row.number, 1, row.number, cols);
  row.getCell(1).font = { bold: !!opts.bold, size: opts.size ?? 10 };
  row.getCell(1).alignment = { horizontal: opts.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
  if (!opts.center && text.length > cols * 6) row.height = 15 * Math.ceil(text.length / (cols * 6));
  return row;
}

/** A bordered table row; `moneyCols` (1-based) get the money format. */
function cells(ws: ExcelJS.Worksheet, values: Value[], opts: { moneyCols?: number[]; head?: boolean; bold?: boolean; red?: boolean; height?: number } = {}) {
  const row = ws.addRow(values);
  values.forEach((_, i) => {
    const c = row.getCell(i + 1);
    c.border = BORDER;
    c.alignment = { vertical: 'middle', wrapText: true, ...(opts.head ? { horizontal: 'center' as const } : {}) };
    if (opts.head) c.fill = HEAD_FILL;
    if (opts.moneyCols?.includes(i + 1)) c.numFmt = MONEY;
    if (opts.head || opts.bold || opts.red) c.font = { bold: !!(opts.head || opts.bold), ...(opts.red ? { color: { argb: RED } } : {}) };
  });
  if (opts.height) row.height = opts.height;
  return row;
}

const notes = (ws: ExcelJS.Worksheet, list: string[], cols: number) => {
  ws.addRow([]);
  list.forEach((n, i) => line(ws, `${i === 0 ? '说明：' : ''}${i + 1}. ${n}`, cols));
};
const buffer = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

// ---- 1. 党员党费缴纳明细 ----

const ledgerMonthHeaders = ['月份', '党费类别', '交纳比例', '应交（元）', '已交（元）', '状态', '交纳日期', '收据号', '备注'] as const;
const ledgerPaymentHeaders = ['收据号', '类型', '交纳日期', '金额（元）', '交纳方式', '代缴人', '所交月份', '说明', '登记人'] as const;

export function memberLedgerXlsx(doc: MemberLedgerDoc): Promise<Buffer> {
  const wb = book();
  const cols = ledgerMonthHeaders.length;
  const ws = sheet(wb, `${doc.year}年党费缴纳明细`, [10, 22, 10, 12, 12, 10, 13, 26, 26], false);
  line(ws, `党员党费缴纳明细（${doc.year} 年度）`, cols, { bold: true, size: 14, center: true });
  cells(ws, ['姓名', safe(doc.member.name), '所在党组织', safe(doc.member.orgName), '', '', '党费交至', safe(doc.paidUntil ?? '尚无交纳记录'), '']);
  ws.mergeCells(ws.rowCount, 4, ws.rowCount, 6);
  ws.mergeCells(ws.rowCount, 8, ws.rowCount, 9);
  cells(ws, ['党费类别', safe(doc.category || '尚未申报'), '交纳比例', safe(doc.rate), '每月应交（元）', money(doc.monthlyFen), '预交余额（元）', money(doc.creditFen), `欠交 ${yuan(doc.owedFen)} 元`], { moneyCols: [6, 8] });
  ws.addRow([]);
  cells(ws, [...ledgerMonthHeaders], { head: true });
  for (const m of doc.months) {
    cells(ws, [m.month, safe(m.category), safe(m.rate), money(m.amountFen), money(m.paidFen), safe(m.status), safe(m.paidOn.join('\n')), safe(m.receipts.join('\n')), safe(m.notes.join('；'))], {
      moneyCols: [4, 5],
      red: m.status === '未交' || m.status === '部分交纳',
    });
  }
  cells(ws, ['合计', '', '', money(doc.totals.amountFen), money(doc.totals.paidFen), '', '', '', ''], { moneyCols: [4, 5], bold: true });
  ws.addRow([]);
  line(ws, `${doc.year} 年交纳记录（含冲正）`, cols, { bold: true, size: 12 });
  cells(ws, [...ledgerPaymentHeaders], { head: true });
  if (doc.payments.length === 0) line(ws, '本年度没有交纳记录。', cols);
  for (const p of doc.payments) {
    cells(ws, [safe(p.receiptNo), p.reversal ? '冲正' : '交纳', p.paidOn, money(p.amountFen), safe(p.method), safe(p.payerName), safe(p.months), safe(p.note), safe(p.recordedBy)], {
      moneyCols: [4],
      red: p.reversal,
    });
  }
  cells(ws, ['合计（净额）', '', '', money(doc.paymentsNetFen), '', '', '', '', ''], { moneyCols: [4], bold: true });
  notes(ws, reportNotes.ledger(doc.generatedAt), cols);
  return buffer(wb);
}

// ---- 2. 党支部党费收缴登记表 ----

export const sheetHeaders = ['序号', '姓名', '党费类别', '应交（元）', '已交（元）', '状态', '交纳日期', '收据号', '交纳方式', '代缴人', '本人签字'] as const;

/** "小计：3 人，已交清 2 人，收缴率 70.09%" */
export const totalsText = (label: string, t: Totals) => `${label}：${t.members} 人，已交清 ${t.settled} 人，收缴率 ${rateText(t.rateBp)}`;

export function collectionSheetXlsx(doc: CollectionSheetDoc): Promise<Buffer> {
  const wb = book();
  const cols = sheetHeaders.length;
  const ws = sheet(wb, `${doc.month}党费收缴登记表`, [6, 12, 22, 11, 11, 9, 12, 20, 10, 10, 16], true);
  line(ws, `${doc.org.name} ${doc.grouped ? '党费收缴登记表' : '党支部党费收缴登记表'}`, cols, { bold: true, size: 14, center: true });
  line(ws, `所属月份：${doc.month}${SP}${SP}党组织：${doc.org.name}`, cols, { center: true });
  cells(ws, [...sheetHeaders], { head: true });
  let n = 0;
  for (const g of doc.groups) {
    if (doc.grouped) {
      line(ws, g.branchName, cols, { bold: true });
      ws.getRow(ws.rowCount).getCell(1).fill = HEAD_FILL;
    }
    for (const r of g.rows) {
      n += 1;
      cells(ws, [n, safe(r.name), safe(r.category), money(r.amountFen), money(r.paidFen), safe(r.status), safe(r.paidOn), safe(r.receipts), safe(r.methods), safe(r.payers), ''], {
        moneyCols: [4, 5],
        height: 28,
      });
    }
    if (doc.grouped) cells(ws, ['', '小计', safe(totalsText(g.branchName, g.totals)), money(g.totals.amountFen), money(g.totals.paidFen), '', '', '', '', '', ''], { moneyCols: [4, 5], bold: true });
  }
  if (n === 0) line(ws, '该月没有党费账单（请先生成该月账单）。', cols);
  cells(ws, ['', '合计', safe(`${doc.totals.members} 人，已交清 ${doc.totals.settled} 人`), money(doc.totals.amountFen), money(doc.totals.paidFen), '', '', '', '', '', ''], { moneyCols: [4, 5], bold: true });
  cells(ws, ['', '收缴率', rateText(doc.totals.rateBp), '', '', '', '', '', '', '', ''], { bold: true });
  notes(ws, reportNotes.sheet(doc.generatedAt), cols);
  ws.addRow([]);
  line(ws, `收缴人（签字）：____________${SP}${SP}党支部书记（签字）：____________${SP}${SP}日期：____________`, cols);
  return buffer(wb);
}

// ---- 3. 党费收缴年度报表 ----

export const monthHeaders = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
export const yearlyHeaders = ['党组织', ...monthHeaders, '全年应交（元）', '全年收缴（元）', '收缴率', '备注'];
export const returnHeaders = ['党组织', '类别', '上级党组织', '全年收缴（元）', '返还比例', '应返还（元）', '净上缴（元）'] as const;

export function yearlyXlsx(doc: YearlyDoc): Promise<Buffer> {
  const wb = book();
  const cols = yearlyHeaders.length;
  const ws = sheet(wb, `${doc.year}年党费收缴年度报表`, [28, ...monthHeaders.map(() => 10), 14, 14, 9, 16], true);
  line(ws, `${doc.org.name} ${doc.year} 年党费收缴年度报表`, cols, { bold: true, size: 14, center: true });
  line(ws, '各月为当月账单的收缴金额（元）', cols, { center: true });
  cells(ws, [...yearlyHeaders], { head: true });
  const moneyCols = Array.from({ length: 14 }, (_, i) => i + 2);
  const row = (r: YearRow, bold = false) => cells(ws, [safe(r.name), ...r.monthsFen.map(money), money(r.amountFen), money(r.paidFen), rateText(r.rateBp), safe(r.note)], { moneyCols, bold });
  for (const r of doc.rows) row(r);
  row(doc.total, true);
  ws.addRow([]);
  line(ws, '两新组织党费上缴与返还', cols, { bold: true, size: 12 });
  if (doc.returns.length === 0) line(ws, '管辖范围内没有两新组织党组织。', cols);
  else {
    cells(ws, [...returnHeaders], { head: true });
    for (const r of doc.returns) {
      cells(ws, [safe(r.name), safe(r.domain), safe(r.parentName), money(r.paidFen), `${r.percent}%`, money(r.returnFen), money(r.paidFen - r.returnFen)], { moneyCols: [4, 6, 7] });
    }
    const t = doc.returnsTotal;
    cells(ws, ['合计', '', '', money(t.paidFen), '', money(t.returnFen), money(t.paidFen - t.returnFen)], { moneyCols: [4, 6, 7], bold: true });
  }
  notes(ws, reportNotes.yearly(doc.generatedAt), cols);
  ws.addRow([]);
  line(ws, `填报单位：${doc.org.name}${SP}${SP}负责人（签字）：____________${SP}${SP}填报人：____________${SP}${SP}报出日期：${timeText(doc.generatedAt).slice(0, 10)}`, cols);
  return buffer(wb);
}
