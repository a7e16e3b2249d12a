import QRCode from 'qrcode';
import { ethnicityCodes } from '@xianfeng/contracts/member/member.enums';
import type { z } from 'zod';
import type { receiptBody, TransferView } from '@xianfeng/contracts/transfer/transfer.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveringGrant, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { businessDate } from '../../platform/clock.ts';
import { wholeYears } from '../../platform/dates.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { findMemberCardFacts, recordTransferredOut } from '../member/member.service.ts';
import { maskName } from '../certificate/certificate.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import { loadTransfer, roundSteps } from './transfer.access.ts';
import { addMonthsToDate } from './transfer.rules.ts';
import { renderTransferLetterPdf } from './transfer.letter.pdf.ts';
import * as repo from './transfer.repository.ts';
import { viewTransfer } from './transfer.views.ts';
import { letterToken, letterVerifyPath, readLetterToken } from './transfer.token.ts';

/**
 * The paper 介绍信 (组通字〔2006〕45号): three parts, issued by the sending committee when its step is approved,
 * valid for `transfer.letterValidityMonths`; its 回执 is due within `transfer.receiptOverdueMonths`. A signed QR
 * lets the receiving side check it is genuine and still usable.
 */

export async function issueLetter(tx: Ctx, input: { transferId: string; issuedByOrgId: string; issuedByPath: string }): Promise<void> {
  const issuedOn = businessDate(tx.clock.now());
  await repo.insertLetter(tx.db, {
    transferId: input.transferId,
    issuedOn,
    validUntil: addMonthsToDate(issuedOn, await getEffectiveSetting(tx, input.issuedByPath, 'transfer.letterValidityMonths')),
    receiptDueOn: addMonthsToDate(issuedOn, await getEffectiveSetting(tx, input.issuedByPath, 'transfer.receiptOverdueMonths')),
    issuedByOrgId: input.issuedByOrgId,
    at: tx.clock.now(),
  });
}

/** POST /api/transfers/:id/receipt — the 回执 came back: an off-platform transfer completes; the member leaves the roll here. */
export async function registerReceipt(ctx: Ctx, input: { id: string } & z.infer<typeof receiptBody>): Promise<TransferView> {
  const actor = requireActor(ctx);
  await inTransaction(ctx, async (tx) => {
    const l = await loadTransfer(tx, input.id, true);
    const sending = roundSteps(l)[0]!;
    const grant = coveringGrant(actor, 'transfer.approve', sending.orgPath);
    if (!grant) throw new AppError('TRANSFER_NOT_YOUR_STEP');
    if (l.t.status !== 'awaiting_receipt') throw new AppError('TRANSFER_NOT_ACTIONABLE');
    if (!l.letter) throw new AppError('TRANSFER_NO_LETTER');
    if (input.receivedOn > businessDate(tx.clock.now()) || input.receivedOn < l.letter.issuedOn) throw fieldError('VALIDATION_FAILED', 'receivedOn', '回执日期应在开具介绍信之后、今天之前');
    // An expired letter cannot be used (the receiving side accepted it after its validity).
    if (input.receivedOn > l.letter.validUntil) throw fieldError('TRANSFER_LETTER_EXPIRED', 'receivedOn');
    const by = ctx.actor ? (ctx.actor.displayName ?? ctx.actor.username) : null;
    await repo.registerReceipt(tx.db, { transferId: l.t.id, receivedOn: input.receivedOn, receivingOrgName: input.receivingOrgName, note: input.note ?? null, name: by });
    await recordTransferredOut(tx, { memberId: l.t.memberId, transferId: l.t.id, on: input.receivedOn, toOrgName: l.t.externalOrg?.name ?? input.receivingOrgName, letterNo: l.letter.letterNo });
    await repo.updateTransfer(tx.db, l.t.id, { status: 'completed', completedAt: tx.clock.now() }, tx.clock.now());
    await writeAudit(tx, {
      action: 'transfer.receipt',
      targetType: 'transfer',
      targetId: l.t.id,
      targetOrgPath: sending.orgPath,
      actingForOrgId: grant.orgId,
      details: { letterNo: l.letter.letterNo, receivedOn: input.receivedOn },
    });
  });
  return viewTransfer(ctx, input.id);
}

/** GET /api/transfers/letters/verify?token= — public: genuine, and whether it can still be used. Never throws for junk. */
export async function verifyLetter(ctx: Ctx, input: { token: string | undefined }) {
  const invalid = { valid: false, state: 'invalid' as const, letterNo: null, memberName: null, fromOrgName: null, toOrgName: null, issuedOn: null, validUntil: null };
  const p = await readLetterToken(ctx, input.token);
  if (!p) return invalid;
  const t = await repo.findTransfer(ctx.db, p.transferId);
  const letter = t && (await repo.findLetters(ctx.db, [t.id]))[0];
  if (!t || !letter || letter.letterNo !== p.letterNo) return invalid;
  const today = businessDate(ctx.clock.now());
  const state: 'void' | 'used' | 'expired' | 'valid' =
    t.status === 'cancelled' || t.status === 'rejected' ? 'void' : letter.receivedOn || t.status === 'completed' ? 'used' : today > letter.validUntil ? 'expired' : 'valid';
  return {
    valid: state === 'valid',
    state,
    letterNo: letter.letterNo,
    memberName: maskName(t.memberName),
    fromOrgName: letter.issuedByOrgName,
    toOrgName: t.toOrgName ?? t.externalOrg?.name ?? null,
    issuedOn: letter.issuedOn,
    validUntil: letter.validUntil,
  };
}

/** GET /api/transfers/:id/letter.pdf — the three-part letter, for whoever may see the transfer. */
export async function letterPdf(ctx: Ctx, input: { id: string; origin: string }): Promise<{ pdf: Buffer; letterNo: string }> {
  const l = await loadTransfer(ctx, input.id);
  if (!l.letter) throw new AppError('TRANSFER_NO_LETTER');
  const facts = await findMemberCardFacts(ctx, l.t.memberId);
  if (!facts) throw notFound();
  const token = await letterToken(ctx, l.t.id, l.letter.letterNo);
  const verifyUrl = `${input.origin}${letterVerifyPath(token)}`;
  const today = businessDate(ctx.clock.now());
  const days = Math.round((Date.parse(l.letter.validUntil) - Date.parse(l.letter.issuedOn)) / 86_400_000);
  const sender = can(ctx.actor, 'transfer.read', l.t.fromOrgPath);
  await inTransaction(ctx, (tx) =>
    writeAudit(tx, {
      action: 'transfer.letter.print',
      targetType: 'transfer',
      targetId: l.t.id,
      targetOrgPath: l.t.fromOrgPath,
      actingForOrgId: sender ? (coveringGrant(ctx.actor, 'transfer.read', l.t.fromOrgPath)?.orgId ?? null) : null,
      details: { letterNo: l.letter!.letterNo },
    }),
  );
  const pdf = await renderTransferLetterPdf({
    letterNo: l.letter.letterNo,
    memberName: facts.name,
    gender: facts.gender === 'female' ? '女' : '男',
    age: wholeYears(facts.birthDate, today),
    ethnicity: ethnicityCodes[facts.ethnicity] ?? '',
    status: facts.status === 'probationary' ? '预备党员' : '正式党员',
    idNumber: facts.idNumber,
    fromOrgName: l.letter.issuedByOrgName,
    fromBranchName: l.t.fromOrgName,
    toOrgName: l.t.toOrgName ?? l.t.externalOrg?.name ?? '',
    toOrgAddress: l.t.externalOrg?.address ?? null,
    reason: l.t.reason,
    paidUntil: l.t.paidUntil,
    issuedOn: l.letter.issuedOn,
    validUntil: l.letter.validUntil,
    validityDays: days,
    contact: null,
    qrPng: await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 300 }),
    verifyUrl,
  });
  return { pdf, letterNo: l.letter.letterNo };
}
