import QRCode from 'qrcode';
import type { MobileCertificateVerifyView, MobileCertificateView, MyMobileView } from '@xianfeng/contracts/mobile/mobile.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { requireActor, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { findMemberBrief, findMemberCardFacts } from '../member/member.service.ts';
import { maskName } from '../certificate/certificate.service.ts';
import { actingFor, loadOutflow } from './mobile.access.ts';
import { certificateIssuedOn, isOpen } from './mobile.rules.ts';
import { renderMobileCertificatePdf } from './mobile.certificate.pdf.ts';
import * as repo from './mobile.repository.ts';
import { certificateToken, mobileVerifyPath, readCertificateToken } from './mobile.token.ts';
import { toOutflowViews } from './mobile.views.ts';

/**
 * 流动党员活动证: issued by the outflow branch to a registered member. It lets the holder take part and pay dues
 * at the inflow organisation, with no vote or election rights there (中组发〔2008〕3号 第九条). The number comes
 * from `mobile_certificate_seq`; the QR is SM2-signed, and the public check says whether the card still
 * stands (the registration is open and the member active).
 */

export const certificatePdfPath = (outflowId: string) => `/api/mobile/outflows/${outflowId}/certificate.pdf`;

async function certificateView(ctx: Ctx, outflowId: string, certificateNo: string): Promise<MobileCertificateView> {
  return {
    certificateNo,
    issuedOn: certificateIssuedOn(certificateNo) ?? '',
    pdfUrl: certificatePdfPath(outflowId),
    verifyPath: mobileVerifyPath(await certificateToken(ctx, outflowId, certificateNo)),
  };
}

/** POST /api/mobile/outflows/:id/certificate — issues the number once (a repeat returns the same card). */
export async function issueMobileCertificate(ctx: Ctx, input: { id: string }): Promise<MobileCertificateView> {
  requirePermission(ctx, 'member.write');
  const no = await inTransaction(ctx, async (tx) => {
    const r = await loadOutflow(tx, input.id, { write: true, forUpdate: true });
    if (r.certificateNo) return r.certificateNo;
    if (!isOpen(r.status)) throw new AppError('MOBILE_NOT_ACTIONABLE');
    const m = await findMemberBrief(tx, r.memberId);
    if (!m || m.state !== 'active') throw new AppError('MOBILE_MEMBER_NOT_ACTIVE');
    const certificateNo = await repo.assignCertificateNo(tx.db, r.id, tx.clock.today(), tx.clock.now());
    await writeAudit(tx, {
      action: 'mobile.certificate.issue',
      targetType: 'mobile_outflow',
      targetId: r.id,
      targetOrgPath: r.orgPath,
      actingForOrgId: actingFor(tx, 'member.write', r.orgPath),
      details: { certificateNo },
    });
    return certificateNo;
  });
  return certificateView(ctx, input.id, no);
}

/** GET /api/mobile/outflows/:id/certificate.pdf — A6, for staff over the branch or the member; each print audited. */
export async function mobileCertificatePdf(ctx: Ctx, input: { id: string; origin: string }): Promise<{ pdf: Buffer; certificateNo: string }> {
  const actor = requireActor(ctx);
  const r = await loadOutflow(ctx, input.id);
  if (!r.certificateNo) throw new AppError('MOBILE_NO_CERTIFICATE');
  const facts = await findMemberCardFacts(ctx, r.memberId);
  if (!facts) throw notFound();
  const no = r.certificateNo;
  const verifyUrl = `${input.origin}${mobileVerifyPath(await certificateToken(ctx, r.id, no))}`;
  const self = actor.memberId === r.memberId;
  await inTransaction(ctx, (tx) =>
    writeAudit(tx, {
      action: 'mobile.certificate.print',
      targetType: 'mobile_outflow',
      targetId: r.id,
      targetOrgPath: r.orgPath,
      actingForOrgId: self ? null : actingFor(tx, 'member.read', r.orgPath),
      details: { certificateNo: no, self },
    }),
  );
  const pdf = await renderMobileCertificatePdf({
    certificateNo: no,
    name: facts.name,
    gender: facts.gender === 'female' ? '女' : '男',
    birthMonth: facts.birthDate.slice(0, 7),
    status: facts.status === 'probationary' ? '预备党员' : '正式党员',
    joinedOn: facts.joinedOn,
    idNumber: facts.idNumber,
    outflowOrgName: r.orgName,
    destination: r.destination,
    inflowOrgName: r.inflowOrgName,
    leftOn: r.leftOn,
    expectedReturnOn: r.expectedReturnOn,
    issuedOn: certificateIssuedOn(no) ?? r.leftOn,
    qrPng: await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 300 }),
  });
  return { pdf, certificateNo: no };
}

const invalid: MobileCertificateVerifyView = { valid: false, state: 'invalid', certificateNo: null, memberName: null, outflowOrgName: null, destination: null, issuedOn: null };

/** GET /api/mobile/certificates/verify?token= — public: genuine, and whether it still stands. Never throws for junk. */
export async function verifyMobileCertificate(ctx: Ctx, input: { token: string | undefined }): Promise<MobileCertificateVerifyView> {
  const p = await readCertificateToken(ctx, input.token);
  if (!p) return invalid;
  const r = await repo.findOutflow(ctx.db, p.outflowId);
  if (!r || r.certificateNo !== p.certificateNo) return invalid;
  const m = await findMemberBrief(ctx, r.memberId);
  const stands = isOpen(r.status) && m?.state === 'active';
  return {
    valid: stands,
    state: stands ? 'valid' : 'void',
    certificateNo: r.certificateNo,
    memberName: maskName(r.memberName),
    outflowOrgName: r.orgName,
    destination: r.destination,
    issuedOn: certificateIssuedOn(r.certificateNo),
  };
}

/** GET /api/mobile/my — the member's own open registration and card (H5 我的流动党员活动证). */
export async function myMobile(ctx: Ctx): Promise<MyMobileView> {
  const actor = requireActor(ctx);
  const r = actor.memberId ? await repo.findOpenOutflowOfMember(ctx.db, actor.memberId) : undefined;
  if (!r) return { outflow: null, certificate: null };
  const [outflow] = await toOutflowViews(ctx, [r]);
  return { outflow: outflow!, certificate: r.certificateNo ? await certificateView(ctx, r.id, r.certificateNo) : null };
}
