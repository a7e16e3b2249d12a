import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import type { ExternalOrg } from '@xianfeng/contracts/transfer/transfer.schemas';
import type { StepRole, StepStatus, TransferStatus } from '@xianfeng/contracts/transfer/transfer.enums';

/** 组织关系转接 queries. No rules here. */

export interface TransferRow {
  id: string;
  memberId: string;
  memberName: string;
  fromOrgId: string;
  fromOrgName: string;
  fromOrgPath: string;
  toOrgId: string | null;
  toOrgName: string | null;
  toOrgPath: string | null;
  externalOrg: ExternalOrg | null;
  reason: string;
  remarks: string | null;
  paidUntil: string | null;
  status: TransferStatus;
  round: number;
  letterRequested: boolean;
  initiatedByAccountId: string | null;
  initiatedByName: string | null;
  initiatedBySelf: boolean;
  createdAt: Date;
  completedAt: Date | null;
  version: number;
}
const transferCols = sql.raw(`t.id, t.member_id AS "memberId", m.name AS "memberName", t.from_org_id AS "fromOrgId", fo.name AS "fromOrgName", fo.path AS "fromOrgPath",
  t.to_org_id AS "toOrgId", tor.name AS "toOrgName", tor.path AS "toOrgPath", t.external_org AS "externalOrg", t.reason, t.remarks, t.paid_until AS "paidUntil",
  t.status, t.round, t.letter_requested AS "letterRequested", t.initiated_by_account_id AS "initiatedByAccountId", t.initiated_by_name AS "initiatedByName",
  t.initiated_by_self AS "initiatedBySelf", t.created_at AS "createdAt", t.completed_at AS "completedAt", t.version`);
const transferFrom = sql.raw(`transfer t JOIN member m ON m.id = t.member_id JOIN org fo ON fo.id = t.from_org_id LEFT JOIN org tor ON tor.id = t.to_org_id`);

export function findTransfer(db: Db, id: string, forUpdate = false): Promise<TransferRow | undefined> {
  return one<TransferRow>(db, sql`SELECT ${transferCols} FROM ${transferFrom} WHERE t.id = ${id} ${forUpdate ? sql`FOR UPDATE OF t` : sql``}`);
}

export function findOpenTransferOfMember(db: Db, memberId: string): Promise<{ id: string } | undefined> {
  return one(db, sql`SELECT id FROM transfer WHERE member_id = ${memberId} AND status IN ('pending', 'returned', 'awaiting_receipt')`);
}

export async function insertTransfer(
  db: Db,
  v: { memberId: string; fromOrgId: string; toOrgId: string | null; externalOrg: ExternalOrg | null; reason: string; remarks: string | null; paidUntil: string | null; letterRequested: boolean; accountId: string | null; name: string | null; self: boolean; at: Date },
): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    sql`INSERT INTO transfer (member_id, from_org_id, to_org_id, external_org, reason, remarks, paid_until, status, round, letter_requested, initiated_by_account_id, initiated_by_name, initiated_by_self, created_at, updated_at)
        VALUES (${v.memberId}, ${v.fromOrgId}, ${v.toOrgId}, ${v.externalOrg ? JSON.stringify(v.externalOrg) : null}::jsonb, ${v.reason}, ${v.remarks}, ${v.paidUntil}, 'pending', 1,
                ${v.letterRequested}, ${v.accountId}, ${v.name}, ${v.self}, ${v.at}, ${v.at})
        RETURNING id`,
  );
  return (r as { id: string }).id;
}

export async function updateTransfer(
  db: Db,
  id: string,
  patch: { status?: TransferStatus; round?: number; toOrgId?: string | null; externalOrg?: ExternalOrg | null; reason?: string; remarks?: string | null; completedAt?: Date },
  at: Date,
): Promise<void> {
  const sets: SQL[] = [sql`updated_at = ${at}`, sql`version = version + 1`];
  if (patch.status !== undefined) sets.push(sql`status = ${patch.status}`);
  if (patch.round !== undefined) sets.push(sql`round = ${patch.round}`);
  if (patch.toOrgId !== undefined) sets.push(sql`to_org_id = ${patch.toOrgId}`);
  if (patch.externalOrg !== undefined) sets.push(sql`external_org = ${patch.externalOrg ? JSON.stringify(patch.externalOrg) : null}::jsonb`);
  if (patch.reason !== undefined) sets.push(sql`reason = ${patch.reason}`);
  if (patch.remarks !== undefined) sets.push(sql`remarks = ${patch.remarks}`);
  if (patch.completedAt !== undefined) sets.push(sql`completed_at = ${patch.completedAt}`);
  await db.execute(sql`UPDATE transfer SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

export interface StepRow {
  id: string;
  transferId: string;
  round: number;
  seq: number;
  orgId: string;
  orgName: string;
  orgPath: string;
  role: StepRole;
  status: StepStatus;
  dueAt: Date | null;
  actorName: string | null;
  actingForOrgName: string | null;
  comment: string | null;
  actedAt: Date | null;
}
const stepCols = sql.raw(`s.id, s.transfer_id AS "transferId", s.round, s.seq, s.org_id AS "orgId", o.name AS "orgName", o.path AS "orgPath", s.role, s.status,
  s.due_at AS "dueAt", s.actor_name AS "actorName", af.name AS "actingForOrgName", s.comment, s.acted_at AS "actedAt"`);
const stepFrom = sql.raw(`transfer_step s JOIN org o ON o.id = s.org_id LEFT JOIN org af ON af.id = s.acting_for_org_id`);

/** Every step of some transfers, all rounds, in order. */
export function findSteps(db: Db, transferIds: string[]): Promise<StepRow[]> {
  if (transferIds.length === 0) return Promise.resolve([]);
  return rows<StepRow>(db, sql`SELECT ${stepCols} FROM ${stepFrom} WHERE s.transfer_id = ANY(${sql.param(transferIds)}::uuid[]) ORDER BY s.transfer_id, s.round, s.seq`);
}

export async function insertSteps(db: Db, transferId: string, round: number, steps: { orgId: string; role: StepRole }[], firstDueAt: Date): Promise<void> {
  await db.execute(
    sql`INSERT INTO transfer_step (transfer_id, round, seq, org_id, role, status, due_at)
        SELECT ${transferId}, ${round}, u.seq, u.org_id, u.role, CASE WHEN u.seq = 1 THEN 'pending' ELSE 'waiting' END, CASE WHEN u.seq = 1 THEN ${firstDueAt}::timestamptz END
        FROM unnest(${sql.param(steps.map((_, i) => i + 1))}::int[], ${sql.param(steps.map((s) => s.orgId))}::uuid[], ${sql.param(steps.map((s) => s.role))}::text[]) AS u(seq, org_id, role)`,
  );
}

export async function decideStep(db: Db, stepId: string, v: { status: StepStatus; accountId: string | null; name: string | null; actingForOrgId: string | null; comment: string | null; at: Date }): Promise<void> {
  await db.execute(
    sql`UPDATE transfer_step SET status = ${v.status}, actor_account_id = ${v.accountId}, actor_name = ${v.name}, acting_for_org_id = ${v.actingForOrgId}, comment = ${v.comment}, acted_at = ${v.at}
        WHERE id = ${stepId}`,
  );
}

export async function openStep(db: Db, stepId: string, dueAt: Date): Promise<void> {
  await db.execute(sql`UPDATE transfer_step SET status = 'pending', due_at = ${dueAt} WHERE id = ${stepId}`);
}

/** Steps not yet decided in a round end with the transfer (cancelled or rejected before them). */
export async function closeOpenSteps(db: Db, transferId: string, round: number): Promise<void> {
  await db.execute(sql`UPDATE transfer_step SET status = 'cancelled' WHERE transfer_id = ${transferId} AND round = ${round} AND status IN ('waiting', 'pending')`);
}

/** Transfers whose current step belongs to one of `paths`' subtrees (the caller's 待办). */
export function findTodo(db: Db, paths: string[], limit: number): Promise<(TransferRow & { stepId: string })[]> {
  return rows(
    db,
    sql`SELECT ${transferCols}, s.id AS "stepId" FROM ${transferFrom} JOIN transfer_step s ON s.transfer_id = t.id AND s.round = t.round AND s.status = 'pending'
        JOIN org so ON so.id = s.org_id
        WHERE t.status = 'pending' AND ${inSubtrees(sql`so.path`, paths)} ORDER BY s.due_at NULLS LAST, t.created_at LIMIT ${limit}`,
  );
}

/** Open transfers started from one of `paths`' subtrees (未办结), oldest first. */
export function findUnfinished(db: Db, paths: string[], limit: number): Promise<TransferRow[]> {
  return rows(
    db,
    sql`SELECT ${transferCols} FROM ${transferFrom} WHERE t.status IN ('pending', 'returned', 'awaiting_receipt') AND ${inSubtrees(sql`fo.path`, paths)}
        ORDER BY t.created_at LIMIT ${limit}`,
  );
}

/** Counts for the inbox badge: steps due or overdue in scope, open transfers started in scope. */
export async function inboxCounts(db: Db, stepPaths: string[], fromPaths: string[], now: Date, dueSoonUntil: Date) {
  const r = await one<{ todo: number; overdue: number; dueSoon: number; unfinished: number; awaitingReceipt: number }>(
    db,
    sql`SELECT
          (SELECT count(*)::int FROM transfer t JOIN transfer_step s ON s.transfer_id = t.id AND s.round = t.round AND s.status = 'pending' JOIN org so ON so.id = s.org_id
             WHERE t.status = 'pending' AND ${inSubtrees(sql`so.path`, stepPaths)}) AS todo,
          (SELECT count(*)::int FROM transfer t JOIN transfer_step s ON s.transfer_id = t.id AND s.round = t.round AND s.status = 'pending' JOIN org so ON so.id = s.org_id
             WHERE t.status = 'pending' AND s.due_at < ${now} AND ${inSubtrees(sql`so.path`, stepPaths)}) AS overdue,
          (SELECT count(*)::int FROM transfer t JOIN transfer_step s ON s.transfer_id = t.id AND s.round = t.round AND s.status = 'pending' JOIN org so ON so.id = s.org_id
             WHERE t.status = 'pending' AND s.due_at >= ${now} AND s.due_at <= ${dueSoonUntil} AND ${inSubtrees(sql`so.path`, stepPaths)}) AS "dueSoon",
          (SELECT count(*)::int FROM transfer t JOIN org fo ON fo.id = t.from_org_id WHERE t.status IN ('pending', 'returned', 'awaiting_receipt') AND ${inSubtrees(sql`fo.path`, fromPaths)}) AS unfinished,
          (SELECT count(*)::int FROM transfer t JOIN org fo ON fo.id = t.from_org_id WHERE t.status = 'awaiting_receipt' AND ${inSubtrees(sql`fo.path`, fromPaths)}) AS "awaitingReceipt"`,
  );
  return r!;
}

/** Current steps past their deadline (the hourly alert job). */
export function findOverdueSteps(db: Db, now: Date, limit: number): Promise<{ stepId: string; transferId: string; orgId: string; orgName: string; memberName: string; dueAt: Date; role: StepRole }[]> {
  return rows(
    db,
    sql`SELECT s.id AS "stepId", t.id AS "transferId", s.org_id AS "orgId", o.name AS "orgName", m.name AS "memberName", s.due_at AS "dueAt", s.role
        FROM transfer t JOIN transfer_step s ON s.transfer_id = t.id AND s.round = t.round AND s.status = 'pending' JOIN org o ON o.id = s.org_id JOIN member m ON m.id = t.member_id
        WHERE t.status = 'pending' AND s.due_at < ${now} ORDER BY s.due_at LIMIT ${limit}`,
  );
}

// ---- letters ----

export interface LetterRow {
  transferId: string;
  letterNo: string;
  issuedOn: string;
  validUntil: string;
  receiptDueOn: string;
  issuedByOrgId: string;
  issuedByOrgName: string;
  receivedOn: string | null;
  receivingOrgName: string | null;
  receiptNote: string | null;
}

export function findLetters(db: Db, transferIds: string[]): Promise<LetterRow[]> {
  if (transferIds.length === 0) return Promise.resolve([]);
  return rows(
    db,
    sql`SELECT l.transfer_id AS "transferId", l.letter_no AS "letterNo", l.issued_on::text AS "issuedOn", l.valid_until::text AS "validUntil", l.receipt_due_on::text AS "receiptDueOn",
          l.issued_by_org_id AS "issuedByOrgId", o.name AS "issuedByOrgName", l.received_on::text AS "receivedOn", l.receiving_org_name AS "receivingOrgName", l.receipt_note AS "receiptNote"
        FROM transfer_letter l JOIN org o ON o.id = l.issued_by_org_id WHERE l.transfer_id = ANY(${sql.param(transferIds)}::uuid[])`,
  );
}

export async function insertLetter(db: Db, v: { transferId: string; issuedOn: string; validUntil: string; receiptDueOn: string; issuedByOrgId: string; at: Date }): Promise<void> {
  await db.execute(
    sql`INSERT INTO transfer_letter (transfer_id, letter_no, issued_on, valid_until, receipt_due_on, issued_by_org_id, created_at)
        VALUES (${v.transferId}, ${v.issuedOn.slice(0, 4)} || lpad(nextval('transfer_letter_seq')::text, 6, '0'), ${v.issuedOn}, ${v.validUntil}, ${v.receiptDueOn}, ${v.issuedByOrgId}, ${v.at})`,
  );
}

export async function registerReceipt(db: Db, v: { transferId: string; receivedOn: string; receivingOrgName: string; note: string | null; name: string | null }): Promise<void> {
  await db.execute(
    sql`UPDATE transfer_letter SET received_on = ${v.receivedOn}, receiving_org_name = ${v.receivingOrgName}, receipt_note = ${v.note}, receipt_by_name = ${v.name}
        WHERE transfer_id = ${v.transferId}`,
  );
}

/** Letters out whose 回执 is overdue (the hourly alert job). */
export function findOverdueReceipts(db: Db, today: string, limit: number): Promise<{ transferId: string; orgId: string; memberName: string; letterNo: string; receiptDueOn: string }[]> {
  return rows(
    db,
    sql`SELECT t.id AS "transferId", l.issued_by_org_id AS "orgId", m.name AS "memberName", l.letter_no AS "letterNo", l.receipt_due_on::text AS "receiptDueOn"
        FROM transfer t JOIN transfer_letter l ON l.transfer_id = t.id JOIN member m ON m.id = t.member_id
        WHERE t.status = 'awaiting_receipt' AND l.received_on IS NULL AND l.receipt_due_on < ${today} ORDER BY l.receipt_due_on LIMIT ${limit}`,
  );
}

export function findOpenOfMember(db: Db, memberId: string): Promise<TransferRow[]> {
  return rows(db, sql`SELECT ${transferCols} FROM ${transferFrom} WHERE t.member_id = ${memberId} AND t.status IN ('pending', 'returned', 'awaiting_receipt')`);
}

export function findByMember(db: Db, memberId: string): Promise<TransferRow[]> {
  return rows(db, sql`SELECT ${transferCols} FROM ${transferFrom} WHERE t.member_id = ${memberId} ORDER BY t.created_at DESC LIMIT 50`);
}
