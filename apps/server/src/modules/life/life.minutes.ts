import { sql } from 'drizzle-orm';
import type { MinutesInput, MinutesView } from '@xianfeng/contracts/life/life.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/http/errors.ts';
import { can, coveringGrant, parentPath, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { one } from '../../platform/db/db.ts';
import { enqueueJob } from '../../platform/jobs/jobs.ts';
import { activeRoster } from '../member/member.service.ts';
import { currentLeaders } from '../org/org.service.ts';
import * as repo from './life.repository.ts';
import { approvalHashInput, committeeQuorumMet, generalMeetingVoteValid } from './life.rules.ts';
import { loadMeetingFor } from './life.service.ts';

/**
 * Minutes, confirmation and upper-level review. The record is written by the organiser once the
 * meeting has started; the recorder and the host each confirm it (in a branch without a committee the
 * secretary may be both, and the record says so); the upper level approves — which locks it under a
 * hash chained to the org's previous approved record — or returns it with comments. A confirmed or
 * returned record changes only with a stated reason, appended, never overwritten.
 */
type Stored = Omit<MinutesView, 'quorum'> & { quorum: MinutesView['quorum'] };

const WRITABLE = ['planned', 'in_progress', 'minutes_draft', 'confirmed', 'returned'];

export async function writeMinutes(ctx: Ctx, input: { id: string; body: MinutesInput }): Promise<MinutesView> {
  const actor = requireActor(ctx);
  const m = await loadMeetingFor(ctx, input.id, 'life.write');
  if (!WRITABLE.includes(m.status)) throw new AppError('LIFE_STATUS_INVALID', { message: '会议记录已审核锁定或会议已取消，不能修改' });
  const now = ctx.clock.now();
  if (now < new Date(m.startsAt)) throw new AppError('LIFE_MINUTES_TOO_EARLY');
  const b = input.body;
  return inTransaction(ctx, async (tx) => {
    // Re-checked under the row lock: an approval committed meanwhile must not be overwritten.
    const status = (await repo.lockMeeting(tx.db, m.id)) ?? '';
    if (!WRITABLE.includes(status)) throw new AppError('LIFE_STATUS_INVALID', { message: '会议记录已审核锁定或会议已取消，不能修改' });
    const attendees = await repo.findAttendees(tx.db, m.id);
    const onList = new Set(attendees.map((a) => a.memberId));
    for (const [path, id] of [['hostMemberId', b.hostMemberId], ['recorderMemberId', b.recorderMemberId]] as const) {
      if (!onList.has(id)) throw fieldError('LIFE_MINUTES_PERSON_INVALID', path);
    }
    for (const [i, x] of [...b.absences, ...b.notExpected].entries()) {
      if (!onList.has(x.memberId)) throw fieldError('LIFE_MINUTES_PERSON_INVALID', i < b.absences.length ? `absences.${i}.memberId` : `notExpected.${i - b.absences.length}.memberId`, '党员：不在本次会议的人员名单中');
    }
    const prev = await storedMinutes(tx, m.id);
    const reason = b.correctionReason?.trim();
    // Changing what the recorder and host signed, or what the upper level returned, needs a reason on record.
    if ((status === 'confirmed' || status === 'returned') && !reason) throw fieldError('LIFE_CORRECTION_REASON_REQUIRED', 'correctionReason');
    const corrections = [...(prev?.corrections ?? []), ...(reason ? [{ reason, by: actor.displayName ?? actor.username, at: now.toISOString() }] : [])];
    await repo.applyExpectations(tx.db, m.id, { notExpected: b.notExpected, absences: b.absences, by: actor.accountId });
    const { correctionReason: _omit, ...content } = b;
    void _omit;
    const stored: Stored = {
      ...content,
      confirmedByRecorderAt: null,
      confirmedByHostAt: null,
      sameHostAndRecorder: b.hostMemberId === b.recorderMemberId,
      quorum: null,
      review: prev?.review ?? null,
      corrections,
      hash: null,
    };
    await saveMinutes(tx, m.id, stored, 'minutes_draft', now);
    await writeAudit(tx, {
      action: reason ? 'life.minutes.correct' : 'life.minutes.write',
      targetType: 'meeting',
      targetId: m.id,
      targetOrgPath: m.orgPath,
      actingForOrgId: coveringGrant(actor, 'life.write', m.orgPath)?.orgId ?? null,
      details: reason ? { reason } : {},
    });
    return stored;
  });
}

async function storedMinutes(ctx: Ctx, id: string): Promise<Stored | null> {
  const r = await one<{ minutes: Stored | null }>(ctx.db, sql`SELECT minutes FROM meeting WHERE id = ${id}`);
  return r?.minutes ?? null;
}

async function saveMinutes(ctx: Ctx, id: string, minutes: Stored, status: string, at: Date) {
  await ctx.db.execute(sql`UPDATE meeting SET minutes = ${JSON.stringify(minutes)}::jsonb, status = ${status}, updated_at = ${at}, version = version + 1 WHERE id = ${id}`);
}

export async function getMinutes(ctx: Ctx, input: { id: string }): Promise<MinutesView | null> {
  const m = await loadMeetingFor(ctx, input.id);
  const minutes = await storedMinutes(ctx, m.id);
  if (!minutes || can(ctx.actor, 'life.read', m.orgPath)) return minutes;
  // A member reading the record sees why they themself were absent, not why others were (health, family).
  const self = ctx.actor?.memberId;
  const own = (x: { memberId: string; reason: string }) => (x.memberId === self ? x : { ...x, reason: '（仅本人和支部可见）' });
  return { ...minutes, absences: minutes.absences.map(own), notExpected: minutes.notExpected.map(own) };
}

/**
 * 法定人数 at confirmation (§10): a committee meeting needs ≥ half of its members present; the votes of a
 * general meeting count only if more than half of the voting members who should attend are present.
 */
async function quorumOf(ctx: Ctx, m: repo.MeetingRow): Promise<Stored['quorum']> {
  const attendees = await repo.findAttendees(ctx.db, m.id);
  const expected = attendees.filter((a) => a.expected);
  const here = (a: repo.AttendeeRow) => a.attendance === 'present' || a.attendance === 'online';
  if (m.type === 'branch_committee_meeting') {
    // 委员: the committee's current members — invited guests do not count, and a member marked "not
    // expected" is still a 委员 whose absence counts against the quorum.
    const committee = new Set((await currentLeaders(ctx, m.orgId)).map((l) => l.memberId).filter((x): x is string => !!x));
    const present = attendees.filter((a) => committee.has(a.memberId) && here(a)).length;
    return { rule: '支部工作条例 第十二条；§10 半数以上委员到会', shouldAttend: committee.size, present, met: committeeQuorumMet(committee.size, present) };
  }
  if (m.type === 'branch_general_meeting') {
    // Voting rights: full members (probationary members do not vote; suspended ones are not on the roster).
    const full = new Set((await activeRoster(ctx, { orgId: m.orgId })).filter((r) => r.status === 'full').map((r) => r.id));
    const voters = expected.filter((a) => full.has(a.memberId));
    const present = voters.filter(here).length;
    return { rule: '发展党员工作细则 第十九条；§10 应到会有表决权党员过半数', shouldAttend: voters.length, present, met: generalMeetingVoteValid(voters.length, present) };
  }
  return null;
}

/** POST /api/meetings/:id/confirm — by the recorder or the host (the account linked to that member). */
export async function confirmMinutes(ctx: Ctx, input: { id: string }): Promise<MinutesView> {
  const actor = requireActor(ctx);
  const m = await loadMeetingFor(ctx, input.id);
  return inTransaction(ctx, async (tx) => {
    // Under the row lock: a confirmation never writes back minutes an edit replaced meanwhile.
    if ((await repo.lockMeeting(tx.db, m.id)) !== 'minutes_draft') throw new AppError('LIFE_STATUS_INVALID', { message: '会议记录尚未填写，或已确认' });
    const minutes = (await storedMinutes(tx, m.id))!;
    const asRecorder = actor.memberId === minutes.recorderMemberId;
    const asHost = actor.memberId === minutes.hostMemberId;
    if (!asRecorder && !asHost) throw new AppError('LIFE_NOT_CONFIRMER');
    const now = tx.clock.now().toISOString();
    const next: Stored = {
      ...minutes,
      confirmedByRecorderAt: asRecorder ? (minutes.confirmedByRecorderAt ?? now) : minutes.confirmedByRecorderAt,
      confirmedByHostAt: asHost ? (minutes.confirmedByHostAt ?? now) : minutes.confirmedByHostAt,
    };
    const both = !!next.confirmedByRecorderAt && !!next.confirmedByHostAt;
    if (both) {
      next.quorum = await quorumOf(tx, m);
      const votes = minutes.votes.length > 0;
      if (next.quorum && !next.quorum.met && (m.type === 'branch_committee_meeting' || votes)) {
        throw new AppError('LIFE_QUORUM_NOT_MET', { message: `到会人数未达到规定（应到 ${next.quorum.shouldAttend}，实到 ${next.quorum.present}；${next.quorum.rule}）` });
      }
    }
    await saveMinutes(tx, m.id, next, both ? 'confirmed' : 'minutes_draft', tx.clock.now());
    await writeAudit(tx, { action: 'life.minutes.confirm', targetType: 'meeting', targetId: m.id, targetOrgPath: m.orgPath, details: { asRecorder, asHost, complete: both } });
    // Attendance is final once both have signed: the points module hears of it through the outbox (the
    // job commits with the confirmation, or not at all). A record corrected and confirmed again sends a
    // new event, and the points of that meeting are recomputed, not added twice.
    if (both) await enqueueJob(tx, { name: 'points.meeting_confirmed', payload: { meetingId: m.id }, dedupeKey: `points.meeting_confirmed:${m.id}:${next.confirmedByHostAt}:${next.confirmedByRecorderAt}` });
    return next;
  });
}

/**
 * POST /api/meetings/:id/review — 审核 by the upper level only: a grant of life.review over the meeting's
 * org that is not at the org itself. Approve locks the record under a hash chained to the org's previous
 * approved one; return sends it back with comments.
 */
export async function reviewMinutes(ctx: Ctx, input: { id: string; decision: 'approve' | 'return'; comment?: string | undefined }): Promise<MinutesView> {
  const actor = requireActor(ctx);
  const m = await loadMeetingFor(ctx, input.id);
  // The upper level: life.review covering the org's parent (a grant at the branch itself does not count).
  const parentOrgPath = parentPath(m.orgPath);
  const grant = parentOrgPath.length > 1 ? coveringGrant(actor, 'life.review', parentOrgPath) : undefined;
  if (!grant) throw new AppError('LIFE_REVIEW_NOT_UPPER_LEVEL');
  const comment = input.comment?.trim() || null;
  if (input.decision === 'return' && !comment) throw fieldError('LIFE_RETURN_COMMENT_REQUIRED', 'comment');
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    // One decision per confirmed record, and approvals of one org one after another: each approved record
    // chains onto the one approved before it (the org row is the chain's lock).
    if (input.decision === 'approve') await repo.lockOrgChain(tx.db, m.orgId);
    if ((await repo.lockMeeting(tx.db, m.id)) !== 'confirmed') throw new AppError('LIFE_STATUS_INVALID', { message: '只有记录人和主持人都已确认的会议记录才能审核' });
    const minutes = (await storedMinutes(tx, m.id))!;
    const next: Stored = { ...minutes, review: { decision: input.decision, comment, by: actor.displayName ?? actor.username, at: now.toISOString() } };
    if (input.decision === 'approve') {
      const prev = await one<{ hash: string | null }>(
        tx.db,
        sql`SELECT minutes->>'hash' AS hash FROM meeting WHERE org_id = ${m.orgId} AND status = 'approved' ORDER BY updated_at DESC, id DESC LIMIT 1`,
      );
      const attendees = await repo.findAttendees(tx.db, m.id);
      next.hash = tx.crypto.sm3(approvalHashInput({ prev: prev?.hash ?? null, meeting: m, minutes: next, attendees }));
    }
    await saveMinutes(tx, m.id, next, input.decision === 'approve' ? 'approved' : 'returned', now);
    await writeAudit(tx, {
      action: input.decision === 'approve' ? 'life.minutes.approve' : 'life.minutes.return',
      targetType: 'meeting',
      targetId: m.id,
      targetOrgPath: m.orgPath,
      actingForOrgId: grant.orgId,
      details: { comment, ...(next.hash ? { hash: next.hash } : {}) },
    });
    return next;
  });
}

/**
 * POST /api/meetings/:id/corrections — an approved record is locked and keeps its hash; what was wrong
 * is appended here with the reason, by the branch that keeps the record, and shown with it everywhere.
 */
export async function appendCorrection(ctx: Ctx, input: { id: string; reason: string; content: string }) {
  const actor = requireActor(ctx);
  const m = await loadMeetingFor(ctx, input.id, 'life.write');
  if (m.status !== 'approved') throw new AppError('LIFE_STATUS_INVALID', { message: '未锁定的会议记录请直接修改并填写修改原因；这里只为已审核锁定的记录追加更正' });
  const at = ctx.clock.now();
  const by = actor.displayName ?? actor.username;
  return inTransaction(ctx, async (tx) => {
    const id = await repo.insertCorrection(tx.db, { meetingId: m.id, reason: input.reason, content: input.content, byName: by, byAccount: actor.accountId, at });
    await writeAudit(tx, {
      action: 'life.minutes.append_correction',
      targetType: 'meeting',
      targetId: m.id,
      targetOrgPath: m.orgPath,
      actingForOrgId: coveringGrant(actor, 'life.write', m.orgPath)?.orgId ?? null,
      details: { correctionId: id, reason: input.reason },
    });
    return { id, reason: input.reason, content: input.content, by, at: at.toISOString() };
  });
}
