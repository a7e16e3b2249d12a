import { randomUUID } from 'node:crypto';
import type { MinutesView } from '@xianfeng/contracts/life/life.schemas';
import { committeeQuorumMet, generalMeetingVoteValid } from '../modules/life/life.rules.ts';
import { addMonths } from '../platform/dates.ts';
import type { Rng } from './demo-data.ts';
import { ABSENCE_REASONS, D, H, LEAVE_REASONS, RETURN_COMMENT, at, type Branch, type Person, type Spec } from './demo-life.plan.ts';

/** The demo year's plan turned into rows: times, statuses, attendance, minutes and reviews, in memory. */

export interface MeetingRow {
  id: string;
  orgId: string;
  type: string;
  title: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  lateEntry: boolean;
  lateEntryReason: string | null;
  cancelledReason: string | null;
  minutes: Stored | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface AttendeeRow {
  meetingId: string;
  person: Person;
  expected: boolean;
  notExpectedReason: string | null;
  attendance: 'present' | 'online' | 'leave' | 'absent' | null;
  checkedInAt: Date | null;
  method: 'qr' | 'manual' | null;
  manualReason: string | null;
  markedBy: string | null;
}

export interface LeaveRow {
  meetingId: string;
  memberId: string;
  reason: string;
  decidedBy: string | null;
  createdAt: Date;
}

export type Stored = MinutesView;

const later = (a: Date, ms: number) => new Date(a.getTime() + ms);

/** Turns the plan into rows: times, statuses by what has happened by now, attendance, minutes, reviews, hashes. */
export function materialise(r: Rng, specs: Spec[], branches: Map<string, Branch>, now: Date) {
  const meetings: MeetingRow[] = [];
  const attendees: AttendeeRow[] = [];
  const leaves: LeaveRow[] = [];
  for (const s of specs) {
    const b = branches.get(s.branchId)!;
    const id = randomUUID();
    const startsAt = at(s.date, s.time);
    const endsAt = later(startsAt, s.minutes * 60_000);
    let createdAt = s.late ? later(endsAt, r.int(1, 9) * D + r.int(1, 8) * H) : later(startsAt, -(r.int(3, 12) * D + r.int(1, 6) * H));
    // A late entry not made yet is not in the system at all; a plan is never made in the future.
    if (s.late && createdAt > now) continue;
    if (createdAt > now) createdAt = later(now, -r.int(1, 48) * H);
    const row: MeetingRow = {
      id,
      orgId: s.orgId,
      type: s.type,
      title: s.title,
      place: s.place,
      startsAt,
      endsAt,
      status: 'planned',
      lateEntry: !!s.late,
      lateEntryReason: s.late ?? null,
      cancelledReason: null,
      minutes: null,
      createdBy: b.account,
      createdAt,
      updatedAt: createdAt,
      version: 1,
    };
    meetings.push(row);
    const list: AttendeeRow[] = s.people.map((person) => ({ meetingId: id, person, expected: true, notExpectedReason: null, attendance: null, checkedInAt: null, method: null, manualReason: null, markedBy: null }));
    attendees.push(...list);
    if (s.cancelled) {
      const cancelledAt = later(startsAt, -r.int(1, 2) * D);
      Object.assign(row, { status: 'cancelled', cancelledReason: s.cancelled, updatedAt: cancelledAt, version: 2 });
      continue;
    }
    if (startsAt > now) continue;

    // Who came. The secretary hosts (a group's first member hosts its meeting); the host and recorder are there.
    const onList = (p: Person | undefined) => (p && s.people.includes(p) ? p : undefined);
    const host = (s.who === 'group' ? s.people[0] : onList(b.leaders[0])) ?? s.people[0]!;
    const recorder = (s.who === 'talk' || s.who === 'group' || s.who === 'committee' ? onList(s.people[1]) : onList(b.leaders[1])) ?? host;
    const pPresent = { model: 0.88, steady: 0.82, late: 0.78, gaps: 0.7, sparse: 0.66 }[b.profile] - (b.retired ? 0.1 : 0) + (s.who === 'committee' ? 0.12 : 0);
    const noReasons = s.force === 'returned';
    for (const a of list) {
      const keyPerson = a.person === host || a.person === recorder || s.who === 'talk';
      const u = r.next();
      if (!keyPerson && a.person.mobile && s.who === 'branch') {
        if (u < 0.35) Object.assign(a, { expected: false, notExpectedReason: '外出流动（在外地务工），不计入应到' });
        else if (u < 0.8) Object.assign(a, { attendance: 'online', method: 'manual', manualReason: '流动党员视频参会', markedBy: b.account });
        else Object.assign(a, { attendance: 'leave', method: 'manual', manualReason: '在外地务工', markedBy: b.account });
      } else if (keyPerson || u < pPresent) {
        const byQr = !s.late && r.chance(0.92);
        Object.assign(a, {
          attendance: 'present',
          method: byQr ? 'qr' : 'manual',
          manualReason: byQr ? null : s.late ? '会后根据纸质签到表补录' : '手机未带，组织者核对后补签',
          markedBy: byQr ? null : b.account,
        });
      } else if (u < pPresent + (1 - pPresent) * 0.6) {
        Object.assign(a, { attendance: 'leave', method: 'manual', manualReason: r.pick(LEAVE_REASONS), markedBy: b.account });
        if (!s.late) leaves.push({ meetingId: id, memberId: a.person.id, reason: a.manualReason!, decidedBy: b.account, createdAt: later(startsAt, -r.int(2, 40) * H) });
      } else if (!noReasons) {
        Object.assign(a, { attendance: 'absent', method: 'manual', manualReason: r.pick(ABSENCE_REASONS), markedBy: b.account });
      }
    }
    // A committee meeting without its quorum could not be confirmed (life.minutes.ts): those committees all came.
    if (s.who === 'committee' && !committeeQuorumMet(list.length, list.filter((a) => a.attendance === 'present').length)) {
      for (const a of list) Object.assign(a, { attendance: 'present', method: 'qr', manualReason: null, markedBy: null });
      for (let i = leaves.length - 1; i >= 0 && leaves[i]!.meetingId === id; i--) leaves.splice(i, 1);
    }
    for (const a of list) {
      if (a.attendance === 'present' || a.attendance === 'online') a.checkedInAt = s.late ? later(createdAt, r.int(1, 60) * 1000) : later(startsAt, -r.int(1, 20) * 60_000);
    }

    // What has happened by now: minutes written, confirmed by the recorder then the host, reviewed above.
    const writtenAt = later(s.late ? createdAt : endsAt, r.int(2, 20) * H);
    const recorderAt = later(writtenAt, r.int(2, 40) * H);
    const hostAt = later(recorderAt, r.int(1, 20) * H);
    const reviewAt = later(hostAt, r.int(2, 10) * D + r.int(0, 8) * H);
    const unreviewed = r.chance({ model: 0.05, steady: 0.12, late: 0.2, gaps: 0.3, sparse: 0.3 }[b.profile]);
    let status: string;
    if (writtenAt > now) status = 'in_progress';
    else if (hostAt > now || s.force === 'minutes_draft') status = 'minutes_draft';
    else if (s.force === 'returned') status = reviewAt > now ? 'confirmed' : 'returned';
    else if (reviewAt > now || unreviewed) status = 'confirmed';
    else status = 'approved';
    if (status === 'in_progress') {
      // Just ended: check-ins and approved leave are in; absences are only named with the minutes.
      for (const a of list) if (a.attendance === 'absent') Object.assign(a, { attendance: null, method: null, manualReason: null, markedBy: null });
      Object.assign(row, { status, updatedAt: startsAt, version: 2 });
      continue;
    }
    const here = (a: AttendeeRow) => a.attendance === 'present' || a.attendance === 'online';
    const expected = list.filter((a) => a.expected);
    const signed = status !== 'minutes_draft';
    let quorum: Stored['quorum'] = null;
    let votes: Stored['votes'] = [];
    if (signed && s.type === 'branch_committee_meeting') {
      const present = expected.filter(here).length;
      quorum = { rule: '支部工作条例 第十二条；§10 半数以上委员到会', shouldAttend: expected.length, present, met: committeeQuorumMet(expected.length, present) };
    }
    if (signed && s.type === 'branch_general_meeting') {
      const voters = expected.filter((a) => a.person.full);
      const present = voters.filter(here).length;
      quorum = { rule: '发展党员工作细则 第十九条；§10 应到会有表决权党员过半数', shouldAttend: voters.length, present, met: generalMeetingVoteValid(voters.length, present) };
      if (quorum.met && r.chance(0.3)) votes = [{ item: '通过支部本季度工作安排', yes: present - 1, no: 0, abstain: 1 }];
    }
    const presentCount = expected.filter(here).length;
    const decisions =
      s.type === 'branch_committee_meeting'
        ? [r.pick(['下月主题党日按固定组织生活日举行', '安排委员分片走访困难党员', '确定本季度志愿服务项目'])]
        : s.type === 'branch_general_meeting'
          ? ['通过支部本季度工作安排']
          : [];
    const minutes: Stored = {
      hostMemberId: host.id,
      recorderMemberId: recorder.id,
      topics: [s.topic],
      keyPoints: `${host.name}主持${s.who === 'talk' ? `，与${s.people[1]!.name}谈心谈话，双方坦诚交流了思想、工作和生活情况。` : `。应到 ${expected.length} 人，实到 ${presentCount} 人。围绕“${s.topic}”开展学习讨论，${Math.max(1, Math.min(presentCount, r.int(2, 8)))} 名党员交流发言。`}`,
      decisions,
      votes,
      followUps: s.type === 'branch_committee_meeting' ? [{ task: '落实会议确定事项并在下次支委会通报', ownerName: recorder.name, deadline: addMonths(s.date, 1) }] : [],
      absences: list.filter((a) => a.expected && a.attendance === 'absent').map((a) => ({ memberId: a.person.id, reason: a.manualReason! })),
      notExpected: list.filter((a) => !a.expected).map((a) => ({ memberId: a.person.id, reason: a.notExpectedReason! })),
      confirmedByRecorderAt: recorderAt <= now ? recorderAt.toISOString() : null,
      confirmedByHostAt: signed ? hostAt.toISOString() : null,
      sameHostAndRecorder: host.id === recorder.id,
      quorum,
      review: null,
      corrections: [],
      hash: null,
    };
    if (status === 'approved' || status === 'returned') {
      minutes.review = status === 'approved' ? { decision: 'approve', comment: r.pick([null, '记录完整，同意。', '同意。']), by: b.reviewer, at: reviewAt.toISOString() } : { decision: 'return', comment: RETURN_COMMENT, by: b.reviewer, at: reviewAt.toISOString() };
    }
    const last = minutes.review ? reviewAt : signed ? hostAt : recorderAt <= now ? recorderAt : writtenAt;
    // created, in progress, written, each confirmation, the review: one version each.
    const version = status === 'minutes_draft' ? (recorderAt <= now ? 4 : 3) : status === 'confirmed' ? 5 : 6;
    Object.assign(row, { status, minutes, updatedAt: last, version });
  }
  return { meetings, attendees, leaves };
}
