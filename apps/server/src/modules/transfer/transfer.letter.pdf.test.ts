import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import QRCode from 'qrcode';
import { renderTransferLetterPdf, type TransferLetterDoc } from './transfer.letter.pdf.ts';

/** The three-part 介绍信 renders on one A4 page with the numbers and dates written the paper way. */

const hasPdftotext = (() => {
  const r = spawnSync('pdftotext', ['-v']);
  return !r.error && r.status === 0;
})();

async function sample(over: Partial<TransferLetterDoc> = {}): Promise<TransferLetterDoc> {
  return {
    letterNo: '2026000012',
    memberName: '张三',
    gender: '男',
    age: 34,
    ethnicity: '汉族',
    status: '正式党员',
    idNumber: '1101**********1234',
    fromOrgName: '中共某某市某某区机关工作委员会',
    fromBranchName: '中共某某区发展和改革委员会机关第一支部委员会',
    toOrgName: '中共某某省某某市某某街道工作委员会',
    toOrgAddress: '某某省某某市某某路 1 号',
    reason: '工作调动',
    paidUntil: '2026-10',
    issuedOn: '2026-08-03',
    validUntil: '2026-11-03',
    validityDays: 92,
    contact: '李四 010-12345678',
    qrPng: await QRCode.toBuffer('https://x/verify', { margin: 1, width: 200 }),
    verifyUrl: 'https://x/verify',
    ...over,
  };
}

/** Pages in a pdfkit PDF (its page dictionaries are written uncompressed). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

/** The PDF's text without whitespace (pdftotext -layout pads wide glyph runs). */
function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfletter-'));
  try {
    const file = path.join(dir, 'letter.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the 介绍信 is a one-page PDF with 存根, letter and 回执', async (t) => {
  const pdf = await renderTransferLetterPdf(await sample());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.length > 10 * 1024, `only ${pdf.length} bytes`);
  assert.equal(pageCount(pdf), 1);

  if (!hasPdftotext) {
    t.diagnostic('pdftotext not installed: text checks skipped');
    return;
  }
  const text = pdfText(pdf);
  for (const s of [
    '中国共产党党员组织关系介绍信（存根）',
    '存根',
    '回执',
    '中国共产党党员组织关系介绍信回执',
    '2026000012',
    '（骑缝）第2026000012号',
    '有效期玖拾贰天',
    '玖拾贰',
    '二〇二六年十月', // paidUntil 2026-10
    '二〇二六年八月三日', // issuedOn
    '有效期至二〇二六年十一月三日',
    '张三同志（男，34岁，汉族，正式党员，身份证号码1101**********1234）',
    '转出原因：工作调动',
    '中共某某省某某市某某街道工作委员会：',
    '请接洽',
    '中共某某市某某区机关工作委员会（盖章）',
    '联系人及电话：李四010-12345678',
    '扫码核验',
    'https://x/verify',
    '接收党组织（盖章）',
    '请于收到后一个月内寄回。',
  ]) {
    assert.ok(text.includes(s), `missing ${s}`);
  }
  assert.doesNotMatch(text, /undefined|null|NaN|\{|\}/);
});

test('no 党费 date or contact is written as a dash and a blank; over-long names still fit one page', async (t) => {
  const pdf = await renderTransferLetterPdf(await sample({ paidUntil: null, contact: null, toOrgAddress: null, validityDays: 20, status: '预备党员', gender: '女' }));
  assert.equal(pageCount(pdf), 1);
  const long = '中共某某省某某市某某县某某乡镇某某村某某合作社某某联合党支部委员会'.repeat(3);
  const overlong = await renderTransferLetterPdf(await sample({ toOrgName: long, fromOrgName: long, fromBranchName: long, toOrgAddress: long, contact: long, reason: '因工作调动'.repeat(30) }));
  assert.equal(pageCount(overlong), 1);

  if (!hasPdftotext) return t.skip('pdftotext not installed');
  const text = pdfText(pdf);
  for (const s of ['党费交到—。', '党费已交到—。', '有效期贰拾天', '（有效期贰拾天）', '联系人及电话：', '女，34岁，汉族，预备党员']) assert.ok(text.includes(s), `missing ${s}`);
  assert.doesNotMatch(text, /undefined|null|NaN/);
});
