/**
 * The 中国共产党党员组织关系介绍信 as one A4 page: 存根, 介绍信 and 回执 separated by dashed cut lines with the
 * 骑缝 number on each line (the three-part letter of 组通字〔2006〕45号). This is the platform's documented layout
 * until an official form is supplied; positions are fixed so the three parts always stay on one page.
 */
import { openPdf } from '../../platform/files/pdf.ts';
import { capitalNumber, chineseDate } from './transfer.letter.rules.ts';

export interface TransferLetterDoc {
  letterNo: string; // e.g. '2026000012'
  memberName: string;
  gender: '男' | '女';
  age: number;
  ethnicity: string; // e.g. '汉族'
  status: '正式党员' | '预备党员';
  idNumber: string; // already masked, e.g. '1101**********1234'
  fromOrgName: string; // the issuing (sending) grassroots committee
  fromBranchName: string; // the member's branch
  toOrgName: string; // receiving organisation (on or off the platform)
  toOrgAddress: string | null;
  reason: string;
  paidUntil: string | null; // 'YYYY-MM' 党费交至
  issuedOn: string; // 'YYYY-MM-DD'
  validUntil: string; // 'YYYY-MM-DD'
  validityDays: number; // whole days from issuedOn to validUntil
  contact: string | null; // sender's contact line
  qrPng: Buffer; // QR code PNG linking to the verify page
  verifyUrl: string; // printed under the QR code
}

const INK = '#222222';
const MUTED = '#777777';
const RED = '#C8161D';
/** A4 portrait in points. */
const W = 595.28;
const L = 50;
const CW = W - 2 * L;
/** Where the two cut lines run. */
const CUT1 = 236;
const CUT2 = 612;

type Doc = PDFKit.PDFDocument;

/** Wrapped text at a fixed place, never taller than `height` (an over-long field ends in "…" instead of pushing the next part). */
function para(doc: Doc, text: string, x: number, y: number, o: { size: number; width: number; height: number; font?: 'R' | 'B'; color?: string; align?: 'left' | 'right' | 'center'; indent?: number }) {
  doc
    .font(o.font ?? 'R')
    .fontSize(o.size)
    .fillColor(o.color ?? INK)
    .text(text, x, y, { width: o.width, height: o.height, ellipsis: true, align: o.align ?? 'left', lineGap: 4, indent: o.indent ?? 0 });
  return doc.y;
}

/** One line that is never wrapped. */
function line(doc: Doc, text: string, x: number, y: number, size: number, o: { width?: number; font?: 'R' | 'B'; color?: string; align?: 'left' | 'right' | 'center' } = {}) {
  doc
    .font(o.font ?? 'R')
    .fontSize(size)
    .fillColor(o.color ?? INK)
    .text(text, x, y, { width: o.width ?? CW, align: o.align ?? 'left', lineBreak: false, ellipsis: true });
}

/** A dashed cut line across the page with "（骑缝）第 … 号" on it. */
function cutLine(doc: Doc, y: number, letterNo: string) {
  doc.save().lineWidth(0.7).dash(5, { space: 3 }).moveTo(20, y).lineTo(W - 20, y).stroke('#888888').undash().restore();
  const label = `（骑缝）第 ${letterNo} 号`;
  doc.font('B').fontSize(9);
  const lw = doc.widthOfString(label) + 16;
  doc.rect((W - lw) / 2, y - 7, lw, 14).fill('#FFFFFF');
  line(doc, label, (W - lw) / 2, y - 6, 9, { width: lw, font: 'B', color: RED, align: 'center' });
}

/** Title and number at the top of a part. */
function heading(doc: Doc, title: string, letterNo: string, y: number, size: number) {
  line(doc, title, L, y, size, { font: 'B', align: 'center' });
  line(doc, `第 ${letterNo} 号`, L, y + size + 10, 10.5, { align: 'right' });
}

export function renderTransferLetterPdf(d: TransferLetterDoc): Promise<Buffer> {
  const { doc, done } = openPdf({
    size: 'A4',
    margin: 0,
    info: { Title: `中国共产党党员组织关系介绍信 第${d.letterNo}号`, CreationDate: new Date(`${d.issuedOn}T00:00:00+08:00`) },
  });

  const facts = `${d.memberName} 同志（${d.gender}，${d.age}岁，${d.ethnicity}，${d.status}，身份证号码 ${d.idNumber}）`;
  const paid = d.paidUntil ? chineseDate(d.paidUntil) : '—';
  const days = capitalNumber(d.validityDays);
  const issued = chineseDate(d.issuedOn);

  // 1. 存根 (kept by the sending organisation)
  heading(doc, '中国共产党党员组织关系介绍信（存根）', d.letterNo, 34, 15);
  let y = para(doc, `${facts}，由 ${d.fromBranchName} 去 ${d.toOrgName}，党费交到 ${paid}。`, L, 84, { size: 11, width: CW, height: 64, indent: 22 });
  para(doc, `转出原因：${d.reason}`, L, y + 4, { size: 11, width: CW, height: Math.max(16, 200 - y - 6) });
  line(doc, `有效期 ${days} 天`, L, 208, 11, { width: CW / 2 });
  line(doc, issued, L + CW / 2, 208, 11, { width: CW / 2, align: 'right' });
  cutLine(doc, CUT1, d.letterNo);

  // 2. 介绍信 (handed to the member for the receiving organisation)
  heading(doc, '中国共产党党员组织关系介绍信', d.letterNo, 256, 17);
  y = para(doc, `${d.toOrgName}：`, L, 308, { size: 12, width: CW, height: 44 });
  if (d.toOrgAddress) y = para(doc, `（地址：${d.toOrgAddress}）`, L, y, { size: 9.5, width: CW, height: 30, color: MUTED });
  y = para(doc, `兹介绍 ${facts}的党员组织关系转去你处，请接洽。该同志党费已交到 ${paid}。`, L, y + 6, { size: 12, width: CW, height: Math.max(40, 448 - y), indent: 24 });
  line(doc, `（有效期 ${days} 天）`, L, Math.min(y + 4, 456), 12, { align: 'right' });

  const qy = 484;
  const qs = 72;
  doc.image(d.qrPng, L, qy, { width: qs, height: qs });
  line(doc, '扫码核验', L, qy + qs + 3, 8, { width: qs, color: MUTED, align: 'center' });
  line(doc, d.verifyUrl, L, qy + qs + 15, 7, { width: 300, color: MUTED });
  const mx = L + qs + 12;
  const mw = 170;
  line(doc, `有效期至 ${chineseDate(d.validUntil)}`, mx, qy + 6, 9.5, { width: mw });
  para(doc, `联系人及电话：${d.contact ?? ''}`, mx, qy + 26, { size: 9.5, width: mw, height: 44 });
  const rx = mx + mw + 10;
  const rw = L + CW - rx;
  para(doc, `${d.fromOrgName}（盖章）`, rx, qy + 2, { size: 12, width: rw, height: 40, align: 'right' });
  line(doc, issued, rx, qy + 48, 12, { width: rw, align: 'right' });
  cutLine(doc, CUT2, d.letterNo);

  // 3. 回执 (returned by the receiving organisation)
  heading(doc, '中国共产党党员组织关系介绍信回执', d.letterNo, 634, 15);
  y = para(doc, `${d.fromOrgName}：`, L, 684, { size: 12, width: CW, height: 44 });
  para(doc, `${d.memberName} 同志的党员组织关系已转达我处，特此回执。`, L, y + 4, { size: 12, width: CW, height: Math.max(20, 756 - y), indent: 24 });
  line(doc, '接收党组织（盖章）', L, 766, 12, { align: 'right' });
  line(doc, '年      月      日', L, 790, 12, { align: 'right' });
  line(doc, '请于收到后一个月内寄回。', L, 812, 9, { color: MUTED });

  doc.end();
  return done;
}
