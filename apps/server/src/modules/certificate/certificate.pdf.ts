import { memberStatusLabels, type MemberStatus } from '@xianfeng/contracts/member/member.enums';
import { businessDate } from '../../platform/clock.ts';
import { openPdf } from '../../platform/files/pdf.ts';

export interface CertificateCard {
  name: string;
  orgName: string;
  status: MemberStatus;
  joinedOn: string;
  /** Already masked. */
  idNumber: string;
  issuedOn: Date;
  expiresOn: Date;
  qrPng: Buffer;
}

const RED = '#C8161D';
const GOLD = '#F5D36B';
const INK = '#222222';
const MUTED = '#777777';
/** A6 in points. */
const W = 297.64;
const H = 419.53;

const cn = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** The 党员电子活动证 as an A6 card: red header, photo box, facts, QR code to the public verify page. */
export function renderCertificatePdf(c: CertificateCard): Promise<Buffer> {
  const { doc, done } = openPdf({ size: 'A6', margin: 0, info: { Title: '中国共产党党员电子活动证', CreationDate: c.issuedOn } });

  // Header band
  doc.rect(0, 0, W, 74).fill(RED);
  doc.rect(0, 74, W, 3).fill(GOLD);
  doc.font('B').fontSize(15.5).fillColor('#FFFFFF').text('中国共产党党员电子活动证', 0, 20, { width: W, align: 'center', lineBreak: false });
  doc.font('R').fontSize(8).fillColor(GOLD).text('ELECTRONIC PARTY MEMBER ACTIVITY CERTIFICATE', 0, 46, { width: W, align: 'center', lineBreak: false, characterSpacing: 0.3 });

  // Photo placeholder
  const px = 22;
  const py = 96;
  doc.lineWidth(0.8).dash(3, { space: 2 }).rect(px, py, 72, 96).stroke('#B0B0B0').undash();
  doc.font('R').fontSize(9).fillColor('#A0A0A0').text('照片', px, py + 42, { width: 72, align: 'center', lineBreak: false });

  // Name and status
  const tx = 110;
  const tw = W - tx - 20;
  doc.font('R').fontSize(8.5).fillColor(MUTED).text('姓名', tx, py, { lineBreak: false });
  doc.font('B').fontSize(20).fillColor(INK).text(c.name, tx, py + 12, { width: tw, lineBreak: false, ellipsis: true });
  const label = memberStatusLabels[c.status];
  doc.font('R').fontSize(9);
  const lw = doc.widthOfString(label) + 14;
  doc.roundedRect(tx, py + 46, lw, 17, 3).fill(RED);
  doc.fillColor('#FFFFFF').text(label, tx, py + 49.5, { width: lw, align: 'center', lineBreak: false });
  doc.font('R').fontSize(8.5).fillColor(MUTED).text('入党日期', tx, py + 72, { lineBreak: false });
  doc.font('R').fontSize(10.5).fillColor(INK).text(cn(c.joinedOn), tx, py + 83, { lineBreak: false });

  // Facts
  let y = 208;
  const row = (k: string, v: string, size = 10.5) => {
    doc.font('R').fontSize(8.5).fillColor(MUTED).text(k, 22, y, { lineBreak: false });
    doc.font('R').fontSize(size).fillColor(INK).text(v, 22, y + 11, { width: W - 44, height: 36, ellipsis: true });
    y = doc.y + 7;
  };
  row('所在党组织', c.orgName);
  row('身份证号', c.idNumber);
  doc.moveTo(22, y).lineTo(W - 22, y).lineWidth(0.5).stroke('#E3E3E3');

  // QR code and issue facts
  const qs = 92;
  const qx = W - 22 - qs;
  const qy = H - 30 - qs;
  doc.image(c.qrPng, qx, qy, { width: qs, height: qs });
  doc.font('R').fontSize(7.5).fillColor(MUTED).text('扫码核验真伪', qx, qy + qs + 3, { width: qs, align: 'center', lineBreak: false });
  doc.font('R').fontSize(8.5).fillColor(MUTED).text('签发日期', 22, qy + 6, { lineBreak: false });
  doc.font('R').fontSize(10.5).fillColor(INK).text(cn(businessDate(c.issuedOn)), 22, qy + 17, { lineBreak: false });
  doc.font('R').fontSize(8.5).fillColor(MUTED).text('有效期至', 22, qy + 40, { lineBreak: false });
  doc.font('R').fontSize(10.5).fillColor(INK).text(cn(businessDate(c.expiresOn)), 22, qy + 51, { lineBreak: false });
  doc.font('R').fontSize(7).fillColor('#999999').text('SM2 数字签名 · 出党或停止党籍后自动失效', 22, qy + 76, { width: qx - 30, lineBreak: true });

  // Footer band
  doc.rect(0, H - 8, W, 8).fill(RED);
  doc.end();
  return done;
}
