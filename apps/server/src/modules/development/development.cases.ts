import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CaseView, CreateCaseBody, caseListQuery, caseSummary } from '@xianfeng/contracts/development/development.schemas';
import { findStep } from '@xianfeng/contracts/development/development.steps';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveredPaths, coveringGrant, requireActor, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { findMemberByIdNumberIdx, idProblemMessages, parseIdNumber } from '../member/member.service.ts';
import { findOrg } from '../org/org.service.ts';
import { settingsResolverForSubtree } from '../settings/settings.service.ts';
import { loadCase } from './development.access.ts';
import { isEligibleAge } from './development.rules.ts';
import * as repo from './development.repository.ts';
import { caseAad, getCase, toCaseSummary } from './development.view.ts';

/**
 * 发展党员 cases (一人一档): opening one on an application (细则 第五条、第六条), listing them in scope, stopping one
 * (withdrawn, not admitted). The application itself is step 1, recorded with the case.
 */

const who = (ctx: Ctx) => ({ accountId: ctx.actor?.accountId ?? null, name: ctx.actor ? (ctx.actor.displayName ?? ctx.actor.username) : null });

/**
 * POST /api/development/cases — by branch staff (`development.write` over the branch), or by the applicant on
 * the H5 (`opts.applicantAccountId`: the applicant's own account; they may apply to any active branch, 第六条).
 * The ID number is checked (GB 11643), its birth date and gender taken from it, and the person must be 18 on the
 * application date (党章 第一条; 细则 第五条). One open case per person (the partial unique index decides a race),
 * and none for someone already a member.
 */
export async function createCase(ctx: Ctx, input: CreateCaseBody, opts: { applicantAccountId?: string } = {}): Promise<CaseView> {
  const actor = opts.applicantAccountId ? requireActor(ctx) : requirePermission(ctx, 'development.write');
  const today = ctx.clock.today();
  const parsed = parseIdNumber(input.idNumber, today);
  if (typeof parsed === 'string') throw fieldError('MEMBER_ID_NUMBER_INVALID', 'idNumber', idProblemMessages[parsed], 'GB 11643-1999');
  if (input.appliedOn > today) throw fieldError('DEVELOPMENT_PRECONDITION', 'appliedOn', '申请日期：不能晚于今天');
  if (input.appliedOn < parsed.birthDate || !isEligibleAge(parsed.birthDate, input.appliedOn)) {
    throw fieldError('DEVELOPMENT_UNDER_AGE', 'appliedOn', `申请入党须年满十八岁：出生日期 ${parsed.birthDate}，申请日期 ${input.appliedOn}`, '党章 第一条；细则 第五条');
  }
  const idx = ctx.crypto.blindIndex('idNumber', parsed.normalised);
  try {
    const id = await inTransaction(ctx, async (tx) => {
      const org = await findOrg(tx, input.orgId);
      const inScope = !!org && (opts.applicantAccountId ? true : can(actor, 'development.write', org.path));
      if (!org || !inScope) throw fieldError('NOT_FOUND', 'orgId', '所在党组织：不存在或不在您的管理范围内');
      if (org.dissolvedOn || !memberHoldingKinds.includes(org.kind)) throw fieldError('DEVELOPMENT_ORG_INVALID', 'orgId');
      const member = await findMemberByIdNumberIdx(tx, idx);
      if (member && member.state !== 'left') throw fieldError('DEVELOPMENT_ALREADY_MEMBER', 'idNumber');
      if (await repo.findOpenCaseByIdNumberIdx(tx.db, idx)) throw fieldError('DEVELOPMENT_CASE_OPEN', 'idNumber');
      const caseId = randomUUID();
      const now = tx.clock.now();
      await repo.insertCase(tx.db, {
        id: caseId,
        orgId: org.id,
        name: input.name,
        gender: parsed.gender,
        ethnicity: input.ethnicity ?? '01',
        birthDate: parsed.birthDate,
        idNumberEnc: tx.crypto.encryptField(parsed.normalised, caseAad('idNumber', caseId)),
        idNumberIdx: idx,
        phoneEnc: input.phone ? tx.crypto.encryptField(input.phone, caseAad('phone', caseId)) : null,
        phoneIdx: input.phone ? tx.crypto.blindIndex('phone', input.phone) : null,
        education: input.education ?? null,
        occupation: input.occupation ?? null,
        workUnit: input.workUnit ?? null,
        category: input.category ?? 'resident',
        appliedOn: input.appliedOn,
        applicantAccountId: opts.applicantAccountId ?? null,
        at: now,
      });
      const apply = findStep('apply')!;
      const by = who(tx);
      await repo.insertStep(tx.db, {
        caseId,
        stepKey: apply.key,
        stepNo: apply.number,
        seq: 1,
        doneOn: input.appliedOn,
        orgId: org.id,
        responsible: [],
        decision: null,
        fields: {},
        attachments: [],
        overrideReason: null,
        overridden: null,
        actorAccountId: by.accountId,
        actorName: by.name,
        at: now,
      });
      await writeAudit(tx, {
        action: 'development.case.create',
        targetType: 'development_case',
        targetId: caseId,
        targetOrgPath: org.path,
        actingForOrgId: opts.applicantAccountId ? null : (coveringGrant(actor, 'development.write', org.path)?.orgId ?? null),
        details: { orgId: org.id, appliedOn: input.appliedOn, self: !!opts.applicantAccountId },
      });
      return caseId;
    });
    return getCase(ctx, { id });
  } catch (err) {
    // Two applications for one person at once: the partial unique index (one open case) lets one through.
    if (isUniqueViolation(err)) throw fieldError('DEVELOPMENT_CASE_OPEN', 'idNumber');
    throw err;
  }
}

/**
 * POST /api/development/cases/:id/stop — the case ends without admission (withdrawn, or not admitted), with the
 * reason; audited. A probationary member's file is not touched here: cancelling probation is step 23/24.
 */
export async function stopCase(ctx: Ctx, input: { id: string; reason: string }): Promise<CaseView> {
  requirePermission(ctx, 'development.write');
  await inTransaction(ctx, async (tx) => {
    const { c } = await loadCase(tx, input.id, true);
    // Seen (read) but not the caller's to change: 403, like a step they may not take.
    if (!can(tx.actor, 'development.write', c.orgPath)) throw forbidden();
    if (c.status !== 'open') throw new AppError('DEVELOPMENT_CASE_CLOSED');
    if (c.memberId) throw fieldError('DEVELOPMENT_PRECONDITION', 'reason', '已接收为预备党员：终止须经支部大会讨论取消预备党员资格并报上级党委审批（细则第三十二条）', '第三十二条');
    await repo.updateCase(tx.db, c.id, { status: 'stopped', stoppedReason: input.reason }, tx.clock.now());
    await writeAudit(tx, {
      action: 'development.case.stop',
      targetType: 'development_case',
      targetId: c.id,
      targetOrgPath: c.orgPath,
      actingForOrgId: coveringGrant(tx.actor, 'development.write', c.orgPath)?.orgId ?? null,
      details: { reason: input.reason, stage: c.stage },
    });
  });
  return getCase(ctx, { id: input.id });
}

/** GET /api/development/cases — cases in the caller's subtree (SQL-scoped), filtered and paged, with each one's next deadline. */
export async function listCases(ctx: Ctx, q: z.infer<typeof caseListQuery>): Promise<{ items: z.infer<typeof caseSummary>[]; total: number; page: number; pageSize: number }> {
  const actor = requirePermission(ctx, 'development.read');
  let paths = coveredPaths(actor, 'development.read');
  if (q.orgId) {
    const org = await findOrg(ctx, q.orgId);
    if (!org || !can(actor, 'development.read', org.path)) throw notFound();
    paths = [org.path];
  }
  const filter: repo.CaseFilter = { paths, stage: q.stage, status: q.status };
  if (q.q) {
    const term = q.q.replace(/[\s\u3000]/g, '');
    const asId = parseIdNumber(term, ctx.clock.today());
    if (typeof asId !== 'string') filter.idNumberIdx = ctx.crypto.blindIndex('idNumber', asId.normalised);
    else filter.nameLike = q.q;
  }
  const items = await repo.findCases(ctx.db, filter, q.pageSize, (q.page - 1) * q.pageSize);
  const total = await repo.countCases(ctx.db, filter);
  const steps = await repo.findSteps(ctx.db, items.map((c) => c.id));
  const today = ctx.clock.today();
  // One settings resolver per covered subtree (usually one), so a page costs a fixed number of queries.
  const keys = ['development.activistMinMonthsAfterApplication', 'development.approvalSpecialMonths'] as const;
  const resolvers = await Promise.all(paths.map(async (p) => ({ path: p, resolve: await settingsResolverForSubtree(ctx, p, keys) })));
  const out = items.map((c) => {
    const s = resolvers.find((r) => c.orgPath.startsWith(r.path))!.resolve(c.orgPath);
    const settings = { activistMinMonthsAfterApplication: s['development.activistMinMonthsAfterApplication'], approvalSpecialMonths: s['development.approvalSpecialMonths'] };
    return toCaseSummary(ctx, c, steps.filter((x) => x.caseId === c.id), { today, settings });
  });
  return { items: out, total, page: q.page, pageSize: q.pageSize };
}
