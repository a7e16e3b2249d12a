import type { z } from 'zod';
import type { NoticeView, noticeQuery } from '@xianfeng/contracts/development/development.board.schemas';
import { developmentStages, developmentSteps, findStep } from '@xianfeng/contracts/development/development.steps';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { businessMinute } from '../../platform/clock.ts';
import { wholeYears } from '../../platform/dates.ts';
import { fieldError, notFound } from '../../platform/http/errors.ts';
import { chinaHolidayCalendar, nthWorkingDay, workingDaysBetween } from '../../platform/workdays.ts';
import { findOrg } from '../org/org.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import { loadCase, type Loaded } from './development.access.ts';
import { boardOrg } from './development.board.ts';
import * as board from './development.board.repository.ts';
import type { CaseFileDoc, NoticeDoc, StageSheet, StepLine } from './development.documents.pdf.ts';
import { educationText, ethnicityText, genderText, namedIds, ruleText, stepDetails, zhDate, zhMonth } from './development.documents.text.ts';
import type { YearlyListDoc } from './development.documents.xlsx.ts';
import type * as repo from './development.repository.ts';
import { getCase } from './development.view.ts';

/**
 * The generated 发展党员 documents (docs/development.md "Documents"): the data each one prints, gathered here;
 * development.documents.pdf.ts and .xlsx.ts only lay it out. Documents are for staff holding `development.read`
 * over the case's branch (the applicant's own H5 shows progress, not the record); every one is audited
 * `development.document.export`.
 */

export type DocumentKind = 'notice' | 'notice_pdf' | 'record_sheets' | 'case_file' | 'yearly_list';

/** A case the caller may print (staff over its branch; anyone else 404). */
async function loadForDocuments(ctx: Ctx, id: string): Promise<Loaded> {
  requirePermission(ctx, 'development.read');
  const l = await loadCase(ctx, id);
  if (!can(ctx.actor, 'development.read', l.c.orgPath)) throw notFound();
  return l;
}

/** One audit event per generated document, naming the case or org and never any personal data. */
export async function auditDocument(ctx: Ctx, input: { document: DocumentKind; target: { type: 'development_case' | 'org'; id: string; path: string }; details?: Record<string, unknown> }) {
  await inTransaction(ctx, (tx) =>
    writeAudit(tx, {
      action: 'development.document.export',
      targetType: input.target.type,
      targetId: input.target.id,
      targetOrgPath: input.target.path,
      actingForOrgId: coveringGrant(tx.actor, 'development.read', input.target.path)?.orgId ?? null,
      details: { document: input.document, ...input.details },
    }),
  );
}

// ---- 1. the 公示 of a development candidate (第十三条) ----

const NOTICE_DAYS = 5;

/**
 * The notice's period, place and contact: from the recorded step 8 when there is one, else as asked (or proposed:
 * from today, or the next working day, for 5 working days). A proposed period shorter than 5 working days is
 * refused, as is a period in a year the holiday calendar does not cover (never guessed, §10).
 */
function noticePeriod(ctx: Ctx, l: Loaded, q: z.infer<typeof noticeQuery>) {
  const step8 = l.steps.filter((s) => s.stepKey === 'candidate_consent_notice').at(-1);
  const f = step8?.fields ?? {};
  if (step8 && typeof f.noticeFrom === 'string' && typeof f.noticeTo === 'string') {
    return { from: f.noticeFrom, to: f.noticeTo, place: String(f.noticePlace ?? ''), consentOrgId: typeof f.consentOrgId === 'string' ? f.consentOrgId : null, recorded: true };
  }
  const today = ctx.clock.today();
  const from = q.from ?? nthWorkingDay(today, 1, chinaHolidayCalendar) ?? today;
  const to = q.to ?? nthWorkingDay(from, NOTICE_DAYS, chinaHolidayCalendar);
  if (!to) throw fieldError('DEVELOPMENT_PRECONDITION', 'to', `公示截止日期：${from.slice(0, 4)} 年或次年的节假日安排未收录，无法推算 ${NOTICE_DAYS} 个工作日，请填写公示截止日期`, '第十三条');
  if (to < from) throw fieldError('VALIDATION_FAILED', 'to', '公示截止日期：不能早于公示开始日期');
  return { from, to, place: q.place ?? '', consentOrgId: null, recorded: false };
}

export async function noticeData(ctx: Ctx, input: { id: string } & z.infer<typeof noticeQuery>): Promise<{ view: NoticeView; doc: NoticeDoc; orgPath: string }> {
  const l = await loadForDocuments(ctx, input.id);
  const { c } = l;
  if (!l.steps.some((s) => s.stepKey === 'candidate_decision')) {
    throw fieldError('DEVELOPMENT_PRECONDITION', 'step', `${c.name} 尚未经支部委员会确定为发展对象（第7步），不能公示`, '第十三条');
  }
  const p = noticePeriod(ctx, l, input);
  const workingDays = workingDaysBetween(p.from, p.to, chinaHolidayCalendar);
  const warnings: string[] = [];
  if (workingDays === null) warnings.push(`${p.from.slice(0, 4)}–${p.to.slice(0, 4)} 年的节假日安排未全部收录，请人工核对公示期不少于 ${NOTICE_DAYS} 个工作日`);
  else if (workingDays < NOTICE_DAYS) {
    if (!p.recorded) throw fieldError('DEVELOPMENT_TIME_LIMIT', 'to', `公示期：${p.from} 至 ${p.to} 只有 ${workingDays} 个工作日，应不少于 ${NOTICE_DAYS} 个工作日`, '第十三条');
    warnings.push(`登记的公示期只有 ${workingDays} 个工作日（应不少于 ${NOTICE_DAYS} 个工作日）`);
  }
  const consent = p.consentOrgId ? await findOrg(ctx, p.consentOrgId) : undefined;
  // Decided by the branch committee, or by the general meeting where the branch has no committee (step 7's record).
  const meeting = l.steps.find((s) => s.stepKey === 'candidate_decision')?.fields.meeting;
  const decidedBy = meeting === 'general_meeting' ? `${c.orgName}党员大会讨论` : `${c.orgName}委员会研究`;
  const place = p.place || `${c.orgName}党务公开栏${c.workUnit ? `及${c.workUnit}` : ''}`;
  const contact = input.contact ?? '';
  const edu = educationText(c.education);
  const unit = [c.workUnit, c.occupation].filter(Boolean).join('');
  const title = `关于拟将${c.name}同志列为发展对象的公示`;
  const paragraphs = [
    `根据《中国共产党发展党员工作细则》第十三条的规定，经${decidedBy}，并报${consent ? consent.name : '上级党委'}同意，拟将${c.name}同志列为发展对象，现将有关情况公示如下：`,
    `${c.name}，${genderText(c.gender)}，${ethnicityText(c.ethnicity)}，${zhMonth(c.birthDate)}生${edu ? `，${edu}学历` : ''}${unit ? `，${unit}` : ''}。${zhDate(c.appliedOn)}递交入党申请书，${c.activistOn ? `${zhDate(c.activistOn)}被确定为入党积极分子。` : ''}`,
    `公示时间：${zhDate(p.from)}至${zhDate(p.to)}${workingDays !== null ? `（${workingDays}个工作日）` : ''}。`,
    `公示范围：${place}。`,
    `公示期间，党员和群众对${c.name}同志列为发展对象有意见的，可通过来信、来电、来访等方式向${c.orgName}或上级党委反映。反映问题应实事求是，提倡署真实姓名，我们将严格保密。`,
    contact ? `联系人及电话：${contact}` : '联系人：＿＿＿＿＿＿\u3000\u3000联系电话：＿＿＿＿＿＿＿＿',
  ];
  const doc: NoticeDoc = { title, paragraphs, orgName: c.orgName, dateText: zhDate(p.from) };
  const view: NoticeView = { caseId: c.id, title, text: [title, '', ...paragraphs, '', c.orgName, zhDate(p.from)].join('\n'), from: p.from, to: p.to, workingDays, warnings, place, contact, recorded: p.recorded };
  return { view, doc, orgPath: c.orgPath };
}

// ---- 2 and 3. the record sheets and the complete case file ----

async function namesFor(ctx: Ctx, l: Loaded) {
  const people = await board.findCasePeopleNames(ctx.db, l.c.id);
  const ids = namedIds(l.steps);
  const orgNames = new Map<string, string>();
  for (const id of ids.orgs) orgNames.set(id, (await findOrg(ctx, id))?.name ?? '');
  const memberNames = new Map(people.map((p) => [p.memberId, p.name]));
  return { people, names: { member: (id: string) => memberNames.get(id) ?? '（已不在册）', org: (id: string) => orgNames.get(id) ?? '' } };
}

function stageSheets(steps: readonly repo.StepRow[], names: Parameters<typeof stepDetails>[2]): StageSheet[] {
  return developmentStages.map((st) => ({
    stage: st.stage,
    zh: st.zh,
    lines: developmentSteps
      .filter((d) => d.stage === st.stage)
      .flatMap((d): StageSheet['lines'] => {
        const taken = steps.filter((s) => s.stepKey === d.key);
        if (taken.length === 0) return [{ number: d.number, zh: d.zh, article: d.article, pending: true as const }];
        return taken.map(
          (s): StepLine => ({
            number: s.stepNo,
            zh: findStep(s.stepKey)?.zh ?? s.stepKey,
            seq: s.seq,
            date: s.doneOn,
            orgName: s.orgName ?? '',
            responsible: s.responsible.join('、'),
            decision: s.decision ?? '',
            details: stepDetails(s.stepKey, s.fields, names),
            article: d.article,
            attachments: s.attachments.length,
            override: s.overrideReason ? `${(s.overridden ?? []).map((o) => `${ruleText(o.rule)}（细则${o.article}）`).join('；')}\u3000理由：${s.overrideReason}` : null,
            actor: s.actorName ?? '',
          }),
        );
      }),
  }));
}

const statusText = (c: repo.CaseRow) =>
  c.status === 'stopped' ? `已终止（${c.stoppedReason ?? ''}）` : c.status === 'archived' ? '已归档' : c.fullMemberOn ? '已转为正式党员' : c.approvedOn ? '预备党员' : `第${'一二三四五'[c.stage - 1]}阶段：${developmentStages[c.stage - 1]!.zh}`;

export async function caseFileData(ctx: Ctx, input: { id: string }): Promise<{ doc: CaseFileDoc; orgPath: string }> {
  const l = await loadForDocuments(ctx, input.id);
  const view = await getCase(ctx, { id: input.id });
  const { c, steps } = l;
  const { people, names } = await namesFor(ctx, l);
  const current = (role: string) =>
    people
      .filter((p) => p.role === role)
      .map((p) => `${p.name}${p.until ? `（至 ${p.until}）` : ''}`)
      .join('、');
  const at = ctx.clock.now();
  let notice: NoticeDoc | null = null;
  if (steps.some((s) => s.stepKey === 'candidate_consent_notice')) notice = (await noticeData(ctx, { id: c.id })).doc;
  const doc: CaseFileDoc = {
    name: c.name,
    orgName: c.orgName,
    facts: [
      ['姓名', c.name],
      ['性别', genderText(c.gender)],
      ['民族', ethnicityText(c.ethnicity)],
      ['出生年月', zhMonth(c.birthDate)],
      ['公民身份号码', view.idNumber],
      ['学历', educationText(c.education)],
      ['工作单位', c.workUnit ?? ''],
      ['职业', c.occupation ?? ''],
      ['所在党支部', c.orgName],
      ['递交入党申请书', zhDate(c.appliedOn)],
      ['确定为入党积极分子', zhDate(c.activistOn)],
      ['确定为发展对象', zhDate(c.candidateOn)],
      ['支部大会接收', zhDate(c.acceptedOn)],
      ['上级党委审批', zhDate(c.approvedOn)],
      ['预备期满', zhDate(c.probationEndsOn)],
      ['转为正式党员', zhDate(c.fullMemberOn)],
      ['培养联系人', current('mentor')],
      ['入党介绍人', current('sponsor')],
      ['当前状态', statusText(c)],
    ],
    sheets: stageSheets(steps, names),
    notice,
    notes: await board.findNotes(ctx.db, c.id),
    overrides: steps
      .filter((s) => s.overrideReason)
      .map((s) => ({
        step: `${s.stepNo}. ${findStep(s.stepKey)?.zh ?? s.stepKey}`,
        date: s.doneOn,
        reason: s.overrideReason ?? '',
        rules: (s.overridden ?? []).map((o) => `${ruleText(o.rule)}（细则${o.article}）`).join('；'),
        actor: s.actorName ?? '',
      })),
    generatedAt: at,
    generatedText: businessMinute(at),
  };
  return { doc, orgPath: c.orgPath };
}

// ---- 4. the yearly list ----

/** Every case accepted (step 15) or approved (step 17) in the year in the org's subtree (default: the caller's widest scope). */
export async function yearlyListData(ctx: Ctx, input: { orgId?: string | undefined; year: number }): Promise<{ doc: YearlyListDoc; org: { id: string; path: string } }> {
  const org = await boardOrg(ctx, input.orgId);
  const youthAge = await getEffectiveSetting(ctx, org.path, 'development.youthAge');
  const found = await board.findListCases(ctx.db, org.path, `${input.year}-01-01`, `${input.year}-12-31`);
  const rows = found.map((r) => {
    const age = r.approvedOn ? wholeYears(r.birthDate, r.approvedOn) : null;
    return {
      name: r.name,
      gender: genderText(r.gender),
      ethnicity: ethnicityText(r.ethnicity),
      birthMonth: r.birthDate.slice(0, 7),
      ageAtApproval: age,
      youth: age === null ? null : age <= youthAge,
      education: educationText(r.education),
      unit: [r.workUnit, r.occupation].filter(Boolean).join('，'),
      orgName: r.orgName,
      appliedOn: r.appliedOn,
      activistOn: r.activistOn ?? '',
      candidateOn: r.candidateOn ?? '',
      acceptedOn: r.acceptedOn ?? '',
      approvedOn: r.approvedOn ?? '',
      approvedBy: r.approvedOn ? (r.approvedBy ?? '') : '',
      probationEndsOn: r.probationEndsOn ?? '',
      sponsors: r.sponsors.join('、'),
      status:
        r.status === 'stopped' ? `已终止：${r.stoppedReason ?? ''}` : r.fullMemberOn ? '已转为正式党员' : r.approvedOn ? (r.status === 'archived' ? '已归档' : '预备党员') : '待上级党委审批',
      overrides: r.overrides,
    };
  });
  return { doc: { orgName: org.name, year: input.year, youthAge, generatedAt: businessMinute(ctx.clock.now()), rows }, org: { id: org.id, path: org.path } };
}
