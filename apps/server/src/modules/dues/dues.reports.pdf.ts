import { LABEL_FILL, MUTED, PdfFlow, RED, type Cell } from '../../platform/files/pdf.ts';
import { rateText, timeText, yuan, type CollectionSheetDoc, type MemberLedgerDoc, type YearlyDoc, type YearRow } from './dues.reports.ts';
import { monthHeaders, reportNotes, returnHeaders, sheetHeaders, totalsText } from './dues.reports.xlsx.ts';

/**
 * The 党费 documents as A4 PDF (docs/dues-ledger.md): the same figures as the Excel files, amounts as
 * yuan text formatted from integer fen. Table heads repeat on every page.
 */

/** 全角空格 (written as an escape: lint refuses irregular whitespace). */
const SP = '\u3000';
const amount = (fen: number | null) => (fen === null ? '' : yuan(fen));

function flow(layout: 'portrait' | 'landscape', title: string, orgName: string, at: Date): PdfFlow {
  return new PdfFlow({ layout, title, header: [`${orgName} · ${title}`, '党费'], footer: `由先锋平台根据党费账单和交纳记录自动生成 · ${timeText(at)}`, at });
}

function titleBlock(f: PdfFlow, title: string, sub: string) {
  f.paragraph(title, { font: 'B', size: 16, color: RED, align: 'center', gap: 2 });
  f.paragraph(sub, { size: 10, color: MUTED, align: 'center', gap: 8 });
}

/** A table: a bold head repeated after every page break, then rows of cells sized by `widths`. */
class Table {
  constructor(
    private readonly f: PdfFlow,
    private readonly heads: readonly string[],
    private readonly widths: number[],
    private readonly size: number,
  ) {
    this.head();
  }
  private head() {
    this.f.row(
      this.heads.map((text, i) => ({ text, width: this.widths[i]!, font: 'B' as const, size: this.size, fill: LABEL_FILL, align: 'center' as const })),
      { padV: 3 },
    );
  }
  /** `center`: the column indexes to centre (numbers). */
  row(texts: string[], opts: { center?: number[]; bold?: boolean; red?: boolean; minHeight?: number; size?: number[] } = {}) {
    if (this.f.room < Math.max(opts.minHeight ?? 0, 34)) {
      this.f.newPage();
      this.head();
    }
    const cells: Cell[] = texts.map((text, i) => ({
      text,
      width: this.widths[i]!,
      size: opts.size?.[i] ?? this.size,
      ...(opts.center?.includes(i) ? { align: 'center' as const } : {}),
      ...(opts.bold ? { font: 'B' as const } : {}),
      ...(opts.red ? { color: RED } : {}),
    }));
    this.f.row(cells, { padV: 3, ...(opts.minHeight ? { minHeight: opts.minHeight } : {}) });
  }
}

function notes(f: PdfFlow, list: string[]) {
  f.y += 8;
  list.forEach((n, i) => f.paragraph(`${i === 0 ? '说明：' : ''}${i + 1}. ${n}`, { size: 8, color: MUTED }));
}

// ---- 1. 党员党费缴纳明细 (portrait) ----

export function memberLedgerPdf(doc: MemberLedgerDoc): Promise<Buffer> {
  const f = flow('portrait', `${doc.year} 年党员党费缴纳明细`, doc.member.orgName, doc.generatedAt);
  titleBlock(f, '党员党费缴纳明细', `${doc.year} 年度`);
  const L = 70;
  const V = (f.width - 2 * L) / 2;
  const label = (text: string): Cell => ({ text, width: L, font: 'B', fill: LABEL_FILL });
  const pair = (a: string, av: string, b: string, bv: string) => f.row([label(a), { text: av, width: V }, label(b), { text: bv, width: V }]);
  pair('姓名', doc.member.name, '所在党组织', doc.member.orgName);
  pair('党费交至', doc.paidUntil ?? '尚无交纳记录', '党费类别', doc.category || '尚未申报');
  pair('交纳比例', doc.rate, '每月应交', doc.monthlyFen === null ? '' : `${yuan(doc.monthlyFen)} 元`);
  pair('预交余额', `${yuan(doc.creditFen)} 元`, '欠交', `${yuan(doc.owedFen)} 元`);
  f.y += 10;
  f.paragraph('逐月明细', { font: 'B', size: 12, gap: 4 });
  const w = f.width;
  const mt = new Table(f, ['月份', '党费类别', '比例', '应交（元）', '已交（元）', '状态', '交纳日期', '收据号'], [44, 104, 34, 48, 48, 52, 62, w - 392], 8.5);
  for (const m of doc.months) {
    const status = [m.status, ...m.notes].join('\n');
    mt.row([m.month, m.category, m.rate, amount(m.amountFen), amount(m.paidFen), status, m.paidOn.join('\n'), m.receipts.join('\n')], {
      center: [0, 2, 3, 4, 5, 6],
      red: m.status === '未交' || m.status === '部分交纳',
    });
  }
  mt.row(['合计', '', '', yuan(doc.totals.amountFen), yuan(doc.totals.paidFen), '', '', ''], { center: [3, 4], bold: true });
  f.y += 10;
  f.ensure(70);
  f.paragraph(`${doc.year} 年交纳记录（含冲正）`, { font: 'B', size: 12, gap: 4 });
  const pt = new Table(f, ['收据号', '类型', '交纳日期', '金额（元）', '交纳方式', '代缴人', '所交月份', '说明'], [86, 30, 58, 50, 46, 50, 92, w - 412], 8.5);
  if (doc.payments.length === 0) f.paragraph('本年度没有交纳记录。', { color: MUTED, size: 9 });
  for (const p of doc.payments) {
    pt.row([p.receiptNo, p.reversal ? '冲正' : '交纳', p.paidOn, yuan(p.amountFen), p.method, p.payerName, p.months, [p.note, p.recordedBy ? `登记：${p.recordedBy}` : ''].filter(Boolean).join('\n')], {
      center: [1, 2, 3, 4],
      red: p.reversal,
    });
  }
  pt.row(['合计（净额）', '', '', yuan(doc.paymentsNetFen), '', '', '', ''], { center: [3], bold: true });
  notes(f, reportNotes.ledger(doc.generatedAt));
  return f.finish();
}

// ---- 2. 党支部党费收缴登记表 (landscape) ----

export function collectionSheetPdf(doc: CollectionSheetDoc): Promise<Buffer> {
  const f = flow('landscape', `${doc.month} 党费收缴登记表`, doc.org.name, doc.generatedAt);
  titleBlock(f, doc.grouped ? '党费收缴登记表' : '党支部党费收缴登记表', `${doc.org.name}${SP}${SP}所属月份 ${doc.month}`);
  const widths = [28, 62, 104, 54, 54, 48, 64, 100, 52, 58];
  widths.push(f.width - widths.reduce((a, b) => a + b, 0));
  const t = new Table(f, sheetHeaders, widths, 9);
  let n = 0;
  for (const g of doc.groups) {
    if (doc.grouped) {
      if (f.room < 60) f.newPage();
      f.row([{ text: g.branchName, width: f.width, font: 'B', fill: LABEL_FILL }], { padV: 3 });
    }
    for (const r of g.rows) {
      n += 1;
      // The empty last cell is the box the member signs in.
      t.row([String(n), r.name, r.category, yuan(r.amountFen), yuan(r.paidFen), r.status, r.paidOn, r.receipts, r.methods, r.payers, ''], { center: [0, 3, 4, 5, 6], minHeight: 30 });
    }
    if (doc.grouped) t.row(['', '小计', totalsText(g.branchName, g.totals), yuan(g.totals.amountFen), yuan(g.totals.paidFen), '', '', '', '', '', ''], { center: [3, 4], bold: true });
  }
  if (n === 0) f.paragraph('该月没有党费账单（请先生成该月账单）。', { color: MUTED });
  const tt = doc.totals;
  t.row(['', '合计', `${tt.members} 人，已交清 ${tt.settled} 人`, yuan(tt.amountFen), yuan(tt.paidFen), '', '', '', '', '', ''], { center: [3, 4], bold: true });
  t.row(['', '收缴率', rateText(tt.rateBp), '', '', '', '', '', '', '', ''], { bold: true });
  notes(f, reportNotes.sheet(doc.generatedAt));
  f.y += 16;
  f.ensure(20);
  f.paragraph(`收缴人（签字）：______________${SP}${SP}党支部书记（签字）：______________${SP}${SP}日期：______________`, { size: 10 });
  return f.finish();
}

// ---- 3. 党费收缴年度报表 (landscape) ----

export function yearlyPdf(doc: YearlyDoc): Promise<Buffer> {
  const f = flow('landscape', `${doc.year} 年党费收缴年度报表`, doc.org.name, doc.generatedAt);
  titleBlock(f, '党费收缴年度报表', `${doc.org.name}${SP}${SP}${doc.year} 年度${SP}${SP}单位：元（各月为当月账单的收缴金额）`);
  const widths = [92, ...monthHeaders.map(() => 43), 52, 52];
  widths.push(f.width - widths.reduce((a, b) => a + b, 0));
  const t = new Table(f, ['党组织', ...monthHeaders, '全年应交', '全年收缴', '收缴率'], widths, 7);
  const sizes = [7.5, ...monthHeaders.map(() => 6.5), 7, 7, 7];
  const center = Array.from({ length: 15 }, (_, i) => i + 1);
  const row = (r: YearRow, bold = false) =>
    t.row([r.note ? `${r.name}\n${r.note}` : r.name, ...r.monthsFen.map(yuan), yuan(r.amountFen), yuan(r.paidFen), rateText(r.rateBp)], { center, bold, size: sizes });
  for (const r of doc.rows) row(r);
  row(doc.total, true);
  f.y += 12;
  f.ensure(80);
  f.paragraph('两新组织党费上缴与返还', { font: 'B', size: 12, gap: 4 });
  if (doc.returns.length === 0) f.paragraph('管辖范围内没有两新组织党组织。', { color: MUTED, size: 9 });
  else {
    const rw = [200, 70, 180, 76, 56, 76];
    rw.push(f.width - rw.reduce((a, b) => a + b, 0));
    const rt = new Table(f, returnHeaders, rw, 9);
    for (const r of doc.returns) rt.row([r.name, r.domain, r.parentName, yuan(r.paidFen), `${r.percent}%`, yuan(r.returnFen), yuan(r.paidFen - r.returnFen)], { center: [1, 3, 4, 5, 6] });
    const s = doc.returnsTotal;
    rt.row(['合计', '', '', yuan(s.paidFen), '', yuan(s.returnFen), yuan(s.paidFen - s.returnFen)], { center: [3, 5, 6], bold: true });
  }
  notes(f, reportNotes.yearly(doc.generatedAt));
  f.y += 12;
  f.ensure(20);
  f.paragraph(`填报单位：${doc.org.name}${SP}${SP}负责人（签字）：____________${SP}${SP}填报人：____________${SP}${SP}报出日期：${timeText(doc.generatedAt).slice(0, 10)}`, { size: 10 });
  return f.finish();
}
