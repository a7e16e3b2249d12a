import { sql } from 'drizzle-orm';
import type { MeetingType } from '@xianfeng/contracts/life/life.enums';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import { settingsCatalogue } from '@xianfeng/contracts/settings/settings.catalogue';
import type { Ctx } from '../platform/context.ts';
import { rows } from '../platform/db/db.ts';
import { addMonths, daysInMonth } from '../platform/dates.ts';
import { fixedDayOf, hasCommittee } from '../modules/life/life.rules.ts';
import type { Rng } from './demo-data.ts';

/** The demo year's plan: which branches, their profiles, and the meetings each holds month by month. */

export type Profile = 'model' | 'steady' | 'late' | 'gaps' | 'sparse';
export type Who = 'branch' | 'committee' | 'group' | 'talk';

export interface Person {
  id: string;
  name: string;
  full: boolean;
  mobile: boolean;
}

export interface Branch {
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

export interface Spec {
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

export const FIXED_DAY = settingsCatalogue['life.fixedDay'].default;
export const H = 3_600_000;
export const D = 24 * H;
export const pad2 = (n: number) => String(n).padStart(2, '0');
export const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);
export const monthNo = (month: string) => Number(month.slice(5, 7));

export const TOPICS: Record<MeetingType, readonly string[]> = {
  theme_day: ['学习党的二十届四中全会精神', '重温入党誓词，开展“七一”主题党日', '社区环境整治志愿服务', '学习《中国共产党支部工作条例（试行）》', '走访慰问困难党员和老党员', '“我为群众办实事”实践活动', '学习习近平总书记关于基层治理的重要论述', '观看红色教育影片并交流体会', '垃圾分类宣传志愿服务', '防范电信网络诈骗宣传', '重阳节敬老志愿服务', '集中交纳党费，通报党费收缴情况'],
  branch_committee_meeting: ['研究本月主题党日活动安排', '讨论发展党员工作', '研究网格内困难群众帮扶事项', '研究党费收缴和使用情况', '研究志愿服务项目安排', '分析党员思想状况，安排谈心谈话', '研究“双报到”党员认领服务项目'],
  branch_general_meeting: ['通报支部上季度工作，部署本季度工作', '学习传达上级党组织会议精神', '讨论支部年度工作计划', '听取党员代表意见建议'],
  party_lecture: ['坚定理想信念，践行初心使命', '学习党章，增强党性修养', '在基层治理中发挥党员先锋模范作用', '弘扬伟大建党精神'],
  org_life_meeting: ['对照检查，开展批评和自我批评'],
  democratic_appraisal: ['党员自评、互评和民主测评'],
  heart_talk: ['了解思想、工作和生活情况，交流意见'],
  group_meeting: ['学习党的创新理论', '楼栋议事：加装电梯意见征集', '交流学习体会', '学习《中国共产党党员教育管理工作条例》'],
};
export const LATE_REASONS = ['会议当天网络故障，未能在系统中预先登记，会后根据签到表补录', '书记外出参加培训，由组织委员会后补录', '临时召开，会后补录', '系统账号密码遗忘，会后补录'];
export const LEAVE_REASONS = ['外出就医', '照顾生病家属', '出差', '单位加班', '身体不适', '外出探亲'];
export const ABSENCE_REASONS = ['临时有事，未及时请假', '身体不适，未能及时请假', '电话联系不上，已安排会后补学', '值班'];
export const RETURN_COMMENT = '缺席人员未注明原因，请补充后重新提交。';

export async function loadBranches(ctx: Ctx, r: Rng): Promise<Branch[]> {
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
export function schedule(b: Branch, r: Rng, months: string[], today: string): Spec[] {
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

