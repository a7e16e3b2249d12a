import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { MemberView, leaveBody, restoreBody, suspendBody } from '@xianfeng/contracts/member/member.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { can, coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import * as repo from './member.repository.ts';
import type { MemberRow } from './member.repository.ts';
import { findLastEventOfKinds } from './member.standing.repository.ts';
import { ARTICLE_24, decisionDateProblem, eventDate, leftReasonText, needsDecisionRef, restoreFromLeftProblem, standingEventKinds } from './member.standing.rules.ts';
import { toMemberView } from './member.service.ts';

/**
 * 党籍变动: leaving (出党), suspension (停止党籍) and restoration (恢复党籍). Each act is one transaction that
 * changes `member.state`, writes a member_event carrying the decision (date, 文号, deciding body, reason) and
 * an audit event. The file itself is never deleted: a member who left stays readable under `state=left`.
 */

type Act = 'member.leave' | 'member.suspend' | 'member.restore';

/** The member, row-locked so two acts on one member cannot interleave, in the caller's write scope (404 otherwise, ARCHITECTURE §6). */
async function lockWritableMember(tx: Ctx, id: string): Promise<MemberRow> {
  const locked = await repo.lockPlacement(tx.db, id);
  if (!locked || !can(tx.actor, 'member.write', locked.orgPath)) throw notFound();
  return (await repo.findMemberById(tx.db, id))!;
}

/** Refuses a date in the future, before joining, or before the previous standing act (fieldError naming `field`). */
async function checkDecisionDate(tx: Ctx, m: MemberRow, field: 'leftOn' | 'decidedOn', on: string): Promise<void> {
  const previous = eventDate(await findLastEventOfKinds(tx.db, m.id, standingEventKinds));
  const label = field === 'leftOn' ? '出党日期' : '决定日期';
  const problem = decisionDateProblem({ on, label, today: tx.clock.today(), joinedOn: m.joinedOn, previous });
  if (problem) throw fieldError('MEMBER_DATES_INCONSISTENT', field, problem);
}

/** Writes the new state, the history event and the audit event; answers the member as it now is. */
async function recordAct(
  tx: Ctx,
  m: MemberRow,
  act: { action: Act; eventKind: 'left' | 'suspended' | 'restored'; set: Record<string, unknown>; details: Record<string, unknown>; audit: Record<string, unknown> },
): Promise<MemberView> {
  const now = tx.clock.now();
  const cols = Object.entries({ ...act.set, updated_at: now }).map(([k, v]) => sql`${sql.identifier(k)} = ${v}`);
  await tx.db.execute(sql`UPDATE member SET ${sql.join(cols, sql`, `)}, version = version + 1 WHERE id = ${m.id}`);
  await repo.insertMemberEvent(tx.db, {
    memberId: m.id,
    kind: act.eventKind,
    actorAccountId: tx.actor?.accountId ?? null,
    actorName: tx.actor?.displayName ?? tx.actor?.username ?? null,
    details: act.details,
    at: now,
  });
  await writeAudit(tx, {
    action: act.action,
    targetType: 'member',
    targetId: m.id,
    targetOrgPath: m.orgPath,
    // A grant above the branch acts for the lower level (ARCHITECTURE §6).
    actingForOrgId: coveringGrant(tx.actor, 'member.write', m.orgPath)?.orgId ?? null,
    details: act.audit,
  });
  return toMemberView(tx, (await repo.findMemberById(tx.db, m.id))!);
}

/**
 * 出党: death, withdrawal (退党), removal (除名), expulsion (开除党籍) or other. Removal and expulsion are the
 * organisation's decisions and need their 文号 (`decisionRef`). From active or suspended: a suspended member
 * still unreachable 2 years later is removed as 自行脱党 (党员教育管理工作条例 第二十四条).
 */
export async function recordMemberLeaving(ctx: Ctx, input: { id: string } & z.infer<typeof leaveBody>): Promise<MemberView> {
  requirePermission(ctx, 'member.write');
  return inTransaction(ctx, async (tx) => {
    const m = await lockWritableMember(tx, input.id);
    if (m.state === 'left') throw new AppError('MEMBER_NOT_ACTIVE');
    if (needsDecisionRef(input.kind) && !input.decisionRef) throw fieldError('MEMBER_DECISION_REF_REQUIRED', 'decisionRef', '决定文号：除名、开除党籍须填写组织决定的文号');
    await checkDecisionDate(tx, m, 'leftOn', input.leftOn);
    const decision = { decisionRef: input.decisionRef ?? null, decidedBy: input.decidedBy || null };
    return recordAct(tx, m, {
      action: 'member.leave',
      eventKind: 'left',
      set: { state: 'left', left_on: input.leftOn, left_reason: leftReasonText(input) },
      details: { kind: input.kind, leftOn: input.leftOn, decidedOn: input.leftOn, reason: input.reason, ...decision, fromState: m.state },
      audit: { kind: input.kind, leftOn: input.leftOn, decisionRef: decision.decisionRef },
    });
  });
}

/**
 * 停止党籍 (党员教育管理工作条例 第二十四条): a member out of contact 6 months or more and untraceable, or settled
 * abroad / studying abroad beyond the allowed time. Only from active. For lost contact the file must already be
 * marked 失联 — the mark is what the branch's search for the member recorded.
 */
export async function suspendMembership(ctx: Ctx, input: { id: string } & z.infer<typeof suspendBody>): Promise<MemberView> {
  requirePermission(ctx, 'member.write');
  return inTransaction(ctx, async (tx) => {
    const m = await lockWritableMember(tx, input.id);
    if (m.state !== 'active') throw new AppError('MEMBER_NOT_ACTIVE', { message: m.state === 'suspended' ? '该党员已停止党籍' : '该党员已出党，不能停止党籍' });
    if (input.basis === 'lost_contact' && !m.lostContact) {
      throw fieldError(
        'MEMBER_SUSPEND_NOT_LOST_CONTACT',
        'basis',
        '停止党籍依据：该党员未登记为失联党员。按党员教育管理工作条例第二十四条，与党组织失去联系6个月以上、通过各种方式查找仍然没有音讯的，才停止其党籍；请先在档案中登记失联',
        ARTICLE_24,
      );
    }
    await checkDecisionDate(tx, m, 'decidedOn', input.decidedOn);
    const decision = { decidedOn: input.decidedOn, decisionRef: input.decisionRef, decidedBy: input.decidedBy || null };
    return recordAct(tx, m, {
      action: 'member.suspend',
      eventKind: 'suspended',
      set: { state: 'suspended' },
      details: { ...decision, basis: input.basis, reason: input.reason },
      audit: { basis: input.basis, decidedOn: input.decidedOn, decisionRef: input.decisionRef },
    });
  });
}

/**
 * 恢复党籍, with the decision's 文号: from suspended when contact is regained (党员教育管理工作条例 第二十四条), which
 * also clears the 失联 mark; or from left only where a removal or expulsion was overturned on appeal (申诉复议),
 * which clears left_on / left_reason. Never after death, a withdrawal or a transfer off the platform.
 */
export async function restoreMembership(ctx: Ctx, input: { id: string } & z.infer<typeof restoreBody>): Promise<MemberView> {
  requirePermission(ctx, 'member.write');
  return inTransaction(ctx, async (tx) => {
    const m = await lockWritableMember(tx, input.id);
    if (m.state === 'active') throw new AppError('MEMBER_RESTORE_NOT_ALLOWED', { message: '该党员在册，无需恢复党籍' });
    let overturned: unknown = null;
    if (m.state === 'left') {
      const lastLeaving = await findLastEventOfKinds(tx.db, m.id, ['left', 'transferred_out']);
      const problem = restoreFromLeftProblem(lastLeaving);
      if (problem) throw new AppError('MEMBER_RESTORE_NOT_ALLOWED', { message: problem });
      overturned = lastLeaving!.details.kind;
    }
    await checkDecisionDate(tx, m, 'decidedOn', input.decidedOn);
    const decision = { decidedOn: input.decidedOn, decisionRef: input.decisionRef, decidedBy: input.decidedBy || null };
    const set: Record<string, unknown> = m.state === 'left' ? { state: 'active', left_on: null, left_reason: null } : { state: 'active', lost_contact: false };
    return recordAct(tx, m, {
      action: 'member.restore',
      eventKind: 'restored',
      set,
      details: {
        ...decision,
        reason: input.reason,
        fromState: m.state,
        ...(m.state === 'left' ? { overturnedKind: overturned, previousLeftOn: m.leftOn, previousLeftReason: m.leftReason } : { lostContactCleared: m.lostContact }),
      },
      audit: { fromState: m.state, decidedOn: input.decidedOn, decisionRef: input.decisionRef },
    });
  });
}
