import QRCode from 'qrcode';
import type { ReportInStatus } from '@xianfeng/contracts/report-in/report-in.enums';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { maskName } from '../certificate/certificate.service.ts';
import { loadOwnUnit, loadReportIn } from './report-in.access.ts';
import * as repo from './report-in.repository.ts';
import { receiptNoOf } from './report-in.rules.ts';
import { renderCertificatesPdf, renderReceiptPdf, type CertificateDoc } from './report-in.pdf.ts';
import { certificateToken, certificateVerifyPath, readCertificateToken } from './report-in.token.ts';
import { maskedIdNumber, maskedPhone } from './report-in.views.ts';

/**
 * 报到证 and 回执 as PDF. The 报到证 carries an SM2-signed QR the community scans to check it is genuine and still
 * open; every print is audited (printing discloses the masked ID number and phone on paper).
 */

const BATCH_MAX = 200;

async function certificateDoc(ctx: Ctx, r: repo.ReportInRow, origin: string): Promise<CertificateDoc> {
  const verifyUrl = `${origin}${certificateVerifyPath(await certificateToken(ctx, r.id, r.certificateNo))}`;
  return {
    certificateNo: r.certificateNo,
    name: r.name,
    idNumber: maskedIdNumber(ctx, r),
    phone: maskedPhone(ctx, r),
    unitName: r.unitName,
    communityName: r.communityName,
    registeredOn: r.registeredOn,
    qrPng: await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 300 }),
    verifyUrl,
  };
}

const printed = (ctx: Ctx, v: { action: string; targetId: string; path: string | null; details: Record<string, unknown> }) =>
  inTransaction(ctx, (tx) => writeAudit(tx, { action: v.action, targetType: 'report_in', targetId: v.targetId, targetOrgPath: v.path, details: v.details }));

/** GET /api/report-in/:id/certificate.pdf — the unit, the community and the member. */
export async function certificatePdf(ctx: Ctx, input: { id: string; origin: string }): Promise<{ pdf: Buffer; certificateNo: string }> {
  const { r } = await loadReportIn(ctx, input.id);
  const pdf = await renderCertificatesPdf([await certificateDoc(ctx, r, input.origin)]);
  await printed(ctx, { action: 'report_in.certificate.print', targetId: r.id, path: r.communityPath, details: { certificateNo: r.certificateNo } });
  return { pdf, certificateNo: r.certificateNo };
}

/** GET /api/report-in/certificates.pdf?unitId=&status=|ids= — the unit prints its members' 报到证 in one file. */
export async function certificatesBatchPdf(ctx: Ctx, input: { unitId: string; status?: ReportInStatus | undefined; ids?: string[] | undefined; origin: string }): Promise<Buffer> {
  await loadOwnUnit(ctx, input.unitId);
  const filter: repo.ListFilter = { scope: { unitIds: [input.unitId], paths: [] }, unitId: input.unitId, status: input.status ?? (input.ids ? undefined : 'registered'), ids: input.ids };
  const found = (await repo.findReportIns(ctx.db, filter, BATCH_MAX + 1, 0)).reverse();
  if (found.length === 0) throw new AppError('VALIDATION_FAILED', { message: '没有可打印的报到证', details: [{ path: 'ids', message: '没有可打印的报到证' }] });
  if (found.length > BATCH_MAX) throw new AppError('VALIDATION_FAILED', { message: `一次最多打印 ${BATCH_MAX} 份，请分批打印`, details: [{ path: 'ids', message: `一次最多打印 ${BATCH_MAX} 份` }] });
  const docs: CertificateDoc[] = [];
  for (const r of found) docs.push(await certificateDoc(ctx, r, input.origin));
  const pdf = await renderCertificatesPdf(docs);
  await printed(ctx, { action: 'report_in.certificate.print_batch', targetId: input.unitId, path: null, details: { count: docs.length } });
  return pdf;
}

/** GET /api/report-in/:id/receipt.pdf — once the community has confirmed. */
export async function receiptPdf(ctx: Ctx, input: { id: string }): Promise<{ pdf: Buffer; receiptNo: string }> {
  const { r } = await loadReportIn(ctx, input.id);
  if (!r.confirmedOn) throw new AppError('REPORT_IN_NOT_CONFIRMED');
  const receiptNo = receiptNoOf(r.certificateNo);
  const pdf = await renderReceiptPdf({ receiptNo, certificateNo: r.certificateNo, name: r.name, unitName: r.unitName, communityName: r.communityName, confirmedOn: r.confirmedOn });
  await printed(ctx, { action: 'report_in.receipt.print', targetId: r.id, path: r.communityPath, details: { receiptNo } });
  return { pdf, receiptNo };
}

/** GET /api/report-in/certificates/verify?token= — public: genuine, and whether the registration is open. Never throws for junk. */
export async function verifyCertificate(ctx: Ctx, input: { token: string | undefined }) {
  const invalid = { valid: false, state: 'invalid' as const, certificateNo: null, name: null, unitName: null, communityName: null, registeredOn: null, confirmedOn: null };
  const p = await readCertificateToken(ctx, input.token);
  if (!p || !/^[0-9a-f-]{36}$/.test(p.reportInId)) return invalid;
  const r = await repo.findReportIn(ctx.db, p.reportInId);
  if (!r || r.certificateNo !== p.certificateNo) return invalid;
  const state = r.status === 'registered' ? ('pending' as const) : r.status === 'confirmed' ? ('confirmed' as const) : ('void' as const);
  return {
    valid: state !== 'void',
    state,
    certificateNo: r.certificateNo,
    name: maskName(r.name),
    unitName: r.unitName,
    communityName: r.communityName,
    registeredOn: r.registeredOn,
    confirmedOn: r.confirmedOn,
  };
}
