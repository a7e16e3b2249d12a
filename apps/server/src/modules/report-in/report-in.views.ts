import type { ClaimRow, EvaluationRow, PostRow, ServiceRow } from './report-in.menu.repository.ts';
import type { PostView, ReportInSummary, ReportInView, ServiceView } from '@xianfeng/contracts/report-in/report-in.schemas';
import type { Ctx } from '../../platform/context.ts';
import { maskIdNumber, maskPhone } from '../member/member.service.ts';
import { loadReportIn, type Loaded } from './report-in.access.ts';
import * as menuRepo from './report-in.menu.repository.ts';
import type { ReportInListRow } from './report-in.repository.ts';
import { allowedActions, ratersFor, receiptNoOf } from './report-in.rules.ts';
import { certificateToken, certificateVerifyPath } from './report-in.token.ts';

/**
 * Response shapes. ID number and phone are SM4-encrypted at rest with an AAD binding them to this table and row
 * (ARCHITECTURE §7) and leave the server masked only: neither the unit nor the community needs them in full —
 * the community checks identity against the member's own ID card.
 */

type Pii = 'idNumber' | 'phone';
const aad = (field: Pii, id: string) => `report_in|${field}|${id}`;

export function encryptPii(ctx: Ctx, id: string, v: { idNumber: string; phone: string | null }) {
  return {
    idNumberEnc: ctx.crypto.encryptField(v.idNumber, aad('idNumber', id)),
    idNumberIdx: ctx.crypto.blindIndex('idNumber', v.idNumber),
    phoneEnc: v.phone ? ctx.crypto.encryptField(v.phone, aad('phone', id)) : null,
  };
}

export function maskedIdNumber(ctx: Ctx, r: { id: string; idNumberEnc: string }): string {
  return maskIdNumber(ctx.crypto.decryptField(r.idNumberEnc, aad('idNumber', r.id)));
}

export function maskedPhone(ctx: Ctx, r: { id: string; phoneEnc: string | null }): string | null {
  return r.phoneEnc ? maskPhone(ctx.crypto.decryptField(r.phoneEnc, aad('phone', r.id))) : null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
export const certificatePdfPath = (id: string) => `/api/report-in/${id}/certificate.pdf`;
export const receiptPdfPath = (id: string) => `/api/report-in/${id}/receipt.pdf`;

type Grades = ReportInSummary['grades'];

/** Summaries of a page of registrations, with their grades in one query. */
export async function toSummaries(ctx: Ctx, list: ReportInListRow[]): Promise<ReportInSummary[]> {
  const all = await menuRepo.findGrades(ctx.db, list.map((r) => r.id));
  return list.map((r) => toSummary(ctx, r, all.filter((g) => g.reportInId === r.id).map((g) => ({ year: Number(g.year), rater: g.rater, grade: g.grade }))));
}

export function toSummary(ctx: Ctx, r: ReportInListRow, grades: Grades): ReportInSummary {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName,
    name: r.name,
    idNumber: maskedIdNumber(ctx, r),
    onPlatform: r.memberId !== null,
    communityOrgId: r.communityOrgId,
    communityName: r.communityName,
    status: r.status,
    certificateNo: r.certificateNo,
    registeredOn: r.registeredOn,
    confirmedOn: r.confirmedOn,
    endedOn: r.endedOn,
    activeClaims: r.activeClaims,
    approvedMinutes: r.approvedMinutes,
    pendingServices: r.pendingServices,
    grades,
  };
}

export const toClaim = (c: ClaimRow) => ({ id: c.id, postId: c.postId, postTitle: c.postTitle, postKind: c.postKind, claimedAt: iso(c.claimedAt)!, releasedAt: iso(c.releasedAt) });

export function toService(s: ServiceRow): ServiceView {
  return {
    id: s.id,
    reportInId: s.reportInId,
    name: s.name,
    unitName: s.unitName,
    communityName: s.communityName,
    postId: s.postId,
    postTitle: s.postTitle,
    servedOn: s.servedOn,
    minutes: s.minutes,
    content: s.content,
    status: s.status,
    decidedByName: s.decidedByName,
    decidedAt: iso(s.decidedAt),
    decisionNote: s.decisionNote,
    createdAt: iso(s.createdAt)!,
  };
}

const toEvaluation = (e: EvaluationRow) => ({ ...e, year: Number(e.year), createdAt: iso(e.createdAt)! });

export function toPost(p: PostRow): PostView {
  return {
    id: p.id,
    communityOrgId: p.communityOrgId,
    communityName: p.communityName,
    kind: p.kind,
    title: p.title,
    description: p.description,
    capacity: p.capacity,
    claimed: p.claimed,
    closedOn: p.closedOn,
    createdAt: iso(p.createdAt)!,
  };
}

export async function toReportInView(ctx: Ctx, l: Loaded): Promise<ReportInView> {
  const { r, sides } = l;
  const receipt = r.confirmedOn !== null;
  const evaluations = (await menuRepo.findEvaluations(ctx.db, r.id)).map(toEvaluation);
  return {
    ...toSummary(ctx, r, evaluations.map((e) => ({ year: e.year, rater: e.rater, grade: e.grade }))),
    memberId: r.memberId,
    phone: maskedPhone(ctx, r),
    declineReason: r.declineReason,
    receiptNo: receipt ? receiptNoOf(r.certificateNo) : null,
    claims: (await menuRepo.findClaims(ctx.db, r.id)).map(toClaim),
    services: (await menuRepo.findServicesOf(ctx.db, r.id, 50)).map(toService),
    evaluations,
    certificatePdfUrl: certificatePdfPath(r.id),
    verifyPath: certificateVerifyPath(await certificateToken(ctx, r.id, r.certificateNo)),
    receiptPdfUrl: receipt ? receiptPdfPath(r.id) : null,
    actions: allowedActions(r, sides),
    raters: ratersFor(r.status, sides),
    version: r.version,
  };
}

/** GET /api/report-in/:id and every write's answer. */
export async function viewReportIn(ctx: Ctx, id: string): Promise<ReportInView> {
  return toReportInView(ctx, await loadReportIn(ctx, id));
}
