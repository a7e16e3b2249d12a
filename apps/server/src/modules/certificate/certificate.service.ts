import QRCode from 'qrcode';
import type { CertificateVerifyView, CertificateView } from '@xianfeng/contracts/certificate/certificate.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { can, coveringGrant, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { getSm2Signer } from '../../platform/crypto/sm2.ts';
import { findMemberCardFacts } from '../member/member.service.ts';
import { certificateExpiry, encodeCertificatePayload, joinToken, maskName, parseCertificatePayload, splitToken } from './certificate.rules.ts';
import { renderCertificatePdf } from './certificate.pdf.ts';

/** Name masking for other modules' public verify pages. */
export { maskName } from './certificate.rules.ts';

export const verifyPath = (token: string) => `/verify/${token}`;
export const pdfPath = (memberId: string) => `/api/members/${memberId}/certificate.pdf`;

/** The member themself, or staff holding member.read over the member's org; 404 for anyone else. */
async function findCertifiableMember(ctx: Ctx, memberId: string) {
  const actor = requireActor(ctx);
  const m = await findMemberCardFacts(ctx, memberId);
  if (!m || !(actor.memberId === m.id || can(actor, 'member.read', m.orgPath))) throw notFound();
  if (m.state !== 'active') throw new AppError('CERTIFICATE_MEMBER_NOT_ACTIVE');
  return m;
}

/**
 * Issues a 党员电子活动证 for an active member: an SM2-signed token valid for one year, its verify URL and the
 * PDF URL. `origin` (e.g. https://dj.example.cn) makes the QR code absolute so a phone camera can open it.
 */
export async function issueCertificate(ctx: Ctx, input: { memberId: string; origin: string; format: 'json' | 'pdf' }) {
  const signer = await getSm2Signer(ctx);
  return inTransaction(ctx, async (tx) => {
    const m = await findCertifiableMember(tx, input.memberId);
    const issuedAt = tx.clock.now();
    const expiresAt = certificateExpiry(issuedAt);
    const payloadPart = encodeCertificatePayload({ v: 1, m: m.id, iat: issuedAt.toISOString(), exp: expiresAt.toISOString() });
    const token = joinToken(payloadPart, signer.sign(payloadPart));
    const verifyUrl = verifyPath(token);
    const qrText = `${input.origin}${verifyUrl}`;
    const actor = tx.actor!;
    await writeAudit(tx, {
      action: 'certificate.issue',
      targetType: 'member',
      targetId: m.id,
      targetOrgPath: m.orgPath,
      actingForOrgId: actor.memberId === m.id ? null : (coveringGrant(actor, 'member.read', m.orgPath)?.orgId ?? null),
      details: { format: input.format, self: actor.memberId === m.id, expiresAt: expiresAt.toISOString() },
    });
    return { m, token, verifyUrl, qrText, issuedAt, expiresAt };
  });
}

export async function getCertificate(ctx: Ctx, input: { memberId: string; origin: string }): Promise<CertificateView> {
  const c = await issueCertificate(ctx, { ...input, format: 'json' });
  return {
    token: c.token,
    verifyUrl: c.verifyUrl,
    pdfUrl: pdfPath(c.m.id),
    qrDataUrl: await QRCode.toDataURL(c.qrText, { errorCorrectionLevel: 'M', margin: 1, width: 360 }),
    name: c.m.name,
    orgName: c.m.orgName,
    status: c.m.status,
    joinedOn: c.m.joinedOn,
    idNumber: c.m.idNumber,
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
  };
}

export async function getCertificatePdf(ctx: Ctx, input: { memberId: string; origin: string }): Promise<Buffer> {
  const c = await issueCertificate(ctx, { ...input, format: 'pdf' });
  const qrPng = await QRCode.toBuffer(c.qrText, { errorCorrectionLevel: 'M', margin: 1, width: 360 });
  return renderCertificatePdf({
    name: c.m.name,
    orgName: c.m.orgName,
    status: c.m.status,
    joinedOn: c.m.joinedOn,
    idNumber: c.m.idNumber,
    issuedOn: c.issuedAt,
    expiresOn: c.expiresAt,
    qrPng,
  });
}

const invalid = (state: CertificateVerifyView['state'] = 'invalid'): CertificateVerifyView => ({ valid: false, state, name: null, org: null, status: null, issuedAt: null });

/**
 * Public check of a 电子活动证: genuine (SM2 signature by this platform's key), not expired, and the member still
 * active. Never throws for junk: anything forged, malformed or expired is `valid: false` with nulls.
 */
export async function verifyCertificate(ctx: Ctx, input: { token: string | undefined }): Promise<CertificateVerifyView> {
  const parts = input.token ? splitToken(input.token) : undefined;
  if (!parts) return invalid();
  const signer = await getSm2Signer(ctx);
  if (!signer.verify(parts.payloadPart, parts.signatureHex)) return invalid();
  const p = parseCertificatePayload(parts.payloadPart);
  if (!p) return invalid();
  const now = ctx.clock.now().getTime();
  if (Date.parse(p.iat) > now + 5 * 60_000) return invalid();
  if (Date.parse(p.exp) <= now) return invalid('expired');
  const m = await findMemberCardFacts(ctx, p.m);
  if (!m) return invalid();
  if (m.state !== 'active') return invalid(m.state);
  return { valid: true, state: 'active', name: maskName(m.name), org: m.orgName, status: m.status, issuedAt: new Date(p.iat).toISOString() };
}
