/**
 * The 报到证 (issued by the work unit, handed to the community) and the 回执 (issued by the community, returned to
 * the unit) as A4 pages in two parts — the paper handed over above a dashed cut line, the 存根 kept below it with
 * the serial number on the line (as the three-part 介绍信). A batch of 报到证 is one page per member.
 */
import { openPdf } from '../../platform/files/pdf.ts';

export interface CertificateDoc {
  certificateNo: string;
  name: string;
  /** Already masked. */
  idNumber: string;
  /** Already masked, or null. */
  phone: string | null;
  unitName: string;
  communityName: string;
  registeredOn: string;
  qrPng: Buffer;
  verifyUrl: string;
}

export interface ReceiptDoc {
  receiptNo: string;
  certificateNo: string;
  name: string;
  unitName: string;
  communityName: string;
  confirmedOn: string;
}

type Doc = PDFKit.PDFDocument;
const INK = '#222222';
const MUTED = '#777777';
const RED = '#C8161D';
const W = 595.28;
const L = 60;
const CW = W - 2 * L;
const CUT = 520;

/** 2026-11-22 → 2026年11月22日 */
export const chineseDate = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

function open(title: string, at: string): { doc: Doc; done: Promise<Buffer> } {
  return openPdf({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: title, CreationDate: new Date(`${at}T00:00:00+08:00`) } });
}

function line(doc: Doc, text: string, x: number, y: number, size: number, o: { width?: number; font?: 'R' | 'B'; color?: string; align?: 'left' | 'right' | 'center' } = {}) {
  doc.font(o.font ?? 'R').fontSize(size).fillColor(o.color ?? INK).text(text, x, y, { width: o.width ?? CW, align: o.align ?? 'left', lineBreak: false, ellipsis: true });
}

/** Wrapped text at a fixed place, never taller than `height` (an over-long name ends in "…" instead of moving the next part). */
function para(doc: Doc, text: string, y: number, o: { size: number; height: number; indent?: number }) {
  doc.font('R').fontSize(o.size).fillColor(INK).text(text, L, y, { width: CW, height: o.height, ellipsis: true, lineGap: 6, indent: o.indent ?? 0 });
  return doc.y;
}

function heading(doc: Doc, title: string, no: string, y: number) {
  line(doc, title, L, y, 20, { font: 'B', align: 'center' });
  line(doc, `编号：${no}`, L, y + 34, 10.5, { align: 'right' });
}

function cutLine(doc: Doc, no: string) {
  doc.save().lineWidth(0.7).dash(5, { space: 3 }).moveTo(20, CUT).lineTo(W - 20, CUT).stroke('#888888').undash().restore();
  const label = `（骑缝）${no}`;
  doc.font('B').fontSize(9);
  const lw = doc.widthOfString(label) + 16;
  doc.rect((W - lw) / 2, CUT - 7, lw, 14).fill('#FFFFFF');
  line(doc, label, (W - lw) / 2, CUT - 6, 9, { width: lw, font: 'B', color: RED, align: 'center' });
}

/** The 存根: label–value rows with rules under them. */
function stub(doc: Doc, title: string, rows: [string, string][]) {
  line(doc, title, L, CUT + 30, 14, { font: 'B', align: 'center' });
  let y = CUT + 72;
  for (const [k, v] of rows) {
    line(doc, k, L, y, 11, { width: 90, color: MUTED });
    line(doc, v, L + 96, y, 11.5, { width: CW - 96 });
    doc.moveTo(L + 92, y + 18).lineTo(L + CW, y + 18).lineWidth(0.4).stroke('#BBBBBB');
    y += 34;
  }
}

function certificatePage(doc: Doc, d: CertificateDoc) {
  doc.addPage();
  heading(doc, '在职党员到社区报到证', d.certificateNo, 56);
  let y = para(doc, `${d.communityName}：`, 124, { size: 13, height: 44 });
  const who = `${d.name} 同志（身份证号码 ${d.idNumber}${d.phone ? `，联系电话 ${d.phone}` : ''}）`;
  y = para(doc, `兹有我单位在职党员 ${who}居住在你社区，现到你社区报到，参加社区党组织的活动和志愿服务，接受社区党组织的教育管理和评议。请予接洽。`, y + 8, { size: 13, height: 150, indent: 26 });
  const qy = Math.max(y + 24, 330);
  doc.image(d.qrPng, L, qy, { width: 84, height: 84 });
  line(doc, '扫码核验', L, qy + 88, 8, { width: 84, color: MUTED, align: 'center' });
  line(doc, d.verifyUrl, L, qy + 102, 7, { width: 330, color: MUTED });
  const rx = L + 200;
  const rw = CW - 200;
  line(doc, `${d.unitName}（盖章）`, rx, qy + 10, 13, { width: rw, align: 'right' });
  line(doc, chineseDate(d.registeredOn), rx, qy + 40, 13, { width: rw, align: 'right' });
  line(doc, '请社区党组织确认后开具回执，交报到单位留存。', L, CUT - 36, 9.5, { color: MUTED });
  cutLine(doc, d.certificateNo);
  stub(doc, '报到证存根（单位留存）', [
    ['姓名', d.name],
    ['身份证号码', d.idNumber],
    ['报到社区', d.communityName],
    ['登记日期', chineseDate(d.registeredOn)],
    ['编号', d.certificateNo],
  ]);
}

/** One 报到证 per page, in the given order. */
export async function renderCertificatesPdf(docs: CertificateDoc[]): Promise<Buffer> {
  const { doc, done } = open(docs.length === 1 ? `在职党员到社区报到证 ${docs[0]!.certificateNo}` : `在职党员到社区报到证（${docs.length} 份）`, docs[0]?.registeredOn ?? '2000-01-01');
  for (const d of docs) certificatePage(doc, d);
  doc.end();
  return done;
}

export async function renderReceiptPdf(d: ReceiptDoc): Promise<Buffer> {
  const { doc, done } = open(`在职党员到社区报到回执 ${d.receiptNo}`, d.confirmedOn);
  doc.addPage();
  heading(doc, '在职党员到社区报到回执', d.receiptNo, 56);
  const y = para(doc, `${d.unitName}：`, 124, { size: 13, height: 44 });
  para(doc, `你单位在职党员 ${d.name} 同志（报到证编号 ${d.certificateNo}）已于 ${chineseDate(d.confirmedOn)} 到我社区报到。我社区将组织其认领岗位、参加志愿服务，并将服务和评议情况反馈你单位。特此回执。`, y + 8, {
    size: 13,
    height: 150,
    indent: 26,
  });
  line(doc, `${d.communityName}（盖章）`, L + 160, 360, 13, { width: CW - 160, align: 'right' });
  line(doc, chineseDate(d.confirmedOn), L + 160, 390, 13, { width: CW - 160, align: 'right' });
  cutLine(doc, d.receiptNo);
  stub(doc, '回执存根（社区留存）', [
    ['姓名', d.name],
    ['工作单位', d.unitName],
    ['报到证编号', d.certificateNo],
    ['确认日期', chineseDate(d.confirmedOn)],
    ['经办人', ''],
  ]);
  doc.end();
  return done;
}
