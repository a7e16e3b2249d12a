import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import { renderCertificatesPdf, renderReceiptPdf, type CertificateDoc } from './report-in.pdf.ts';
import { qrEncodes } from './report-in.fixtures.ts';

/** 报到证 and 回执 render as A4 pages with the texts, numbers and stubs of the paper forms. */

const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-ri-pdf-'));
  try {
    fs.writeFileSync(path.join(dir, 'doc.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function sample(over: Partial<CertificateDoc> = {}): Promise<CertificateDoc> {
  const verifyUrl = 'https://x.example/m/report-in/verify/abc.def';
  return {
    certificateNo: 'BD2026000012',
    name: '张三',
    idNumber: '110101********1234',
    phone: '139****1234',
    unitName: '明德区教育局',
    communityName: '中共明德区东城街道春晖社区委员会',
    registeredOn: '2026-03-05',
    qrPng: await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 300 }),
    verifyUrl,
    ...over,
  };
}

test('the 报到证: one A4 page per member with the letter, the signed QR and the unit’s stub', async (t) => {
  const pdf = await renderCertificatesPdf([await sample(), await sample({ certificateNo: 'BD2026000013', name: '李四', phone: null })]);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(pageCount(pdf), 2);
  assert.notEqual(qrEncodes(pdf, 'https://x.example/m/report-in/verify/abc.def'), false);
  if (!hasPdftotext) return t.skip('pdftotext not installed');
  const text = pdfText(pdf);
  for (const s of [
    '在职党员到社区报到证',
    '编号：BD2026000012',
    '中共明德区东城街道春晖社区委员会：',
    '兹有我单位在职党员张三同志（身份证号码110101********1234，联系电话139****1234）居住在你社区',
    '明德区教育局（盖章）',
    '2026年3月5日',
    '扫码核验',
    '（骑缝）BD2026000012',
    '报到证存根（单位留存）',
    '李四同志（身份证号码110101********1234）居住在你社区',
  ]) {
    assert.ok(text.includes(s), `missing ${s}`);
  }
  assert.doesNotMatch(text, /undefined|null|NaN/);
});

test('the 回执: the community’s answer to the unit with its number and stub; long names still fit one page', async (t) => {
  const d = { receiptNo: 'HZ2026000012', certificateNo: 'BD2026000012', name: '张三', unitName: '明德区教育局', communityName: '中共明德区东城街道春晖社区委员会', confirmedOn: '2026-03-12' };
  const pdf = await renderReceiptPdf(d);
  assert.equal(pageCount(pdf), 1);
  const long = '中共某某省某某市某某县某某乡镇某某村某某合作社某某联合党支部委员会'.repeat(3);
  assert.equal(pageCount(await renderReceiptPdf({ ...d, unitName: long, communityName: long, name: '欧阳'.repeat(10) })), 1);
  assert.equal(pageCount(await renderCertificatesPdf([await sample({ unitName: long, communityName: long })])), 1);
  if (!hasPdftotext) return t.skip('pdftotext not installed');
  const text = pdfText(pdf);
  for (const s of ['在职党员到社区报到回执', '编号：HZ2026000012', '明德区教育局：', '你单位在职党员张三同志（报到证编号BD2026000012）已于2026年3月12日到我社区报到', '特此回执', '中共明德区东城街道春晖社区委员会（盖章）', '回执存根（社区留存）', '经办人']) {
    assert.ok(text.includes(s), `missing ${s}`);
  }
});
