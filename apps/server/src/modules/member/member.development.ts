import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { coveringGrant } from '../../platform/access/access.ts';
import { fieldError } from '../../platform/http/errors.ts';
import { one, rows } from '../../platform/db/db.ts';
import * as repo from './member.repository.ts';
import { piiColumns } from './member.service.ts';
import { findOrg } from '../org/org.service.ts';

/**
 * The member file's side of 发展党员 (《中国共产党发展党员工作细则》2026), called by the development module inside
 * its step's transaction: the file is created on the committee's approval (第二十五条), made full on approved
 * regularisation (第三十三条), and ended when probationary status is cancelled (第三十二条). Each act writes the
 * file, its history event and an audit event; the caller has checked its own scope and rules.
 */

const by = (tx: Ctx) => ({ actorAccountId: tx.actor?.accountId ?? null, actorName: tx.actor?.displayName ?? tx.actor?.username ?? null });

/** What the development rules need about a member named as mentor or sponsor (第九条, 第十四条). */
export interface DevelopmentPersonFacts {
  id: string;
  name: string;
  orgId: string;
  orgPath: string;
  status: 'full' | 'probationary';
  state: 'active' | 'suspended' | 'left';
  disciplines: { kind: string; decidedOn: string; endsOn: string | null; rightsRestoredOn: string | null }[];
}

/** Members by id with their standing and discipline records (no permission check: the caller checks scope). */
export async function findMembersForDevelopment(ctx: Ctx, ids: string[]): Promise<DevelopmentPersonFacts[]> {
  if (ids.length === 0) return [];
  const found = await rows<Omit<DevelopmentPersonFacts, 'disciplines'>>(
    ctx.db,
    sql`SELECT m.id, m.name, m.org_id AS "orgId", o.path AS "orgPath", m.status, m.state FROM member m JOIN org o ON o.id = m.org_id
        WHERE m.id = ANY(${sql.param(ids)}::uuid[])`,
  );
  const disciplines = await rows<{ memberId: string; kind: string; decidedOn: string; endsOn: string | null; rightsRestoredOn: string | null }>(
    ctx.db,
    sql`SELECT member_id AS "memberId", kind, decided_on AS "decidedOn", ends_on AS "endsOn", rights_restored_on AS "rightsRestoredOn"
        FROM member_discipline WHERE member_id = ANY(${sql.param(ids)}::uuid[]) ORDER BY decided_on`,
  );
  return found.map((m) => ({
    ...m,
    disciplines: disciplines.filter((d) => d.memberId === m.id).map(({ memberId: _, ...d }) => d),
  }));
}

/** The member file keyed by an ID number's blind index, if any (an applicant who is already a member). */
export function findMemberByIdNumberIdx(ctx: Ctx, idx: string): Promise<{ id: string; state: 'active' | 'suspended' | 'left' } | undefined> {
  return one(ctx.db, sql`SELECT id, state FROM member WHERE id_number_idx = ${idx}`);
}

export interface AdmissionInput {
  caseId: string;
  orgId: string;
  orgPath: string;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: string;
  /** Plaintext, decrypted from the case inside this transaction and re-encrypted under the member file's own key binding. */
  idNumber: string;
  phone: string | null;
  education: string | null;
  occupation: string | null;
  workUnit: string | null;
  category: string;
  /** The date of the branch general meeting that accepted them (第二十一条; dues are owed from that month). */
  joinedOn: string;
  approvedOn: string;
}

/** 预备党员: the committee approved (step 17) — a probationary member file in the branch, joinedOn = the acceptance date. */
export async function admitProbationaryMember(tx: Ctx, input: AdmissionInput): Promise<string> {
  if (await repo.findMemberIdByIdNumberIdx(tx.db, tx.crypto.blindIndex('idNumber', input.idNumber))) throw fieldError('MEMBER_ID_NUMBER_DUPLICATE', 'idNumber');
  const id = randomUUID();
  const now = tx.clock.now();
  const cols: Record<string, unknown> = {
    id,
    org_id: input.orgId,
    name: input.name,
    gender: input.gender,
    ethnicity: input.ethnicity,
    birth_date: input.birthDate,
    education: input.education,
    occupation: input.occupation,
    joined_on: input.joinedOn,
    full_member_on: null,
    status: 'probationary',
    state: 'active',
    category: input.category,
    work_unit: input.workUnit,
    created_at: now,
    updated_at: now,
    ...piiColumns(tx, id, { idNumber: input.idNumber, phone: input.phone }),
  };
  await tx.db.execute(
    sql`INSERT INTO member (${sql.join(
      Object.keys(cols).map((k) => sql.identifier(k)),
      sql`, `,
    )}) VALUES (${sql.join(
      Object.values(cols).map((v) => sql`${v}`),
      sql`, `,
    )})`,
  );
  await repo.insertMemberEvent(tx.db, {
    memberId: id,
    kind: 'created',
    ...by(tx),
    details: { orgId: input.orgId, status: 'probationary', source: 'development', caseId: input.caseId, joinedOn: input.joinedOn, approvedOn: input.approvedOn },
    at: now,
  });
  await writeAudit(tx, {
    action: 'member.create',
    targetType: 'member',
    targetId: id,
    targetOrgPath: input.orgPath,
    actingForOrgId: coveringGrant(tx.actor, 'development.approve', input.orgPath)?.orgId ?? null,
    details: { orgId: input.orgId, source: 'development', caseId: input.caseId },
  });
  return id;
}

/** 按期转正 approved (第三十三条): full from the end of probation — 党龄 counts from `fullMemberOn`. */
export async function regulariseProbationaryMember(tx: Ctx, input: { memberId: string; caseId: string; fullMemberOn: string; approvedOn: string }): Promise<void> {
  const m = await repo.lockPlacement(tx.db, input.memberId);
  if (!m || m.status !== 'probationary' || m.state === 'left') throw fieldError('MEMBER_NOT_ACTIVE', 'memberId', '该预备党员档案不在册或已转正');
  const now = tx.clock.now();
  await tx.db.execute(sql`UPDATE member SET status = 'full', full_member_on = ${input.fullMemberOn}, updated_at = ${now}, version = version + 1 WHERE id = ${m.id}`);
  await repo.insertMemberEvent(tx.db, { memberId: m.id, kind: 'regularised', ...by(tx), details: { fullMemberOn: input.fullMemberOn, decidedOn: input.approvedOn, caseId: input.caseId }, at: now });
  await writeAudit(tx, {
    action: 'member.regularise',
    targetType: 'member',
    targetId: m.id,
    targetOrgPath: m.orgPath,
    actingForOrgId: coveringGrant(tx.actor, 'development.approve', m.orgPath)?.orgId ?? null,
    details: { fullMemberOn: input.fullMemberOn, caseId: input.caseId },
  });
}

/** 延长预备期 approved (第三十二条): recorded in the file's history; the member stays probationary until the new end. */
export async function recordProbationExtension(tx: Ctx, input: { memberId: string; caseId: string; months: number; probationEndsOn: string; approvedOn: string }): Promise<void> {
  const m = await repo.lockPlacement(tx.db, input.memberId);
  const now = tx.clock.now();
  await repo.insertMemberEvent(tx.db, {
    memberId: input.memberId,
    kind: 'probation_extended',
    ...by(tx),
    details: { months: input.months, probationEndsOn: input.probationEndsOn, decidedOn: input.approvedOn, caseId: input.caseId },
    at: now,
  });
  await writeAudit(tx, {
    action: 'member.probation.extend',
    targetType: 'member',
    targetId: input.memberId,
    targetOrgPath: m?.orgPath ?? null,
    actingForOrgId: m ? (coveringGrant(tx.actor, 'development.approve', m.orgPath)?.orgId ?? null) : null,
    details: { months: input.months, probationEndsOn: input.probationEndsOn, caseId: input.caseId },
  });
}

export const PROBATION_CANCELLED = '取消预备党员资格';

/** 取消预备党员资格 approved (第三十二条): the file ends as left (never deleted), with the reason. */
export async function cancelProbationaryMembership(tx: Ctx, input: { memberId: string; caseId: string; on: string }): Promise<void> {
  const m = await repo.lockPlacement(tx.db, input.memberId);
  if (!m || m.status !== 'probationary' || m.state === 'left') throw fieldError('MEMBER_NOT_ACTIVE', 'memberId', '该预备党员档案不在册或已转正');
  const now = tx.clock.now();
  await tx.db.execute(sql`UPDATE member SET state = 'left', left_on = ${input.on}, left_reason = ${PROBATION_CANCELLED}, updated_at = ${now}, version = version + 1 WHERE id = ${m.id}`);
  await repo.insertMemberEvent(tx.db, {
    memberId: m.id,
    kind: 'left',
    ...by(tx),
    details: { kind: 'other', leftOn: input.on, decidedOn: input.on, reason: PROBATION_CANCELLED, fromState: m.state, caseId: input.caseId },
    at: now,
  });
  await writeAudit(tx, {
    action: 'member.leave',
    targetType: 'member',
    targetId: m.id,
    targetOrgPath: m.orgPath,
    actingForOrgId: coveringGrant(tx.actor, 'development.approve', m.orgPath)?.orgId ?? null,
    details: { kind: 'other', leftOn: input.on, reason: PROBATION_CANCELLED, caseId: input.caseId },
  });
}

/** 编入党小组 (第二十八条): the new member joins one of their branch's groups. */
export async function assignMemberToGroup(tx: Ctx, input: { memberId: string; groupId: string; caseId: string }): Promise<void> {
  const m = await repo.lockPlacement(tx.db, input.memberId);
  const group = await findOrg(tx, input.groupId);
  if (!m || !group || group.kind !== 'group' || group.parentId !== m.orgId || group.dissolvedOn) throw fieldError('MEMBER_GROUP_INVALID', 'groupId');
  const now = tx.clock.now();
  await tx.db.execute(sql`UPDATE member SET group_id = ${group.id}, updated_at = ${now}, version = version + 1 WHERE id = ${m.id}`);
  await repo.insertMemberEvent(tx.db, { memberId: m.id, kind: 'updated', ...by(tx), details: { changes: { groupId: { from: null, to: group.id } }, caseId: input.caseId }, at: now });
}
