import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { meetingTypeLabels, type MeetingType } from '@xianfeng/contracts/life/life.enums';
import type { MinutesView } from '@xianfeng/contracts/life/life.schemas';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import { settingsCatalogue } from '@xianfeng/contracts/settings/settings.catalogue';
import type { Ctx } from '../platform/context.ts';
import { rows } from '../platform/db/db.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { addMonths, daysInMonth } from '../platform/dates.ts';
import { approvalHashInput, committeeQuorumMet, fixedDayOf, generalMeetingVoteValid, hasCommittee } from '../modules/life/life.rules.ts';
import { rng, type Rng } from './demo-data.ts';

/**
 * A year of organisational life for the demo district (the twelve months up to the seed's today), so the
 * compliance boards, ledgers and meeting lists show something true. Every branch of the demo communities
 * (春晖, 和平) and of the demo streets' own units gets its theme days, committee, group and general
 * meetings, lectures, the annual 组织生活会 and 民主评议, and talks, with attendees (present, online, on
 * leave with a request, absent with a reason, not expected), minutes in the shape the app writes
 * (`minutesView`), recorder and host confirmations and the upper level's review.
 *
 * Branches differ on purpose: 春晖社区第一网格 (branch1) is complete and mostly approved; 第二网格 records
 * some meetings late (补录, with reasons) and has one returned with a comment; 第三网格 has gaps (overdue
 * months, minutes left in draft); the other branches draw a profile. Approved records carry the
 * hash the review step would have given them (chained per org, in review order).
 *
 * Set-based: everything is planned in memory and written with a few multi-row inserts, inside the seed's
 * transaction (so it is idempotent with it: the seed runs once, all or nothing).
 */

type Profile = 'model' | 'steady' | 'late' | 'gaps' | 'sparse';
type Who = 'branch' | 'committee' | 'group' | 'talk';

interface Person {
  id: string;
  name: string;
  full: boolean;
  mobile: boolean;
}

interface Branch {
  id: string;
  name: string;
  profile: Profile;
  retired: boolean;
  members: Person[];
  /** Current leaders, secretary first. */
  leaders: Person[];
  groups: { id: string; name: string; members: Person[] }[];
  place: string;
  reviewer: string;
  account: string | null;
}

interface Spec {
  /** The branch whose story this is (its profile, secretary and reviewer). */
  branchId: string;
  /** The org holding the meeting: the branch, or one of its 党小组. */
  orgId: string;
  type: MeetingType;
  title: string;
  place: string;
  date: string;
  time: string;
  minutes: number;
  who: Who;
  people: Person[];
  topic: string;
  late?: string;
  force?: 'returned' | 'confirmed' | 'minutes_draft';
  cancelled?: string;
}

const FIXED_DAY = settingsCatalogue['life.fixedDay'].default;
const H = 3_600_000;
const D = 24 * H;
const pad2 = (n: number) => String(n).padStart(2, '0');
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
const monthNo = (month: string) => Number(month.slice(5, 7));

const TOPICS: Record<MeetingType, readonly string[]> = {
  theme_day: ['学习党的二十届四中全会精神', '重温入党誓词，开展“七一”主题党日', '社区环境整治志愿服务', '学习《中国共产党支部工作条例（试行）》', '走访慰问困难党员和老党员', '“我为群众办实事”实践活动', '学习习近平总书记关于基层治理的重要论述', '观看红色教育影片并交流体会', '垃圾分类宣传志愿服务', '防范电信网络诈骗宣传', '重阳节敬老志愿服务', '集中交纳党费，通报党费收缴情况'],
  branch_committee_meeting: ['研究本月主题党日活动安排', '讨论发展党员工作', '研究网格内困难群众帮扶事项', '研究党费收缴和使用情况', '研究志愿服务项目安排', '分析党员思想状况，安排谈心谈话', '研究“双报到”党员认领服务项目'],
  branch_general_meeting: ['通报支部上季度工作，部署本季度工作', '学习传达上级党组织会议精神', '讨论支部年度工作计划', '听取党员代表意见建议'],
  party_lecture: ['坚定理想信念，践行初心使命', '学习党章，增强党性修养', '在基层治理中发挥党员先锋模范作用', '弘扬伟大建党精神'],
  org_life_meeting: ['对照检查，开展批评和自我批评'],
  democratic_appraisal: ['党员自评、互评和民主测评'],
  heart_talk: ['了解思想、工作和生活情况，交流意见'],
  group_meeting: ['学习党的创新理论', '楼栋议事：加装电梯意见征集', '交流学习体会', '学习《中国共产党党员教育管理工作条例》'],
};
const LATE_REASONS = ['会议当天网络故障，未能在系统中预先登记，会后根据签到表补录', '书记外出参加培训，由组织委员会后补录', '临时召开，会后补录', '系统账号密码遗忘，会后补录'];
const LEAVE_REASONS = ['外出就医', '照顾生病家属', '出差', '单位加班', '身体不适', '外出探亲'];
const ABSENCE_REASONS = ['临时有事，未及时请假', '身体不适，未能及时请假', '电话联系不上，已安排会后补学', '值班'];
const RETURN_COMMENT = '缺席人员未注明原因，请补充后重新提交。';

/** Seeds the year's meetings of the demo branches (called once, inside the demo seed's transaction). */
export async function seedDemoLife(ctx: Ctx, opts: { log?: (s: string) => void } = {}): Promise<{ meetings: number; attendees: number }> {
  const r = rng(20261123);
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  const branches = await loadBranches(ctx, r);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(`${today.slice(0, 7)}-01`, i - 11).slice(0, 7));

  const specs = branches.flatMap((b) => schedule(b, r, months, today));
  const out = materialise(r, specs, new Map(branches.map((b) => [b.id, b])), now);
  await insertAll(ctx, out);
  await chainHashes(ctx, out.meetings);

  await writeAudit(ctx, {
    action: 'life.meeting.bulk_create',
    targetType: 'meeting',
    details: { source: 'demo-seed', meetings: out.meetings.length, attendees: out.attendees.length, from: `${months[0]}-01`, to: today },
  });
  opts.log?.(`  ${out.meetings.length} meetings with ${out.attendees.length} attendee rows over ${months[0]} … ${months[11]}`);
  return { meetings: out.meetings.length, attendees: out.attendees.length };
}

async function loadBranches(ctx: Ctx, r: Rng): Promise<Branch[]> {
  const kinds = sql.join(
    memberHoldingKinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const [orgs, people, leaders, accounts] = await Promise.all([
    rows<{ id: string; name: string; kind: string; parentId: string; parentName: string }>(
      ctx.db,
      sql`SELECT o.id, o.name, o.kind, o.parent_id AS "parentId", p.name AS "parentName" FROM org o JOIN org p ON p.id = o.parent_id
          WHERE (o.kind IN (${kinds}) OR o.kind = 'group') AND o.dissolved_on IS NULL ORDER BY o.code`,
    ),
    rows<{ id: string; name: string; orgId: string; groupId: string | null; status: string; category: string }>(
      ctx.db,
      sql`SELECT id, name, org_id AS "orgId", group_id AS "groupId", status, category FROM member WHERE state = 'active' ORDER BY org_id, name, id`,
    ),
    rows<{ orgId: string; memberId: string }>(
      ctx.db,
      sql`SELECT org_id AS "orgId", member_id AS "memberId" FROM org_leader WHERE ended_on IS NULL AND member_id IS NOT NULL
          ORDER BY CASE position WHEN 'secretary' THEN 0 WHEN 'deputy_secretary' THEN 1 WHEN 'organisation_member' THEN 2 WHEN 'publicity_member' THEN 3 ELSE 4 END, name`,
    ),
    rows<{ orgId: string; role: string; id: string; displayName: string | null }>(
      ctx.db,
      sql`SELECT g.org_id AS "orgId", g.role, a.id, a.display_name AS "displayName" FROM "grant" g JOIN account a ON a.id = g.account_id WHERE g.role IN ('org_admin', 'secretary')`,
    ),
  ]);
  const person = new Map<string, Person & { orgId: string; groupId: string | null }>();
  for (const p of people) person.set(p.id, { id: p.id, name: p.name, full: p.status === 'full', mobile: p.category === 'mobile', orgId: p.orgId, groupId: p.groupId });
  const byOrg = new Map<string, Person[]>();
  const byGroup = new Map<string, Person[]>();
  for (const p of person.values()) {
    (byOrg.get(p.orgId) ?? byOrg.set(p.orgId, []).get(p.orgId)!).push(p);
    if (p.groupId) (byGroup.get(p.groupId) ?? byGroup.set(p.groupId, []).get(p.groupId)!).push(p);
  }
  const leadersOf = new Map<string, Person[]>();
  for (const l of leaders) {
    const p = person.get(l.memberId);
    if (p) (leadersOf.get(l.orgId) ?? leadersOf.set(l.orgId, []).get(l.orgId)!).push(p);
  }
  const adminName = new Map(accounts.filter((a) => a.role === 'org_admin').map((a) => [a.orgId, a.displayName]));
  const secretaryAccount = new Map(accounts.filter((a) => a.role === 'secretary').map((a) => [a.orgId, a.id]));

  const branches: Branch[] = [];
  for (const o of orgs) {
    // The demo accounts' part of the district: branches right under an org with an admin account (the two
    // demo communities and the two demo streets). Every attendee row costs a foreign-key check, and the seed
    // runs on first start: the rest of the district stays without recorded meetings (overdue on the boards).
    if (o.kind === 'group' || !adminName.has(o.parentId)) continue;
    const members = byOrg.get(o.id) ?? [];
    if (members.length === 0) continue;
    const community = /([^区]+?)社区委员会$/.exec(o.parentName)?.[1];
    branches.push({
      id: o.id,
      name: o.name,
      profile: 'steady',
      retired: o.name.includes('离退休'),
      members,
      leaders: leadersOf.get(o.id) ?? [],
      groups: orgs.filter((g) => g.kind === 'group' && g.parentId === o.id).map((g) => ({ id: g.id, name: g.name, members: byGroup.get(g.id) ?? [] })).filter((g) => g.members.length >= 2),
      place: community ? `${community.replace(/^.*街道/, '')}社区党群服务中心` : '党员活动室',
      reviewer: adminName.get(o.parentId) ?? o.parentName.replace(/^中共明德区/, ''),
      account: secretaryAccount.get(o.id) ?? null,
    });
  }
  // The demo community's first three grids show the three stories; the rest draw a profile.
  const named: Record<string, Profile> = { 春晖社区第一网格党支部: 'model', 春晖社区第二网格党支部: 'late', 春晖社区第三网格党支部: 'gaps' };
  for (const b of branches) {
    const u = r.next();
    b.profile = named[b.name] ?? (u < 0.55 ? 'steady' : u < 0.72 ? 'late' : u < 0.9 ? 'gaps' : 'sparse');
  }
  return branches;
}

/** What a branch held (or planned) month by month, by its profile. */
function schedule(b: Branch, r: Rng, months: string[], today: string): Spec[] {
  const out: Spec[] = [];
  const committee = hasCommittee(b.leaders.length) ? b.leaders : null;
  const secretary = b.leaders[0] ?? b.members[0]!;
  const add = (s: Omit<Spec, 'branchId' | 'orgId' | 'topic'> & { orgId?: string; topic?: string }) => out.push({ branchId: b.id, orgId: b.id, topic: s.topic ?? r.pick(TOPICS[s.type]), ...s });
  const current = today.slice(0, 7);
  const monthEnd = (m: string) => `${m}-${pad2(daysInMonth(Number(m.slice(0, 4)), monthNo(m)))}`;
  // This month's meetings not held yet are planned a few days ahead (never past the month's end).
  const soon = (() => {
    const d = new Date(Date.parse(`${today}T00:00:00Z`) + 3 * D).toISOString().slice(0, 10);
    return d > monthEnd(current) ? monthEnd(current) : d;
  })();
  const skip = (p: number) => r.chance(p);
  const gapMonths = new Set(b.profile === 'gaps' ? [months[2], months[7], months[10]] : []);
  const missRate = b.profile === 'sparse' ? 0.45 : b.profile === 'gaps' ? 0.08 : 0;

  for (const m of months) {
    const isCurrent = m === current;
    let theme = fixedDayOf(m, FIXED_DAY);
    // Some branches hold this month's theme day late in the month: still ahead of them (due soon on the board).
    if (isCurrent && b.profile !== 'model' && r.chance(0.3)) theme = soon;
    if (!gapMonths.has(m) && !skip(missRate)) {
      if (b.profile === 'steady' && !isCurrent && r.chance(0.06)) {
        // Called off (weather, a clash) and held a week later: the cancelled one stays on record.
        add({ type: 'theme_day', title: `${monthNo(m)}月主题党日`, place: b.place, date: theme, time: '14:30', minutes: 120, who: 'branch', people: b.members, cancelled: r.pick(['因暴雨红色预警取消，改期举行', '与街道集中学习时间冲突，改期举行']) });
        theme = `${theme.slice(0, 8)}${pad2(Math.min(Number(theme.slice(8)) + 7, 28))}`;
      }
      const topic = r.pick(TOPICS.theme_day);
      add({ type: 'theme_day', title: `${monthNo(m)}月主题党日：${topic}`, topic, place: b.place, date: theme, time: '14:30', minutes: 120, who: 'branch', people: b.members });
    }
    if (committee && !(gapMonths.has(m) || (b.profile === 'gaps' && m === months[8])) && !skip(missRate)) {
      // Late in the month (planning the next one); the model branch meets mid-month, so this month's is held already.
      const day = b.profile === 'model' ? `${m}-${pad2(r.int(10, 16))}` : `${m}-${pad2(r.int(18, Math.min(26, daysInMonth(Number(m.slice(0, 4)), monthNo(m)))))}`;
      const late = b.profile === 'late' && m === months[10];
      add({ type: 'branch_committee_meeting', title: `${monthNo(m)}月支部委员会会议`, place: '党支部办公室', date: day, time: '09:30', minutes: 60, who: 'committee', people: committee, ...(late ? { force: 'returned' as const } : {}) });
    }
    for (const g of b.groups) {
      if (gapMonths.has(m) || skip(missRate + 0.05)) continue;
      add({ orgId: g.id, type: 'group_meeting', title: `${g.name}${monthNo(m)}月党小组会`, place: `${g.name.replace(/党小组$/, '')}活动室`, date: `${m}-${pad2(r.int(8, 16))}`, time: '19:00', minutes: 60, who: 'group', people: g.members });
    }
    // 支部党员大会 once a quarter, in its middle month; the model branch holds this quarter's in December.
    if (monthNo(m) % 3 === 2 && !(b.profile === 'gaps' && m === months[8]) && !(b.profile === 'model' && isCurrent) && !skip(missRate)) {
      const q = Math.ceil(monthNo(m) / 3);
      add({ type: 'branch_general_meeting', title: `${m.slice(0, 4)}年第${q}季度支部党员大会`, place: b.place, date: `${m}-${pad2(r.int(8, 16))}`, time: '14:30', minutes: 120, who: 'branch', people: b.members });
    }
    // 党课: the model branch quarterly, others at the 七一 and in the autumn, the sparse ones not at all.
    const lecture = b.profile === 'model' ? monthNo(m) % 3 === 0 : b.profile === 'sparse' ? false : monthNo(m) === 6 || (b.profile === 'steady' && monthNo(m) === 10);
    if (lecture) {
      const topic = r.pick(TOPICS.party_lecture);
      add({ type: 'party_lecture', title: `${monthNo(m) === 6 ? '“七一”' : ''}党课：${topic}`, topic, place: b.place, date: `${m}-${pad2(r.int(20, 27))}`, time: '09:00', minutes: 90, who: 'branch', people: b.members });
    }
    // The year's 组织生活会 and 民主评议党员 (for the year just ended), in January or, for the late ones, March.
    if ((monthNo(m) === 1 && b.profile !== 'gaps' && b.profile !== 'sparse') || (monthNo(m) === 3 && b.profile === 'gaps')) {
      const y = Number(m.slice(0, 4)) - 1;
      const day = `${m}-${pad2(r.int(12, 22))}`;
      add({ type: 'org_life_meeting', title: `${y}年度专题组织生活会`, place: b.place, date: day, time: '14:00', minutes: 180, who: 'branch', people: b.members });
      add({ type: 'democratic_appraisal', title: `${y}年度民主评议党员`, place: b.place, date: day, time: '17:10', minutes: 50, who: 'branch', people: b.members });
    }
  }
  // 谈心谈话: the secretary with each committee member, and with a few members.
  const talks = b.profile === 'model' ? 6 : b.profile === 'steady' ? 2 : b.profile === 'sparse' ? 0 : 1;
  const partners = [...b.leaders.slice(1), ...b.members.filter((p) => !b.leaders.includes(p))].filter((p) => p !== secretary);
  for (let i = 0; i < talks && i < partners.length; i++) {
    const other = partners[i]!;
    const m = months[Math.min(11, 1 + Math.floor((i * 10) / Math.max(1, talks)))]!;
    add({ type: 'heart_talk', title: `谈心谈话（${secretary.name}与${other.name}）`, place: '党支部办公室', date: `${m}-${pad2(r.int(3, 25))}`, time: '10:00', minutes: 45, who: 'talk', people: [secretary, other] });
  }
  // Late entries (补录): the late profile records four of its meetings after the fact, others rarely.
  const past = out.filter((s) => s.date < today && !s.cancelled && !s.force);
  const lateCount = b.profile === 'late' ? 4 : b.profile === 'model' ? 0 : r.chance(0.2) ? 1 : 0;
  for (let i = 0; i < lateCount && past.length; i++) past.splice(r.int(0, past.length - 1), 1)[0]!.late = r.pick(LATE_REASONS);
  // The gaps profile leaves two older records unconfirmed: held, but they do not count.
  if (b.profile === 'gaps') for (const s of past.filter((x) => x.type === 'theme_day' && !x.late).slice(3, 5)) s.force = 'minutes_draft';
  // Next month's plan is already in for the model branch: its theme day and this quarter's general meeting.
  if (b.profile === 'model' || (b.profile === 'steady' && r.chance(0.4))) {
    const next = addMonths(`${current}-01`, 1).slice(0, 7);
    add({ type: 'theme_day', title: `${monthNo(next)}月主题党日`, place: b.place, date: fixedDayOf(next, FIXED_DAY), time: '14:30', minutes: 120, who: 'branch', people: b.members });
    if (b.profile === 'model' && monthNo(next) % 3 === 0) {
      add({ type: 'branch_general_meeting', title: `${next.slice(0, 4)}年第${monthNo(next) / 3}季度支部党员大会`, place: b.place, date: `${next}-09`, time: '14:30', minutes: 120, who: 'branch', people: b.members });
    }
  }
  return out;
}

interface MeetingRow {
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

interface AttendeeRow {
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

interface LeaveRow {
  meetingId: string;
  memberId: string;
  reason: string;
  decidedBy: string | null;
  createdAt: Date;
}

type Stored = MinutesView;

const later = (a: Date, ms: number) => new Date(a.getTime() + ms);

/** Turns the plan into rows: times, statuses by what has happened by now, attendance, minutes, reviews, hashes. */
function materialise(r: Rng, specs: Spec[], branches: Map<string, Branch>, now: Date) {
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

/**
 * The hash `reviewMinutes` gives an approved record (life.minutes.ts): SM3 over the previous approved record's
 * hash in the same org, the meeting, the minutes as read back with the review as written, and the attendees as
 * the app lists them (`approvalHashInput`). Read back set-based (jsonb key order comes out exactly as the
 * review step sees it), chained per org in review order, written back in one update.
 */
async function chainHashes(ctx: Ctx, meetings: MeetingRow[]) {
  const approved = meetings.filter((m) => m.status === 'approved').sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || (a.id < b.id ? -1 : 1));
  if (approved.length === 0) return;
  const ids = sql.param(approved.map((m) => m.id));
  const [stored, listed] = await Promise.all([
    rows<{ id: string; orgId: string; type: string; startsAt: unknown; lateEntry: boolean; minutes: Stored }>(
      ctx.db,
      sql`SELECT id, org_id AS "orgId", type, starts_at AS "startsAt", late_entry AS "lateEntry", minutes FROM meeting WHERE id = ANY(${ids}::uuid[])`,
    ),
    // findAttendees' columns and order, for all of them at once.
    rows<{ meetingId: string } & Record<string, unknown>>(
      ctx.db,
      sql`SELECT a.meeting_id AS "meetingId", a.member_id AS "memberId", m.name, a.expected, a.not_expected_reason AS "notExpectedReason", a.attendance,
            a.checked_in_at AS "checkedInAt", a.method, a.manual_reason AS "manualReason"
          FROM meeting_attendee a JOIN member m ON m.id = a.member_id WHERE a.meeting_id = ANY(${ids}::uuid[]) ORDER BY a.meeting_id, m.name, m.id`,
    ),
  ]);
  const byId = new Map(stored.map((m) => [m.id, m]));
  const attendeesOf = new Map<string, Record<string, unknown>[]>();
  for (const { meetingId, ...a } of listed) (attendeesOf.get(meetingId) ?? attendeesOf.set(meetingId, []).get(meetingId)!).push(a);
  const prev = new Map<string, string>();
  const hashes: string[] = [];
  for (const { id } of approved) {
    const m = byId.get(id)!;
    const { decision, comment, by, at: reviewedAt } = m.minutes.review!;
    const minutes = { ...m.minutes, review: { decision, comment, by, at: reviewedAt }, hash: null };
    const hash = ctx.crypto.sm3(approvalHashInput({ prev: prev.get(m.orgId) ?? null, meeting: m, minutes, attendees: (attendeesOf.get(id) ?? []) as { checkedInAt: unknown }[] }));
    prev.set(m.orgId, hash);
    hashes.push(hash);
  }
  await ctx.db.execute(sql`UPDATE meeting mt SET minutes = jsonb_set(mt.minutes, '{hash}', to_jsonb(h.hash)) FROM unnest(${ids}::uuid[], ${sql.param(hashes)}::text[]) AS h(id, hash) WHERE mt.id = h.id`);
}

const CHUNK = 20_000;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const arr = <T>(xs: T[]) => sql.param(xs);

async function insertChunked<T>(ctx: Ctx, items: T[], insert: (chunk: T[]) => SQL) {
  for (let i = 0; i < items.length; i += CHUNK) await ctx.db.execute(insert(items.slice(i, i + CHUNK)));
}

async function insertAll(ctx: Ctx, out: ReturnType<typeof materialise>) {
  await insertChunked(
    ctx,
    out.meetings,
    (c) => sql`INSERT INTO meeting (id, org_id, type, type_label, title, starts_at, ends_at, place, status, late_entry, late_entry_reason, cancelled_reason, minutes, created_by, created_at, updated_at, version)
      SELECT id, org_id, type, type_label, title, starts_at, ends_at, place, status, late_entry, late_entry_reason, cancelled_reason, minutes::jsonb, created_by, created_at, updated_at, version
      FROM unnest(${arr(c.map((m) => m.id))}::uuid[], ${arr(c.map((m) => m.orgId))}::uuid[], ${arr(c.map((m) => m.type))}::text[], ${arr(c.map((m) => meetingTypeLabels[m.type as MeetingType]))}::text[],
        ${arr(c.map((m) => m.title))}::text[], ${arr(c.map((m) => iso(m.startsAt)))}::timestamptz[], ${arr(c.map((m) => iso(m.endsAt)))}::timestamptz[], ${arr(c.map((m) => m.place))}::text[],
        ${arr(c.map((m) => m.status))}::text[], ${arr(c.map((m) => m.lateEntry))}::boolean[], ${arr(c.map((m) => m.lateEntryReason))}::text[], ${arr(c.map((m) => m.cancelledReason))}::text[],
        ${arr(c.map((m) => (m.minutes ? JSON.stringify(m.minutes) : null)))}::text[], ${arr(c.map((m) => m.createdBy))}::uuid[], ${arr(c.map((m) => iso(m.createdAt)))}::timestamptz[],
        ${arr(c.map((m) => iso(m.updatedAt)))}::timestamptz[], ${arr(c.map((m) => m.version))}::int[])
        AS t(id, org_id, type, type_label, title, starts_at, ends_at, place, status, late_entry, late_entry_reason, cancelled_reason, minutes, created_by, created_at, updated_at, version)`,
  );
  await insertChunked(
    ctx,
    out.attendees,
    (c) => sql`INSERT INTO meeting_attendee (meeting_id, member_id, expected, not_expected_reason, attendance, checked_in_at, method, manual_reason, marked_by)
      SELECT * FROM unnest(${arr(c.map((a) => a.meetingId))}::uuid[], ${arr(c.map((a) => a.person.id))}::uuid[], ${arr(c.map((a) => a.expected))}::boolean[], ${arr(c.map((a) => a.notExpectedReason))}::text[],
        ${arr(c.map((a) => a.attendance))}::text[], ${arr(c.map((a) => iso(a.checkedInAt)))}::timestamptz[], ${arr(c.map((a) => a.method))}::text[], ${arr(c.map((a) => a.manualReason))}::text[],
        ${arr(c.map((a) => a.markedBy))}::uuid[])`,
  );
  await insertChunked(
    ctx,
    out.leaves,
    (c) => sql`INSERT INTO meeting_leave_request (meeting_id, member_id, reason, status, decided_by, created_at)
      SELECT meeting_id, member_id, reason, 'approved', decided_by, created_at
      FROM unnest(${arr(c.map((l) => l.meetingId))}::uuid[], ${arr(c.map((l) => l.memberId))}::uuid[], ${arr(c.map((l) => l.reason))}::text[], ${arr(c.map((l) => l.decidedBy))}::uuid[],
        ${arr(c.map((l) => iso(l.createdAt)))}::timestamptz[]) AS t(meeting_id, member_id, reason, decided_by, created_at)`,
  );
}
