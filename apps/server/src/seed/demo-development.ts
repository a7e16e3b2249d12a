import { sql } from 'drizzle-orm';
import type { Ctx } from '../platform/context.ts';
import { one, rows } from '../platform/db/db.ts';
import { addDays, addMonths, anniversary } from '../platform/dates.ts';
import { AppError } from '../platform/http/errors.ts';
import { addWorkingDays, chinaHolidayCalendar, nthWorkingDay } from '../platform/workdays.ts';
import { idCheckChar } from '../modules/member/member.rules.ts';
import { createCase, recordStep } from '../modules/development/development.service.ts';
import { declareDuesBase, generateMonthlyBills } from '../modules/dues/dues.service.ts';

/**
 * Demo 发展党员 cases at every stage in the two demo branches, recorded through the module's own service (the
 * rules check every step), dated back from the demo clock so the limits hold: applicants (one whose talk is due
 * soon, one whose talk is overdue), activists (one whose six-monthly assessment is overdue), candidates (one with
 * a late talk recorded under an override and its reason), cases in acceptance (a branch meeting due soon, one
 * waiting for approval, one whose vote was not adopted) and one approved probationary member (in 和平社区第一网格,
 * so its member file exists). Mentors and sponsors are full members of the branch. A step the rules refuse (a
 * holiday calendar missing for the demo clock's year, say) is logged and the case stays where it got to.
 */

type StepKey = string;
interface PlannedStep {
  key: StepKey;
  date: string;
  fields: Record<string, unknown>;
  override?: string;
}

interface Branch {
  id: string;
  name: string;
  committeeId: string;
  committeeName: string;
  secretary: string;
  people: string[];
}

interface CasePlan {
  name: string;
  male: boolean;
  birthDate: string;
  education: string;
  occupation: string;
  workUnit: string | null;
  /** The last step to record, and how many days before today it is dated. */
  upTo: StepKey;
  daysAgo: number;
  /** Which two full members mentor and sponsor (indexes into the branch's list). */
  mentors: [number, number];
  lateTalk?: boolean;
  failedVote?: boolean;
  /** Record no assessment: the first six-monthly assessment goes overdue (第十一条). */
  noAssessment?: boolean;
}

const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
const by = (f: (d: string) => string | null, d: string) => f(d) ?? addDays(d, 1);

/** A ballot of a branch with ~40 voting members; `adopted: false` gives a resolution that does not pass (第二十条). */
const ballot = (adopted: boolean) =>
  adopted
    ? { votingShouldAttend: 40, votingPresent: 34, yes: 33, no: 0, abstain: 1, writtenYes: 2, writtenNo: 0, notCounted: [{ name: '李长青', reason: 'long_sick_leave' }] }
    : { votingShouldAttend: 40, votingPresent: 31, yes: 16, no: 12, abstain: 3, writtenYes: 0, writtenNo: 1, notCounted: [] };

/** The whole path from application to archive, dated from the application on (each step within its limit). */
function fullPath(appliedOn: string, p: CasePlan, b: Branch): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const add = (key: StepKey, date: string, fields: Record<string, unknown> = {}, override?: string) => {
    steps.push({ key, date, fields, ...(override ? { override } : {}) });
    return date;
  };
  const [m1, m2] = [b.people[p.mentors[0]]!, b.people[p.mentors[1]]!];
  const talk = add(
    'talk',
    addDays(appliedOn, p.lateTalk ? 40 : 14),
    { talkers: [b.secretary], summary: `了解${p.name}的入党动机和对党的认识，介绍党的基本知识，鼓励其继续向党组织靠拢。` },
    p.lateTalk ? '申请人申请后即外出务工，一个月内无法当面谈话，返回后即安排谈话（经街道党工委同意）' : undefined,
  );
  const activist = add('activist_decision', addMonths(talk, 2), { nomination: 'member_recommendation', meeting: 'branch_committee' });
  add('activist_filing', addDays(activist, 7), { filedWithOrgId: b.committeeId });
  add('mentors', addDays(activist, 7), { mentorMemberIds: [m1, m2] });
  if (!p.noAssessment) {
    const a1 = add('assessment', addDays(addMonths(activist, 6), -5), { summary: '能认真学习党的理论，积极参加社区志愿服务，表现良好。', conclusion: 'good' });
    add('assessment', addDays(addMonths(a1, 6), -5), { summary: '思想上积极要求进步，工作中发挥骨干作用，群众评价较好。', conclusion: 'good' });
  }
  const candidate = add('candidate_decision', addDays(anniversary(activist, 1), 10), { meeting: 'branch_committee', opinionsHeard: true });
  const consentOn = addDays(candidate, 3);
  const noticeFrom = by((d) => addWorkingDays(d, 1, chinaHolidayCalendar), consentOn);
  const noticeTo = by((d) => nthWorkingDay(d, 5, chinaHolidayCalendar), noticeFrom);
  const listed = add('candidate_consent_notice', addDays(noticeTo, 1), {
    consentOrgId: b.committeeId,
    consentOn,
    noticeFrom,
    noticeTo,
    noticePlace: `${b.name.replace('党支部', '')}党务公开栏及党群服务中心`,
    noticeResult: 'no_objection',
  });
  add('sponsors', addDays(listed, 3), { sponsorMemberIds: [m1, m2] });
  add('political_review', addDays(listed, 20), { conclusion: 'pass', reviewOrg: b.committeeName, summary: '经函调和本人所在单位了解，政治历史清楚，现实表现好，政治审查合格。' });
  const trained = add('training', addDays(listed, 25), { days: 3, hours: 24, provider: '明德区委党校', online: false, certificateNo: `MD${listed.slice(0, 4)}-${String(p.name.length * 37).padStart(3, '0')}` });
  const reviewed = add('committee_review', addDays(trained, 15), { conclusion: 'pass', committeePresent: 3, committeeSize: 3 });
  const pre = add('pre_review', addDays(reviewed, 10), { conclusion: 'pass', leavingWithin3Months: false });
  add('application_form', addDays(pre, 5), { formNo: `明德-${pre.slice(0, 4)}-${String(day(pre) % 1000).padStart(3, '0')}` });
  const vote = add('branch_vote', addDays(pre, 20), {
    ...ballot(!p.failedVote),
    resolution: p.failedVote ? `${p.name}同志接收为预备党员的决议未获赞成票超过应到会有表决权党员的半数，未通过。` : `同意接收${p.name}同志为中共预备党员，报上级党委审批。`,
  });
  add('committee_talk', addDays(vote, 20), { talker: '王组织员', talkerRole: 'organiser', summary: '了解其对党的认识、入党动机和思想状况，进一步进行党的基本知识教育。' });
  const approved = add('approval', addDays(vote, 45), { conclusion: 'approve' });
  add('approval_filing', addDays(approved, 7), { filedWith: '中共明德区委组织部' });
  add('assign_group', addDays(approved, 3), {});
  add('oath', addDays(approved, 15), { place: `${b.name.replace('党支部', '')}党群服务中心`, collective: false });
  add('continued_education', addMonths(approved, 3), { summary: '按时参加组织生活，完成学习任务，在社区疫情防控和志愿服务中表现突出。' });
  const ends = anniversary(vote, 1);
  add('regularisation_application', addDays(ends, -15), {});
  const regularised = add('regularisation_vote', addDays(ends, 7), { ...ballot(true), outcome: 'regularise', resolution: `同意${p.name}同志按期转为中共正式党员。` });
  const done = add('regularisation_approval', addDays(regularised, 30), { conclusion: 'approve' });
  add('archive', addDays(done, 10), { archivedTo: 'committee', location: '街道党工委组织办档案室' });
  return steps;
}

/** The application date that puts the plan's last step `daysAgo` days before today (a few passes: months are uneven). */
function placed(p: CasePlan, b: Branch, today: string): { appliedOn: string; steps: PlannedStep[] } {
  const target = addDays(today, -p.daysAgo);
  let appliedOn = target;
  for (let i = 0; i < 8; i++) {
    const steps = fullPath(appliedOn, p, b);
    const cut = steps.map((s) => s.key).lastIndexOf(p.upTo);
    const last = cut < 0 ? appliedOn : steps[cut]!.date;
    const drift = day(last) - day(target);
    if (drift <= 0 && drift > -4) return { appliedOn, steps: steps.slice(0, cut + 1) };
    appliedOn = addDays(appliedOn, -(drift > 0 ? drift : drift + 1));
  }
  const steps = fullPath(appliedOn, p, b);
  return { appliedOn, steps: steps.filter((s) => s.date <= target) };
}

/** Synthetic valid ID numbers (GB 11643) under a region the demo members do not use, so none collides. */
function applicantIdNumber(birthDate: string, male: boolean, n: number): string {
  const body = `440103${birthDate.replaceAll('-', '')}${String(n * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

async function branchOf(ctx: Ctx, name: string, secretaryAccount: string): Promise<Branch> {
  const org = (await one<{ id: string; path: string }>(ctx.db, sql`SELECT id, path FROM org WHERE name = ${name}`))!;
  const committee = (await one<{ id: string; name: string }>(
    ctx.db,
    sql`SELECT id, name FROM org WHERE can_approve_members AND dissolved_on IS NULL AND ${org.path} LIKE path || '%' ORDER BY depth DESC LIMIT 1`,
  ))!;
  const secretary = (await one<{ name: string }>(ctx.db, sql`SELECT m.name FROM account a JOIN member m ON m.id = a.member_id WHERE a.username = ${secretaryAccount}`))!.name;
  // Full members on the roll with no discipline record and no account of their own (the demo logins keep their files as they are).
  const people = await rows<{ id: string }>(
    ctx.db,
    sql`SELECT m.id FROM member m WHERE m.org_id = ${org.id} AND m.state = 'active' AND m.status = 'full'
          AND NOT EXISTS (SELECT 1 FROM member_discipline d WHERE d.member_id = m.id)
          AND NOT EXISTS (SELECT 1 FROM account a WHERE a.member_id = m.id)
        ORDER BY m.name, m.birth_date LIMIT 8`,
  );
  return { id: org.id, name, committeeId: committee.id, committeeName: committee.name, secretary, people: people.map((p) => p.id) };
}

const branch1Cases: CasePlan[] = [
  { name: '林晓雨', male: false, birthDate: '1998-04-12', education: '20', occupation: '社区工作者', workUnit: '春晖社区居民委员会', upTo: 'apply', daysAgo: 20, mentors: [0, 1] },
  { name: '周子航', male: true, birthDate: '1995-09-03', education: '30', occupation: '个体经营者', workUnit: null, upTo: 'apply', daysAgo: 40, mentors: [0, 1] },
  { name: '陈思远', male: true, birthDate: '2000-01-26', education: '20', occupation: '教师', workUnit: '明德区春晖小学', upTo: 'talk', daysAgo: 30, mentors: [0, 1] },
  { name: '王嘉怡', male: false, birthDate: '1996-07-18', education: '10', occupation: '工程师', workUnit: '明德云帆科技有限公司', upTo: 'mentors', daysAgo: 53, mentors: [2, 3] },
  { name: '赵一鸣', male: true, birthDate: '1988-11-30', education: '20', occupation: '物业管理员', workUnit: '明德绿源物业服务有限公司', upTo: 'mentors', daysAgo: 230, mentors: [4, 5], noAssessment: true },
  { name: '孙浩然', male: true, birthDate: '1993-02-14', education: '20', occupation: '网格员', workUnit: '春晖社区居民委员会', upTo: 'candidate_decision', daysAgo: 5, mentors: [0, 2] },
  { name: '吴雅琴', male: false, birthDate: '1991-05-21', education: '30', occupation: '护士', workUnit: '明德区东城社区卫生服务中心', upTo: 'political_review', daysAgo: 10, mentors: [1, 3], lateTalk: true },
  { name: '郑凯文', male: true, birthDate: '1997-10-08', education: '20', occupation: '公司职员', workUnit: '明德城市建设投资集团有限公司', upTo: 'application_form', daysAgo: 17, mentors: [2, 4] },
  { name: '黄欣然', male: false, birthDate: '1986-03-02', education: '30', occupation: '个体经营者', workUnit: null, upTo: 'branch_vote', daysAgo: 30, mentors: [3, 5], failedVote: true },
];

const branch2Cases: CasePlan[] = [
  { name: '何俊杰', male: true, birthDate: '1999-06-15', education: '20', occupation: '快递员', workUnit: null, upTo: 'apply', daysAgo: 10, mentors: [0, 1] },
  { name: '刘佳宁', male: false, birthDate: '1994-12-09', education: '20', occupation: '会计', workUnit: '明德水务集团有限公司', upTo: 'assessment', daysAgo: 30, mentors: [0, 1] },
  { name: '张宇轩', male: true, birthDate: '1990-08-27', education: '10', occupation: '医生', workUnit: '明德区人民医院', upTo: 'committee_talk', daysAgo: 30, mentors: [2, 3] },
  { name: '徐梦瑶', male: false, birthDate: '1997-03-19', education: '20', occupation: '社区工作者', workUnit: '和平社区居民委员会', upTo: 'oath', daysAgo: 25, mentors: [4, 5] },
];

/**
 * The new probationary member pays dues from the month the branch meeting accepted them, as every member of the demo
 * does: the branch declares the base and the month's bills are generated through this month (unpaid so far).
 */
async function startDues(ctx: Ctx, input: { caseId: string; orgId: string; today: string; log: ((s: string) => void) | undefined }) {
  const c = (await one<{ memberId: string; acceptedOn: string }>(ctx.db, sql`SELECT member_id AS "memberId", accepted_on AS "acceptedOn" FROM development_case WHERE id = ${input.caseId}`))!;
  try {
    await declareDuesBase(ctx, { memberId: c.memberId, duesCategory: 'in_service', baseFen: 520_000, effectiveMonth: c.acceptedOn.slice(0, 7) });
    for (let month = c.acceptedOn.slice(0, 7); month <= input.today.slice(0, 7); month = addMonths(`${month}-01`, 1).slice(0, 7)) {
      await generateMonthlyBills(ctx, { orgId: input.orgId, month });
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    input.log?.(`  demo development: dues of the new member not started: ${err.message}`);
  }
}

export async function seedDevelopment(seedCtx: Ctx, opts: { log?: (s: string) => void } = {}): Promise<{ cases: number; steps: number; refused: number }> {
  // The district's own account records the steps (with the seed's district-wide grants, override included).
  const district = (await one<{ id: string }>(seedCtx.db, sql`SELECT id FROM account WHERE username = 'district'`))!;
  const ctx: Ctx = { ...seedCtx, actor: { ...seedCtx.actor!, accountId: district.id, username: 'district', displayName: '区委组织部' } };
  const today = ctx.clock.today();
  const branches: [Branch, CasePlan[]][] = [
    [await branchOf(ctx, '春晖社区第一网格党支部', 'branch1'), branch1Cases],
    [await branchOf(ctx, '和平社区第一网格党支部', 'branch2'), branch2Cases],
  ];
  let cases = 0;
  let steps = 0;
  let refused = 0;
  let n = 0;
  for (const [b, plans] of branches) {
    for (const p of plans) {
      n += 1;
      const { appliedOn, steps: path } = placed(p, b, today);
      const c = await createCase(ctx, {
        orgId: b.id,
        name: p.name,
        idNumber: applicantIdNumber(p.birthDate, p.male, n),
        appliedOn,
        education: p.education,
        occupation: p.occupation,
        ...(p.workUnit ? { workUnit: p.workUnit } : {}),
      });
      cases += 1;
      let admitted = false;
      for (const s of path) {
        try {
          await recordStep(ctx, {
            id: c.id,
            body: { step: s.key, date: s.date, responsible: [b.secretary], ...s.fields, ...(s.override ? { override: { reason: s.override } } : {}) },
          });
          steps += 1;
          admitted ||= s.key === 'approval';
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          refused += 1;
          opts.log?.(`  demo development: ${p.name} stopped before ${s.key} (${s.date}): ${err.message}`);
          break;
        }
      }
      if (admitted) await startDues(ctx, { caseId: c.id, orgId: b.id, today, log: opts.log });
    }
  }
  opts.log?.(`demo development: ${cases} cases, ${steps} steps${refused ? `, ${refused} refused` : ''}`);
  return { cases, steps, refused };
}
