/**
 * The 中国共产党流动党员活动证 as one A6 card: the holder, where they went, the rules of the card and a QR code to
 * the public verify page. The platform's documented layout until an official form is supplied (regulations.md
 * §10: forms not found); positions are fixed so everything stays on one page.
 */
import { openPdf } from '../../platform/files/pdf.ts';

export interface MobileCertificateDoc {
  certificateNo: string;
  name: string;
  gender: '男' | '女';
  birthMonth: string; // 'YYYY-MM'
  status: '正式党员' | '预备党员';
  joinedOn: string; // 'YYYY-MM-DD'
  idNumber: string; // already masked
  outflowOrgName: string;
  destination: string;
  inflowOrgName: string | null;
  leftOn: string;
  expectedReturnOn: string | null;
  issuedOn: string;
  qrPng: Buffer;
}

const RED = '#C8161D';
const GOLD = '#F5D36B';
const INK = '#222222';
const MUTED = '#777777';
/** A6 in points. */
const W = 297.64;
const H = 419.53;
const L = 18;
const CW = W - 2 * L;

type Doc = PDFKit.PDFDocument;

const cn = (iso: string) => (iso.length >= 10 ? `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日` : `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月`);

/** A label above its value, never wrapping past `lines` lines. */
function field(doc: Doc, label: string, value: string, x: number, y: number, width: number, lines = 1) {
  doc.font('R').fontSize(7).fillColor(MUTED).text(label, x, y, { width, lineBreak: false });
  const size = 9.5;
  doc
    .font('R')
    .fontSize(size)
    .fillColor(INK)
    .text(value || '—', x, y + 9, { width, height: lines * (size + 3), ellipsis: true, lineGap: 1, ...(lines === 1 ? { lineBreak: false } : {}) });
}

export function renderMobileCertificatePdf(d: MobileCertificateDoc): Promise<Buffer> {
  const { doc, done } = openPdf({ size: 'A6', margin: 0, info: { Title: `中国共产党流动党员活动证 ${d.certificateNo}`, CreationDate: new Date(`${d.issuedOn}T00:00:00+08:00`) } });

  // Header band with the number.
  doc.rect(0, 0, W, 60).fill(RED);
  doc.rect(0, 60, W, 3).fill(GOLD);
  doc.font('B').fontSize(15).fillColor('#FFFFFF').text('中国共产党流动党员活动证', 0, 14, { width: W, align: 'center', lineBreak: false });
  doc.font('R').fontSize(8).fillColor(GOLD).text(`编号 ${d.certificateNo}`, 0, 38, { width: W, align: 'center', lineBreak: false });

  // The holder, two columns.
  const half = (CW - 10) / 2;
  const x2 = L + half + 10;
  let y = 72;
  field(doc, '姓名', d.name, L, y, half);
  field(doc, '性别', d.gender, x2, y, half);
  y += 24;
  field(doc, '出生年月', cn(d.birthMonth), L, y, half);
  field(doc, '党员类型', d.status, x2, y, half);
  y += 24;
  field(doc, '入党时间', cn(d.joinedOn), L, y, half);
  field(doc, '身份证号', d.idNumber, x2, y, half);
  y += 24;
  field(doc, '流出党组织（组织关系所在）', d.outflowOrgName, L, y, CW, 2);
  y += 32;
  field(doc, '外出地点', d.destination, L, y, CW);
  y += 24;
  field(doc, '流入党组织', d.inflowOrgName ?? '（到达后向当地党组织报到）', L, y, CW);
  y += 24;
  field(doc, '外出日期', cn(d.leftOn), L, y, half);
  field(doc, '预计返回', d.expectedReturnOn ? cn(d.expectedReturnOn) : '—', x2, y, half);
  y += 26;

  // What the card allows (中组发〔2008〕3号 第九条) and what it asks (report at least yearly).
  doc.roundedRect(L, y, CW, 56, 3).lineWidth(0.5).stroke('#E0C38A');
  doc
    .font('R')
    .fontSize(6.8)
    .fillColor('#5A4A2A')
    .text(
      '持证须知：持证人可在流入地党组织参加组织生活、交纳党费，在流入地党组织没有表决权、选举权和被选举权；外出期间每年至少向流出党组织汇报一次思想、工作和参加组织生活情况；在相对固定地点满六个月的，应转移组织关系。返回或转移组织关系后本证失效。',
      L + 6,
      y + 5,
      { width: CW - 12, height: 50, lineGap: 1.2, ellipsis: true },
    );

  // Issuer, date and the QR code.
  const qs = 76;
  const qx = W - L - qs;
  const qy = H - 14 - qs - 12;
  doc.image(d.qrPng, qx, qy, { width: qs, height: qs });
  doc.font('R').fontSize(6.5).fillColor(MUTED).text('扫码核验真伪', qx, qy + qs + 2, { width: qs, align: 'center', lineBreak: false });
  const lw = qx - L - 8;
  doc.font('R').fontSize(7).fillColor(MUTED).text('发证党组织（盖章）', L, qy + 2, { width: lw, lineBreak: false });
  doc
    .font('R')
    .fontSize(8.5)
    .fillColor(INK)
    .text(d.outflowOrgName, L, qy + 12, { width: lw, height: 24, ellipsis: true });
  doc.font('R').fontSize(7).fillColor(MUTED).text('发证日期', L, qy + 42, { width: lw, lineBreak: false });
  doc.font('R').fontSize(9).fillColor(INK).text(cn(d.issuedOn), L, qy + 52, { width: lw, lineBreak: false });
  doc.font('R').fontSize(5.5).fillColor('#999999').text('SM2 数字签名 · 先锋智慧党建平台', L, qy + 70, { width: lw, lineBreak: false });

  doc.rect(0, H - 8, W, 8).fill(RED);
  doc.end();
  return done;
}
