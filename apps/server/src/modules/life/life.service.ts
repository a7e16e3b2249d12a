import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CreateMeetingInput, MeetingView, meetingListQuery, myMeetingItem, myMeetingsQuery } from '@xianfeng/contracts/life/life.schemas';
import { meetingTypeLabels, meetingTypes, type MeetingType } from '@xianfeng/contracts/life/life.enums';
import { businessDays, businessMinute } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { can, coveredPaths, coveringGrant, requireActor, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { currentLeaders, findOrgForActor } from '../org/org.service.ts';
import { activeRoster, findActiveMembersInSubtree } from '../member/member.service.ts';
import { sendNotification } from '../notify/notify.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import * as repo from './life.repository.ts';
import { hasCommittee, lifeKindOf } from './life.rules.ts';

const DAY_MS = 86_400_000;

/** A meeting type as planned: built-in (支部工作条例 第十一–十九条) or a custom one from `life.customTypes`. */
interface ResolvedType {
  type: string;
  label: string;
  /** Which org kind holds it: 党小组会 (and custom group types) in a group; the rest in a branch. */
  appliesTo: 'branch' | 'group';
}

/** 党小组会 is held by a 党小组 (支部工作条例 第十三条); every other built-in type by the branch. */
const heldBy = (type: MeetingType): 'branch' | 'group' => (type === 'group_meeting' ? 'group' : 'branch');

async function resolveType(ctx: Ctx, type: string, orgPath: string): Promise<ResolvedType> {
  if ((meetingTypes as readonly string[]).includes(type)) {
    return { type, label: meetingTypeLabels[type as MeetingType], appliesTo: heldBy(type as MeetingType) };
  }
  const custom = (await getEffectiveSetting(ctx, orgPath, 'life.customTypes')).find((c) => c.id === type);
  if (!custom) throw fieldError('LIFE_TYPE_NOT_ALLOWED', 'type', '会议类型：不是规定的会议类型，也不是本组织设置的自定义类型');
  return { type, label: custom.label, appliesTo: custom.appliesTo };
}

/** GET /api/orgs/:id/meeting-types — for the planning form of anyone who may read the org's meetings. */
export async function meetingTypeOptions(ctx: Ctx, input: { id: string }): Promise<{ items: { type: string; label: string; builtIn: boolean }[] }> {
  requirePermission(ctx, 'life.read');
  const org = await findOrgForActor(ctx, input.id, 'life.read');
  const kind = lifeKindOf(org.kind);
  if (!kind) return { items: [] };
  const builtIn = meetingTypes.filter((t) => heldBy(t) === kind).map((t) => ({ type: t as string, label: meetingTypeLabels[t], builtIn: true }));
  const custom = (await getEffectiveSetting(ctx, org.path, 'life.customTypes')).filter((c) => c.appliesTo === kind).map((c) => ({ type: c.id, label: c.label, builtIn: false }));
  return { items: [...builtIn, ...custom] };
}

/** The built-in label, else the label stored when the meeting was planned (a custom type). */
export function typeLabelOf(type: string, stored: string): string {
  return stored || meetingTypeLabels[type as MeetingType] || type;
}

/**
 * Plans a meeting (or records one after the fact: 补录). A record created after `startsAt` is a late
 * entry, needs a reason and stays marked for every upper level — the ledger must never look as if it
 * had been planned. Expected attendees are derived from the org: a branch's or group's active members,
 * the committee for a committee meeting, the two parties of a 谈心谈话.
 */
export async function createMeeting(ctx: Ctx, input: CreateMeetingInput): Promise<MeetingView> {
  const actor = requirePermission(ctx, 'life.write');
  const org = await findOrgForActor(ctx, input.orgId, 'life.write');
  const t = await resolveType(ctx, input.type, org.path);
  if (org.dissolvedOn || lifeKindOf(org.kind) !== t.appliesTo) {
    throw fieldError('LIFE_TYPE_NOT_ALLOWED', 'type', t.appliesTo === 'group' ? `会议类型：${t.label}由党小组召开` : `会议类型：${t.label}由党支部召开`);
  }
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (!(endsAt > startsAt) || endsAt.getTime() - startsAt.getTime() > DAY_MS) throw fieldError('LIFE_TIMES_INVALID', 'endsAt');
  const now = ctx.clock.now();
  const lateEntry = now > startsAt;
  const lateEntryReason = input.lateEntryReason?.trim() || null;
  if (lateEntry && !lateEntryReason) throw fieldError('LIFE_LATE_ENTRY_REASON_REQUIRED', 'lateEntryReason');

  let expected: string[];
  if (input.type === 'branch_committee_meeting') {
    const leaders = await currentLeaders(ctx, org.id);
    expected = [...new Set(leaders.map((l) => l.memberId).filter((x): x is string => !!x))];
    if (!hasCommittee(leaders.length) || expected.length === 0) throw fieldError('LIFE_TYPE_NOT_ALLOWED', 'type', '会议类型：该支部未设支部委员会（或未登记委员），不能召开支委会');
  } else if (input.type === 'heart_talk') {
    // 谈心谈话 is between two people (支部工作条例 第十九条): both are named and both are expected.
    const parties = [...new Set(input.parties ?? [])];
    if (parties.length !== 2) throw fieldError('LIFE_TALK_PARTIES_REQUIRED', 'parties');
    const roster = new Set((await activeRoster(ctx, { orgId: org.id })).map((m) => m.id));
    parties.forEach((p, i) => {
      if (!roster.has(p)) throw fieldError('LIFE_TALK_PARTIES_REQUIRED', `parties.${i}`, '谈话双方：须是本支部在册党员');
    });
    expected = parties;
  } else {
    expected = (await activeRoster(ctx, org.kind === 'group' ? { groupId: org.id } : { orgId: org.id })).map((m) => m.id);
  }

  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    await repo.insertMeeting(tx.db, { id, orgId: org.id, type: input.type, typeLabel: t.label, title: input.title, startsAt, endsAt, place: input.place, onlineUrl: input.onlineUrl ?? null, lateEntry, lateEntryReason, createdBy: actor.accountId, at: now });
    await repo.insertAttendees(tx.db, id, expected);
    await writeAudit(tx, {
      action: lateEntry ? 'life.meeting.late_entry' : 'life.meeting.create',
      targetType: 'meeting',
      targetId: id,
      targetOrgPath: org.path,
      actingForOrgId: coveringGrant(actor, 'life.write', org.path)?.orgId ?? null,
      details: { type: input.type, startsAt: input.startsAt, expected: expected.length, ...(lateEntry ? { lateEntryReason } : {}) },
    });
    if (!lateEntry && expected.length) {
      await sendNotification(tx, {
        to: { memberIds: expected },
        template: 'life.meeting_notice',
        data: { meetingId: id, title: input.title, orgName: org.name, typeName: t.label, place: input.place, startsAt: shanghaiTime(startsAt) },
        dedupeKey: `life.meeting_notice:${id}`,
        orgId: org.id,
      });
    }
  });
  return getMeeting(ctx, { id });
}

/** `2026-12-01 14:30` in Beijing time, for notices. */
export function shanghaiTime(d: Date): string {
  return businessMinute(d);
}

/**
 * Loads a meeting for the caller: staff with life.read over its org (an ancestor sees its subtree), or a
 * member who is on its attendee list. Anything else is 404.
 */
export async function loadMeetingFor(ctx: Ctx, id: string, permission: 'life.read' | 'life.write' = 'life.read'): Promise<repo.MeetingRow> {
  const actor = requireActor(ctx);
  const m = await repo.findMeeting(ctx.db, id);
  if (!m) throw notFound();
  if (can(actor, permission, m.orgPath)) return m;
  if (permission === 'life.read' && actor.memberId && (await repo.isOnList(ctx.db, id, actor.memberId))) return m;
  throw notFound();
}

export async function getMeeting(ctx: Ctx, input: { id: string }): Promise<MeetingView> {
  const m = await loadMeetingFor(ctx, input.id);
  const [attendees, leaves, counts, attachments, corrections] = await Promise.all([
    repo.findAttendees(ctx.db, m.id),
    repo.findLeaveRequests(ctx.db, m.id),
    repo.attendanceCounts(ctx.db, [m.id]),
    repo.findAttachments(ctx.db, m.id),
    repo.findAppendedCorrections(ctx.db, m.id),
  ]);
  const staff = can(ctx.actor, 'life.read', m.orgPath);
  const self = ctx.actor?.memberId ?? null;
  return {
    ...toListItem(m, counts[0]),
    // A member sees who attends and how, but the reasons (illness, leave, absence) only of themself.
    attendees: attendees.map((a) => ({
      ...a,
      checkedInAt: a.checkedInAt ? new Date(a.checkedInAt).toISOString() : null,
      ...(staff || a.memberId === self ? {} : { notExpectedReason: null, manualReason: null }),
    })),
    // A member sees who attends, but only their own leave request; staff see all.
    leaveRequests: leaves.filter((l) => staff || l.memberId === self).map((l) => ({ ...l, createdAt: new Date(l.createdAt).toISOString() })),
    attachments: attachments.map((a) => ({ ...a, createdAt: new Date(a.createdAt).toISOString() })),
    appendedCorrections: corrections.map((c) => ({ ...c, at: new Date(c.at).toISOString() })),
  };
}

function toListItem(m: repo.MeetingRow, c: repo.CountRow | undefined): Omit<MeetingView, 'attendees' | 'leaveRequests' | 'attachments' | 'appendedCorrections'> {
  return {
    id: m.id,
    orgId: m.orgId,
    orgName: m.orgName,
    type: m.type,
    typeLabel: typeLabelOf(m.type, m.typeLabel),
    title: m.title,
    startsAt: new Date(m.startsAt).toISOString(),
    endsAt: new Date(m.endsAt).toISOString(),
    place: m.place,
    onlineUrl: m.onlineUrl,
    status: m.status as MeetingView['status'],
    lateEntry: m.lateEntry,
    lateEntryReason: m.lateEntryReason,
    cancelledReason: m.cancelledReason,
    createdAt: new Date(m.createdAt).toISOString(),
    counts: { expected: c?.expected ?? 0, present: c?.present ?? 0, online: c?.online ?? 0, leave: c?.leave ?? 0 },
  };
}

/** GET /api/meetings/mine — the meetings the caller (a member) is on the list of, with their own part. */
export async function myMeetings(ctx: Ctx, q: z.infer<typeof myMeetingsQuery>): Promise<{ items: z.infer<typeof myMeetingItem>[]; total: number; page: number; pageSize: number }> {
  const actor = requireActor(ctx);
  if (!actor.memberId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const f = { from: q.from ? businessDays(q.from).from : undefined, to: q.to ? businessDays(q.to).to : undefined };
  const [items, total] = await Promise.all([
    repo.findMeetingsOfMember(ctx.db, actor.memberId, { ...f, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    repo.countMeetingsOfMember(ctx.db, actor.memberId, f),
  ]);
  const counts = new Map((await repo.attendanceCounts(ctx.db, items.map((i) => i.id))).map((c) => [c.meetingId, c]));
  return {
    items: items.map((m) => ({
      ...toListItem(m, counts.get(m.id)),
      myExpected: m.myExpected,
      myAttendance: m.myAttendance as z.infer<typeof myMeetingItem>['myAttendance'],
      myLeaveStatus: m.myLeaveStatus as z.infer<typeof myMeetingItem>['myLeaveStatus'],
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * A confirmed meeting's attendance as the points module reads it (through the outbox job, system
 * context): who was expected, how each attended, and who hosted and recorded.
 */
export interface MeetingAttendanceRecord {
  meetingId: string;
  orgId: string;
  orgPath: string;
  type: string;
  title: string;
  date: string;
  status: string;
  hostMemberId: string | null;
  recorderMemberId: string | null;
  attendees: { memberId: string; expected: boolean; attendance: string | null }[];
}

export async function meetingAttendanceRecord(ctx: Ctx, meetingId: string): Promise<MeetingAttendanceRecord | null> {
  const m = await repo.findMeeting(ctx.db, meetingId);
  if (!m) return null;
  const [attendees, minutes] = await Promise.all([repo.findAttendees(ctx.db, m.id), repo.findMinutesPeople(ctx.db, m.id)]);
  return {
    meetingId: m.id,
    orgId: m.orgId,
    orgPath: m.orgPath,
    type: m.type,
    title: m.title,
    date: shanghaiTime(new Date(m.startsAt)).slice(0, 10),
    status: m.status,
    hostMemberId: minutes?.hostMemberId ?? null,
    recorderMemberId: minutes?.recorderMemberId ?? null,
    attendees: attendees.map((a) => ({ memberId: a.memberId, expected: a.expected, attendance: a.attendance })),
  };
}

/** Meetings in the caller's life.read scope (or one org of it), newest first. */
export async function listMeetings(ctx: Ctx, q: z.infer<typeof meetingListQuery>) {
  const actor = requirePermission(ctx, 'life.read');
  let paths = coveredPaths(actor, 'life.read');
  if (q.orgId) {
    const org = await findOrgForActor(ctx, q.orgId, 'life.read');
    paths = [org.path];
  }
  const f = {
    paths,
    orgId: q.orgId,
    from: q.from ? businessDays(q.from).from : undefined,
    to: q.to ? businessDays(q.to).to : undefined,
  };
  const [items, total] = await Promise.all([repo.findMeetingsIn(ctx.db, { ...f, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }), repo.countMeetingsIn(ctx.db, f)]);
  const counts = new Map((await repo.attendanceCounts(ctx.db, items.map((i) => i.id))).map((c) => [c.meetingId, c]));
  return { items: items.map((m) => toListItem(m, counts.get(m.id))), total, page: q.page, pageSize: q.pageSize };
}


/**
 * POST /api/meetings/:id/cancel — a planned meeting that will not take place, with the reason on record
 * (a cancelled meeting never counts and is never deleted). Expected members are told.
 */
export async function cancelMeeting(ctx: Ctx, input: { id: string; reason: string }): Promise<MeetingView> {
  const actor = requirePermission(ctx, 'life.write');
  const m = await loadMeetingFor(ctx, input.id, 'life.write');
  await inTransaction(ctx, async (tx) => {
    if (!(await repo.cancel(tx.db, m.id, input.reason, tx.clock.now()))) throw new AppError('LIFE_STATUS_INVALID', { message: '只有尚未开始记录的会议可以取消' });
    await writeAudit(tx, {
      action: 'life.meeting.cancel',
      targetType: 'meeting',
      targetId: m.id,
      targetOrgPath: m.orgPath,
      actingForOrgId: coveringGrant(actor, 'life.write', m.orgPath)?.orgId ?? null,
      details: { reason: input.reason },
    });
    const expected = (await repo.findAttendees(tx.db, m.id)).filter((a) => a.expected).map((a) => a.memberId);
    if (expected.length && tx.clock.now() < new Date(m.startsAt)) {
      await sendNotification(tx, {
        to: { memberIds: expected },
        template: 'notice.generic',
        data: { title: `会议取消：${m.title}`, body: `原定 ${shanghaiTime(new Date(m.startsAt))} 在 ${m.place} 召开的${typeLabelOf(m.type, m.typeLabel)}取消。原因：${input.reason}` },
        dedupeKey: `life.meeting_cancel:${m.id}`,
        orgId: m.orgId,
      });
    }
  });
  return getMeeting(ctx, { id: m.id });
}

/**
 * POST /api/meetings/:id/attendees — invites more members before or during the meeting (an upper-level
 * leader at a 双重组织生活会, a 双报到 member). Only members the caller manages can be added; they are
 * expected and, if the meeting is still ahead, get the notice.
 */
export async function addAttendees(ctx: Ctx, input: { id: string; memberIds: string[] }): Promise<MeetingView> {
  const actor = requirePermission(ctx, 'life.write');
  const m = await loadMeetingFor(ctx, input.id, 'life.write');
  if (m.status !== 'planned' && m.status !== 'in_progress') throw new AppError('LIFE_STATUS_INVALID', { message: '会议记录已开始填写，应到人员请在会议记录中调整' });
  const ids = [...new Set(input.memberIds)];
  const found = new Set<string>();
  for (const path of coveredPaths(actor, 'life.write')) {
    for (const r of await findActiveMembersInSubtree(ctx, { path, ids })) found.add(r.id);
  }
  ids.forEach((id, i) => {
    if (!found.has(id)) throw fieldError('LIFE_MINUTES_PERSON_INVALID', `memberIds.${i}`, '党员：不存在、已不在册或不在您的管理范围内');
  });
  await inTransaction(ctx, async (tx) => {
    await repo.addAttendees(tx.db, m.id, ids);
    await writeAudit(tx, {
      action: 'life.attendees.add',
      targetType: 'meeting',
      targetId: m.id,
      targetOrgPath: m.orgPath,
      actingForOrgId: coveringGrant(actor, 'life.write', m.orgPath)?.orgId ?? null,
      details: { memberIds: ids },
    });
    if (tx.clock.now() < new Date(m.startsAt)) {
      await sendNotification(tx, {
        to: { memberIds: ids },
        template: 'life.meeting_notice',
        data: { meetingId: m.id, title: m.title, orgName: m.orgName, typeName: typeLabelOf(m.type, m.typeLabel), place: m.place, startsAt: shanghaiTime(new Date(m.startsAt)) },
        dedupeKey: `life.meeting_notice:${m.id}:${tx.clock.now().getTime()}`,
        orgId: m.orgId,
      });
    }
  });
  return getMeeting(ctx, { id: m.id });
}

/** DELETE /api/meetings/:id/attendees/:memberId — before the meeting, someone listed by mistake (no check-in, no leave request). */
export async function removeAttendee(ctx: Ctx, input: { id: string; memberId: string }): Promise<MeetingView> {
  const actor = requirePermission(ctx, 'life.write');
  const m = await loadMeetingFor(ctx, input.id, 'life.write');
  if (m.status !== 'planned') throw new AppError('LIFE_STATUS_INVALID', { message: '会议开始后不能移除人员：不计入应到的请在会议记录中说明原因' });
  await inTransaction(ctx, async (tx) => {
    if (!(await repo.removeAttendee(tx.db, m.id, input.memberId))) throw new AppError('LIFE_STATUS_INVALID', { message: '该党员不在名单中，或已签到、已请假，不能移除' });
    await writeAudit(tx, {
      action: 'life.attendees.remove',
      targetType: 'meeting',
      targetId: m.id,
      targetOrgPath: m.orgPath,
      actingForOrgId: coveringGrant(actor, 'life.write', m.orgPath)?.orgId ?? null,
      details: { memberId: input.memberId },
    });
  });
  return getMeeting(ctx, { id: m.id });
}

// For the statistics module (modules reach each other through their services): compliance counts of a subtree.
export { complianceCountsForStatistics, type ComplianceCounts } from './life.stats.ts';
