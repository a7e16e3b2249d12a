import { openPdf, PdfFlow, LABEL_FILL, MUTED, type Cell } from '../../platform/files/pdf.ts';

/**
 * The generated 发展党员 documents as PDF (docs/development.md "Documents"): the 公示 of a development
 * candidate (第十三条), the record sheets (发展党员工作全程纪实表, one page per stage) and the complete case file
 * (一人一档: cover, contents, record sheets, notice, assessment notes, overrides). Layouts are the project's
 * documented ones until an official form is supplied; the ID number is always masked, and the notice has none.
 */

export interface NoticeDoc {
  title: string;
  /** Body paragraphs, in order (the facts, the period, the place, how to object, the contact). */
  paragraphs: string[];
  orgName: string;
  /** The notice's date in Chinese (e.g. 2026年11月23日). */
  dateText: string;
}

export interface StepLine {
  number: number;
  zh: string;
  seq: number;
  date: string;
  orgName: string;
  responsible: string;
  decision: string;
  /** The step's own fields in words (谈话人、表决票数 …). */
  details: string;
  article: string;
  attachments: number;
  override: string | null;
  actor: string;
}

export interface StageSheet {
  stage: number;
  zh: string;
  /** Every step of the stage in chart order: the ones taken (one line per time taken) and the ones not yet. */
  lines: (StepLine | { number: number; zh: string; article: string; pending: true })[];
}

export interface CaseFileDoc {
  name: string;
  orgName: string;
  /** Label/value pairs for the cover (the ID number masked). */
  facts: [string, string][];
  sheets: StageSheet[];
  notice: NoticeDoc | null;
  notes: { authorName: string; writtenOn: string; text: string }[];
  overrides: { step: string; date: string; reason: string; rules: string; actor: string }[];
  generatedAt: Date;
  generatedText: string;
}

/** The 公示 as one A4 page: title, body, the branch and the date at the foot, as posted on a notice board. */
export function renderNoticePdf(d: NoticeDoc, at: Date): Promise<Buffer> {
  const { doc, done } = openPdf({ size: 'A4', margins: { top: 72, bottom: 60, left: 72, right: 72 }, info: { Title: d.title, CreationDate: at } });
  const width = doc.page.width - 144;
  doc.font('B').fontSize(18).fillColor('#222222').text(d.title, 72, 90, { width, align: 'center' });
  doc.moveDown(1.2);
  for (const p of d.paragraphs) {
    doc.font('R').fontSize(12.5).text(p, { width, indent: 25, lineGap: 7, paragraphGap: 6 });
  }
  doc.moveDown(2);
  doc.font('R').fontSize(12.5).text(d.orgName, { width, align: 'right' });
  doc.moveDown(0.4);
  doc.text(d.dateText, { width, align: 'right' });
  doc.end();
  return done;
}

const COLS = { step: 92, date: 62, org: 84, resp: 62, article: 60 };

function sheetRows(flow: PdfFlow, sheet: StageSheet) {
  const w = flow.width;
  const decisionW = w - COLS.step - COLS.date - COLS.org - COLS.resp - COLS.article;
  const head = (text: string, width: number): Cell => ({ text, width, font: 'B', size: 9, fill: LABEL_FILL, align: 'center' });
  flow.row([head('环节', COLS.step), head('日期', COLS.date), head('办理组织', COLS.org), head('责任人', COLS.resp), head('依据', COLS.article), head('意见、决定和办理情况', decisionW)]);
  for (const l of sheet.lines) {
    const stepText = `${l.number}. ${l.zh}${'pending' in l ? '' : l.seq > 1 ? `（第 ${l.seq} 次）` : ''}`;
    if ('pending' in l) {
      flow.row([
        { text: stepText, width: COLS.step, size: 9 },
        { text: '—', width: COLS.date, size: 9, align: 'center' },
        { text: '', width: COLS.org, size: 9 },
        { text: '', width: COLS.resp, size: 9 },
        { text: `细则${l.article}`, width: COLS.article, size: 8 },
        { text: '尚未办理', width: decisionW, size: 9, color: MUTED },
      ]);
      continue;
    }
    const body = [l.decision, l.details, l.attachments ? `附件 ${l.attachments} 份` : '', l.override ? `【越过规定办理】${l.override}` : '', l.actor ? `登记人：${l.actor}` : '']
      .filter(Boolean)
      .join('\n');
    flow.row(
      [
        { text: stepText, width: COLS.step, size: 9 },
        { text: l.date, width: COLS.date, size: 9, align: 'center' },
        { text: l.orgName, width: COLS.org, size: 9 },
        { text: l.responsible, width: COLS.resp, size: 9 },
        { text: `细则${l.article}`, width: COLS.article, size: 8 },
        // Last, so a long record (a 2,000-character summary) continues on the next page.
        { text: body || '—', width: decisionW, size: 9 },
      ],
      { split: true },
    );
  }
}

/** The record sheets: one page (or more, when long) per stage. */
function recordSheets(flow: PdfFlow, d: Pick<CaseFileDoc, 'name' | 'orgName' | 'sheets'>, first: boolean) {
  d.sheets.forEach((sheet, i) => {
    flow.continuation = null;
    if (!(first && i === 0)) flow.newPage();
    flow.continuation = `发展党员工作全程纪实表 · ${d.name} · 第${'一二三四五'[sheet.stage - 1]}阶段（续）`;
    flow.paragraph('发展党员工作全程纪实表', { font: 'B', size: 15, align: 'center', gap: 2 });
    flow.paragraph(`第${'一二三四五'[sheet.stage - 1]}阶段：${sheet.zh}`, { font: 'B', size: 11.5, align: 'center', gap: 4 });
    flow.paragraph(`姓名：${d.name}\u3000\u3000所在党支部：${d.orgName}`, { size: 10, gap: 4 });
    sheetRows(flow, sheet);
  });
}

function header(d: Pick<CaseFileDoc, 'name' | 'orgName' | 'generatedText'>, title: string, at: Date) {
  return new PdfFlow({ layout: 'portrait', title: `${title}（${d.name}）`, header: [`${d.orgName} · ${d.name}`, title], footer: `由先锋智慧党建平台根据纪实记录生成，生成时间 ${d.generatedText}`, at });
}

/** 发展党员工作全程纪实表: the five stages, one page each. */
export function renderRecordSheetsPdf(d: Pick<CaseFileDoc, 'name' | 'orgName' | 'sheets' | 'generatedAt' | 'generatedText'>): Promise<Buffer> {
  const flow = header(d, '发展党员工作全程纪实表', d.generatedAt);
  recordSheets(flow, d, true);
  return flow.finish();
}

function labelRow(flow: PdfFlow, pairs: [string, string][]) {
  const lw = 120;
  for (const [label, value] of pairs) {
    flow.row([
      { text: label, width: lw, font: 'B', size: 10, fill: LABEL_FILL },
      { text: value || '—', width: flow.width - lw, size: 10 },
    ]);
  }
}

/** A new part of the file starts on a new page, without the previous part's "（续）" line. */
function section(flow: PdfFlow) {
  flow.continuation = null;
  flow.newPage();
}

/** The complete case file (一人一档) as one PDF. */
export function renderCaseFilePdf(d: CaseFileDoc): Promise<Buffer> {
  const flow = header(d, '发展党员档案', d.generatedAt);
  flow.y += 60;
  flow.paragraph('发展党员档案', { font: 'B', size: 24, align: 'center', gap: 10 });
  flow.paragraph(d.name, { font: 'B', size: 16, align: 'center', gap: 4 });
  flow.paragraph(d.orgName, { size: 12, align: 'center', gap: 30 });
  labelRow(flow, d.facts);

  section(flow);
  flow.continuation = '材料目录（续）';
  flow.paragraph('材料目录', { font: 'B', size: 15, align: 'center', gap: 8 });
  const taken = d.sheets.flatMap((s) => s.lines.filter((l): l is StepLine => !('pending' in l)));
  const parts = ['发展党员工作全程纪实表（五个阶段）', ...(d.notice ? [`发展对象公示（${d.notice.dateText}）`] : []), `培养教育考察记录（${d.notes.length} 条）`, `越过规定办理记录（${d.overrides.length} 条）`];
  const items: [string, string][] = [
    ...parts.map((t, i): [string, string] => ['一二三四五'[i]!, t]),
    ...taken.filter((l) => l.attachments > 0).map((l): [string, string] => ['附', `${l.number}. ${l.zh}${l.seq > 1 ? `（第 ${l.seq} 次）` : ''}：附件 ${l.attachments} 份（${l.date}）`]),
  ];
  for (const [n, t] of items) flow.row([{ text: n, width: 40, size: 10, align: 'center' }, { text: t, width: flow.width - 40, size: 10 }]);

  section(flow);
  recordSheets(flow, d, true);

  if (d.notice) {
    section(flow);
    flow.continuation = `${d.notice.title}（续）`;
    flow.paragraph(d.notice.title, { font: 'B', size: 15, align: 'center', gap: 10 });
    for (const p of d.notice.paragraphs) flow.paragraph(`\u3000\u3000${p}`, { size: 11, gap: 4 });
    flow.paragraph(d.notice.orgName, { size: 11, align: 'left', gap: 0 });
    flow.paragraph(d.notice.dateText, { size: 11, gap: 0 });
  }

  section(flow);
  flow.continuation = '培养教育考察记录（续）';
  flow.paragraph('培养教育考察记录', { font: 'B', size: 15, align: 'center', gap: 8 });
  if (d.notes.length === 0) flow.paragraph('培养联系人尚未填写考察记录。', { size: 10, color: MUTED });
  for (const n of d.notes) {
    flow.row([
      { text: `${n.writtenOn}\n${n.authorName}`, width: 96, size: 9.5, fill: LABEL_FILL },
      { text: n.text, width: flow.width - 96, size: 9.5 },
    ], { split: true });
  }

  flow.paragraph('', { gap: 8 });
  flow.continuation = '越过规定办理记录（续）';
  flow.paragraph('越过规定办理记录', { font: 'B', size: 13, gap: 6 });
  if (d.overrides.length === 0) flow.paragraph('没有越过时限或前置条件办理的环节。', { size: 10, color: MUTED });
  for (const o of d.overrides) {
    flow.row([
      { text: `${o.step}\n${o.date}`, width: 120, size: 9.5, fill: LABEL_FILL },
      { text: `越过的规定：${o.rules}\n理由：${o.reason}\n办理人：${o.actor}`, width: flow.width - 120, size: 9.5 },
    ], { split: true });
  }
  return flow.finish();
}
