import { randomUUID } from 'node:crypto';
import type { BaseInput, BaseView, QuoteView } from '@xianfeng/contracts/dues/dues.schemas';
import type { DuesCategory } from '@xianfeng/contracts/dues/dues.enums';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { coveringGrant, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError } from '../../platform/http/errors.ts';
import { duesSettingsAt, loadDuesMember, recorder } from './dues.access.ts';
import { declarationError, isFixedCategory, quoteDues, standardDues } from './dues.rules.ts';
import * as repo from './dues.repository.ts';
import * as standing from './dues.standing.repository.ts';
import { baseAad, toBaseView } from './dues.views.ts';

/**
 * POST /api/dues/quote — what a category and base pay a month, under the settings effective where the
 * caller works (their member org, else their first grant; the catalogue defaults otherwise).
 */
export async function quoteMonthlyDues(ctx: Ctx, input: { category: DuesCategory; baseFen?: number | undefined }): Promise<QuoteView> {
  const actor = requireActor(ctx);
  if (!isFixedCategory(input.category) && input.baseFen === undefined) throw fieldError('DUES_BASE_REQUIRED', 'baseFen');
  const member = actor.memberId ? await repo.findDuesMember(ctx.db, actor.memberId) : undefined;
  const path = member?.orgPath ?? actor.grants[0]?.orgPath ?? '/';
  const settings = await duesSettingsAt(ctx, path);
  return quoteDues(input.category, isFixedCategory(input.category) ? null : (input.baseFen as number), settings);
}

/**
 * POST /api/members/:id/dues/base — a base declaration (计算基数申报), by the branch (dues.collect) or
 * the member for themselves. The base is stored encrypted; the rounded standard amount is kept with it.
 * Which months may be declared follows `dues.baseRule` (declarationError in dues.rules.ts).
 */
export async function declareDuesBase(ctx: Ctx, input: { memberId: string } & BaseInput): Promise<BaseView> {
  return inTransaction(ctx, async (tx) => {
    const member = await loadDuesMember(tx, input.memberId, 'dues.collect', { self: true });
    if (member.state !== 'active') throw new AppError('DUES_MEMBER_NOT_BILLABLE');
    const fixed = isFixedCategory(input.duesCategory);
    if (fixed && input.baseFen !== undefined) throw fieldError('DUES_BASE_NOT_ALLOWED', 'baseFen');
    if (!fixed && input.baseFen === undefined) throw fieldError('DUES_BASE_REQUIRED', 'baseFen');
    await repo.lockAccount(tx.db, member.id);
    const settings = await duesSettingsAt(tx, member.orgPath);
    const earlier = await repo.findBases(tx.db, [member.id]);
    const refusal = declarationError(settings.baseRule, { duesCategory: input.duesCategory, effectiveMonth: input.effectiveMonth }, earlier);
    if (refusal) throw fieldError(refusal, 'effectiveMonth', undefined, refusal === 'DUES_BASE_FIXED_FOR_YEAR' ? '组电明字〔2017〕5号 一(1)' : '中组发〔2008〕3号 第三、四条');
    const s = standardDues(input.duesCategory, fixed ? null : (input.baseFen as number), settings);
    const id = randomUUID();
    const who = recorder(tx);
    const row = await repo.insertBase(tx.db, {
      id,
      memberId: member.id,
      orgId: member.orgId,
      duesCategory: input.duesCategory,
      baseEnc: fixed ? null : tx.crypto.encryptField(String(input.baseFen), baseAad(member.id, id)),
      rateBp: s.rateBasisPoints,
      standardFen: s.standardFen,
      effectiveMonth: input.effectiveMonth,
      accountId: who.accountId,
      name: who.name,
      at: tx.clock.now(),
    });
    await writeAudit(tx, {
      action: 'dues.base.declare',
      targetType: 'member',
      targetId: member.id,
      targetOrgPath: member.orgPath,
      actingForOrgId: coveringGrant(tx.actor, 'dues.collect', member.orgPath)?.orgId ?? null,
      // Never the base itself (sensitive): the category, month and resulting rate only.
      details: { duesCategory: input.duesCategory, effectiveMonth: input.effectiveMonth, rateBasisPoints: s.rateBasisPoints, self: member.isSelf },
    });
    return toBaseView(tx, row, { showBase: member.isSelf });
  });
}

/**
 * POST /api/members/:id/dues/opening — 党费交至 as brought on paper (go-live, a member transferred in
 * from outside the platform). Only before the member's first bill: afterwards the bills are the record.
 */
export async function setOpeningPaidUntil(ctx: Ctx, input: { memberId: string; paidUntil: string }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const member = await loadDuesMember(tx, input.memberId, 'dues.collect');
    await repo.lockAccount(tx.db, member.id);
    if ((await repo.findBillsByMember(tx.db, member.id)).length > 0) throw fieldError('DUES_OPENING_LOCKED', 'paidUntil');
    await repo.updateAccount(tx.db, member.id, { openingPaidUntil: input.paidUntil }, tx.clock.now());
    await writeAudit(tx, {
      action: 'dues.opening.set',
      targetType: 'member',
      targetId: member.id,
      targetOrgPath: member.orgPath,
      actingForOrgId: coveringGrant(tx.actor, 'dues.collect', member.orgPath)?.orgId ?? null,
      details: { paidUntil: input.paidUntil },
    });
  });
}

/** POST /api/members/:id/dues/arrears-reason — the branch records a valid reason; those months do not count toward 自行脱党. */
export async function recordArrearsReason(ctx: Ctx, input: { memberId: string; fromMonth: string; toMonth: string; reason: string }): Promise<void> {
  if (input.fromMonth > input.toMonth) throw fieldError('VALIDATION_FAILED', 'toMonth', '结束月份不能早于开始月份');
  await inTransaction(ctx, async (tx) => {
    const member = await loadDuesMember(tx, input.memberId, 'dues.collect');
    const who = recorder(tx);
    await standing.insertArrearsReason(tx.db, { memberId: member.id, fromMonth: input.fromMonth, toMonth: input.toMonth, reason: input.reason, accountId: who.accountId, name: who.name, at: tx.clock.now() });
    await writeAudit(tx, {
      action: 'dues.arrears_reason.record',
      targetType: 'member',
      targetId: member.id,
      targetOrgPath: member.orgPath,
      actingForOrgId: coveringGrant(tx.actor, 'dues.collect', member.orgPath)?.orgId ?? null,
      details: { fromMonth: input.fromMonth, toMonth: input.toMonth },
    });
  });
}
