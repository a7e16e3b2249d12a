import type { BranchPointsView, MyPointsView, NoParticipationView } from '@xianfeng/contracts/points/points.schemas';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/http/errors.ts';
import { parentPath, requireActor, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { findOrgForActor } from '../org/org.service.ts';
import { activeRoster } from '../member/member.service.ts';
import { meetingAttendanceRecord } from '../life/life.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import * as repo from './points.repository.ts';
import { compareByName, meetingPointsPlan, orderBranchMembers, parsePeriod, yearPeriod, type Period } from './points.rules.ts';

/**
 * 党员积分: events written from confirmed meetings (through the outbox job), a member's own points, a
 * branch's list (ranking off unless the branch turns it on) and the members with no participation.
 */

const currentYear = (ctx: Ctx) => Number(ctx.clock.today().slice(0, 4));

/**
 * Job `points.meeting_confirmed` {meetingId}: replaces the meeting's events with those of its confirmed
 * attendance under the rules effective at the meeting's org, in one transaction — a re-run, or a record
 * corrected and confirmed again, never doubles. Points are fixed at confirmation: a later change of the
 * rules does not rewrite past events.
 */
export async function applyMeetingPoints(ctx: Ctx, input: { meetingId: string }): Promise<{ replaced: boolean; events: number }> {
  const record = await meetingAttendanceRecord(ctx, input.meetingId);
  if (!record) return { replaced: false, events: 0 };
  const rules = await getEffectiveSetting(ctx, record.orgPath, 'points.rules');
  const plan = meetingPointsPlan(record, rules);
  if (plan.action === 'keep') return { replaced: false, events: 0 };
  return inTransaction(ctx, async (tx) => {
    const source = { sourceType: 'meeting' as const, sourceId: record.meetingId };
    const removed = await repo.deleteEventsBySource(tx.db, source);
    await repo.insertEvents(tx.db, plan.events.map((e) => ({ ...e, ...source, orgId: record.orgId })), tx.clock.now());
    // One audit event per run with its counts (a bulk write, ARCHITECTURE §7), never one per member.
    await writeAudit(tx, {
      action: 'points.meeting.apply',
      targetType: 'meeting',
      targetId: record.meetingId,
      targetOrgPath: record.orgPath,
      details: { status: record.status, removed, inserted: plan.events.length, total: plan.events.reduce((s, e) => s + e.points, 0) },
    });
    return { replaced: true, events: plan.events.length };
  });
}

/** GET /api/points/me — the caller's own events of a year, newest first; an account without a member has none. */
export async function myPoints(ctx: Ctx, input: { year?: number | undefined }): Promise<MyPointsView> {
  const actor = requireActor(ctx);
  const year = input.year ?? currentYear(ctx);
  if (!actor.memberId) return { memberId: null, year, total: 0, events: [] };
  const p = yearPeriod(year);
  const events = await repo.findEventsByMemberAndDates(ctx.db, { memberId: actor.memberId, from: p.start, to: p.end });
  return { memberId: actor.memberId, year, total: events.reduce((s, e) => s + e.points, 0), events };
}

interface PointsOrg {
  id: string;
  path: string;
  /** The branch whose subtree holds the events that count (a 党小组's is its parent branch). */
  branchPath: string;
  roster: { id: string; name: string }[];
}

/**
 * The branch or 党小组 the caller reads points of: points.read over it (403 without the permission
 * anywhere, 404 out of scope), and an org that holds members — upper levels have no points list, so there
 * is no ranking across a subtree.
 */
async function loadPointsOrg(ctx: Ctx, id: string): Promise<PointsOrg> {
  requirePermission(ctx, 'points.read');
  const org = await findOrgForActor(ctx, id, 'points.read');
  const isGroup = org.kind === 'group';
  if (!isGroup && !memberHoldingKinds.includes(org.kind)) throw new AppError('POINTS_ORG_KIND_INVALID');
  const roster = await activeRoster(ctx, isGroup ? { groupId: org.id } : { orgId: org.id });
  return { id: org.id, path: org.path, branchPath: isGroup ? parentPath(org.path) : org.path, roster };
}

/**
 * GET /api/orgs/:id/points — every active member with the year's total, attendance and absences. Ranking
 * follows `points.rankingEnabled` as effective at this org (default off). Not audited, like the member list:
 * exports and unmasking are what the codebase audits among reads.
 */
export async function branchPoints(ctx: Ctx, input: { id: string; year?: number | undefined }): Promise<BranchPointsView> {
  const org = await loadPointsOrg(ctx, input.id);
  const year = input.year ?? currentYear(ctx);
  const p = yearPeriod(year);
  const [sums, rankingEnabled] = await Promise.all([
    repo.sumEventsByMembersInSubtree(ctx.db, { memberIds: org.roster.map((m) => m.id), path: org.branchPath, from: p.start, to: p.end }),
    getEffectiveSetting(ctx, org.path, 'points.rankingEnabled'),
  ]);
  const byMember = new Map(sums.map((s) => [s.memberId, s]));
  const members = org.roster.map((m) => {
    const s = byMember.get(m.id);
    return { memberId: m.id, name: m.name, total: s?.total ?? 0, attended: s?.attended ?? 0, absentWithoutLeave: s?.absentWithoutLeave ?? 0 };
  });
  return { orgId: org.id, year, rankingEnabled, members: orderBranchMembers(members, rankingEnabled) };
}

function periodOf(key: string): Period {
  const period = parsePeriod(key);
  if (!period) throw fieldError('VALIDATION_FAILED', 'period', '统计周期：应为 2026-11、2026-Q4 或 2026 的形式');
  return period;
}

/** GET /api/orgs/:id/points/no-participation?period= — active members with no 参加 event in the period, by name. */
export async function noParticipation(ctx: Ctx, input: { id: string; period: string }): Promise<NoParticipationView> {
  const org = await loadPointsOrg(ctx, input.id);
  const period = periodOf(input.period);
  const attended = await repo.findMembersWhoAttended(ctx.db, { memberIds: org.roster.map((m) => m.id), path: org.branchPath, from: period.start, to: period.end });
  const items = org.roster
    .filter((m) => !attended.has(m.id))
    .map((m) => ({ memberId: m.id, name: m.name }))
    .sort(compareByName);
  return { orgId: org.id, period: period.key, items };
}
