import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import * as repo from './member.repository.ts';

/**
 * Placement changes made by other modules' workflows (组织关系转接), inside their transaction. The caller has
 * checked its own scope and locked the member; these write the file and its history, not the audit event
 * (the workflow audits its own act).
 */

/** 编入支部: the member moves to the receiving org; the old 党小组 and 网格 stay behind. */
export async function placeMemberByTransfer(tx: Ctx, input: { memberId: string; toOrgId: string; transferId: string; fromOrgName: string; toOrgName: string }): Promise<void> {
  const now = tx.clock.now();
  await tx.db.execute(sql`UPDATE member SET org_id = ${input.toOrgId}, group_id = NULL, grid_id = NULL, updated_at = ${now}, version = version + 1 WHERE id = ${input.memberId}`);
  await repo.insertMemberEvent(tx.db, {
    memberId: input.memberId,
    kind: 'transferred',
    actorAccountId: tx.actor?.accountId ?? null,
    actorName: tx.actor?.displayName ?? tx.actor?.username ?? null,
    details: { transferId: input.transferId, from: input.fromOrgName, to: input.toOrgName },
    at: now,
  });
}

/** A transfer off the platform completed with its 回执: the file stays, as left (转出), never deleted. */
export async function recordTransferredOut(tx: Ctx, input: { memberId: string; transferId: string; on: string; toOrgName: string; letterNo: string }): Promise<void> {
  const now = tx.clock.now();
  const reason = `组织关系转出至${input.toOrgName}（介绍信 ${input.letterNo}）`;
  await tx.db.execute(sql`UPDATE member SET state = 'left', left_on = ${input.on}, left_reason = ${reason}, updated_at = ${now}, version = version + 1 WHERE id = ${input.memberId}`);
  await repo.insertMemberEvent(tx.db, {
    memberId: input.memberId,
    kind: 'transferred_out',
    actorAccountId: tx.actor?.accountId ?? null,
    actorName: tx.actor?.displayName ?? tx.actor?.username ?? null,
    details: { transferId: input.transferId, to: input.toOrgName, letterNo: input.letterNo, on: input.on },
    at: now,
  });
}

/** The member row locked for a workflow that moves it (org and state as they are now). */
export function lockMemberPlacement(tx: Ctx, memberId: string) {
  return repo.lockPlacement(tx.db, memberId);
}
