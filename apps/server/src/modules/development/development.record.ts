import type { z } from 'zod';
import type { CaseView } from '@xianfeng/contracts/development/development.schemas';
import { developmentFieldLabels as stepFieldLabels, stepBodySchema, type stepFinding } from '@xianfeng/contracts/development/development.schemas';
import { findStep, type StepDef } from '@xianfeng/contracts/development/development.steps';
import type { ErrorDetail } from '@xianfeng/contracts/common/errors';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveringGrant, holdsAnywhere, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, fieldError, forbidden } from '../../platform/http/errors.ts';
import { chinaHolidayCalendar } from '../../platform/workdays.ts';
import { findMembersForDevelopment } from '../member/member.service.ts';
import { findOrg } from '../org/org.service.ts';
import { loadCase, stepOwnerFor, type Loaded, type StepOwner } from './development.access.ts';
import { applyStepEffects } from './development.admission.ts';
import { checkStepAttachments } from './development.attachments.ts';
import { caseFacts, ruleSettingsAt } from './development.facts.ts';
import { checkStep, overridableRules, type PersonFacts, type RuleFinding, type TakenStep } from './development.rules.ts';
import * as repo from './development.repository.ts';
import { getCase } from './development.view.ts';

/**
 * Recording a step (一步一审): the step is found by number or key, its fields checked against the contracts' table
 * (400 naming the field), the caller's right over the org the step belongs to checked, the 细则's limits and
 * preconditions applied (422 with every refusal and its article), then the step, its effects on the case and
 * the member file, and the audit event are written in one transaction.
 */

type Finding = z.infer<typeof stepFinding>;
export type RecordedStep = CaseView & { warnings: Finding[] };

const COMMON = new Set(['step', 'date', 'responsible', 'decision', 'attachments', 'override']);

/** zod issues → details naming the field in Chinese (the step's own labels; the platform's for the rest). */
function validationError(def: StepDef, error: z.ZodError): AppError {
  const details: ErrorDetail[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) details.push({ path: [...issue.path, k].join('.'), message: `${def.zh}不支持的字段：${k}` });
      continue;
    }
    const path = issue.path.map(String).join('.');
    const leaf = issue.path.filter((p) => typeof p === 'string').at(-1) as string | undefined;
    const label = leaf ? stepFieldLabels[leaf] : undefined;
    details.push({ path, message: label && !issue.message.startsWith(label) ? `${label}：${issue.message}` : issue.message });
  }
  return new AppError('VALIDATION_FAILED', { message: `请求参数有误：${details[0]?.message ?? def.zh}`, details });
}

/** The members named in the step (mentors, sponsors): each must exist and be visible to the caller (404 otherwise). */
async function peopleOf(tx: Ctx, fields: Record<string, unknown>): Promise<Map<string, PersonFacts>> {
  const named: { path: string; id: string }[] = [];
  for (const key of ['mentorMemberIds', 'sponsorMemberIds']) {
    const v = fields[key];
    if (Array.isArray(v)) v.forEach((id, i) => named.push({ path: `${key}.${i}`, id: String(id) }));
  }
  const found = await findMembersForDevelopment(tx, [...new Set(named.map((n) => n.id))]);
  for (const n of named) {
    const m = found.find((f) => f.id === n.id);
    if (!m || !(can(tx.actor, 'development.read', m.orgPath) || can(tx.actor, 'member.read', m.orgPath))) {
      throw fieldError('NOT_FOUND', n.path, `${stepFieldLabels[n.path.split('.')[0]!] ?? '党员'}：不存在或不在您的管理范围内`);
    }
  }
  return new Map(found.map((m) => [m.id, { memberId: m.id, name: m.name, status: m.status, state: m.state, disciplines: m.disciplines }]));
}

/** Orgs named in the step (the committee filed with, the committee that consented) must exist. */
async function checkNamedOrgs(tx: Ctx, fields: Record<string, unknown>): Promise<void> {
  for (const key of ['filedWithOrgId', 'consentOrgId']) {
    const id = fields[key];
    if (typeof id === 'string' && !(await findOrg(tx, id))) throw fieldError('NOT_FOUND', key, `${stepFieldLabels[key]}：不存在`);
  }
}

/** The violated constraint's name, from the driver's error or its cause (pg and PGlite both carry it). */
function constraintOf(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
  }
  return undefined;
}

const toFinding = (f: RuleFinding): Finding => ({ code: f.code, rule: f.rule, path: f.path, message: f.message, article: f.article });

/** The 422 for refusals: TIME_LIMIT when any refusal is a time limit, else PRECONDITION; every refusal in details. */
function refusal(refusals: RuleFinding[]): AppError {
  const code = refusals.some((r) => r.code === 'DEVELOPMENT_TIME_LIMIT') ? 'DEVELOPMENT_TIME_LIMIT' : 'DEVELOPMENT_PRECONDITION';
  return new AppError(code, { message: refusals[0]!.message, details: refusals.map((r) => ({ path: r.path, message: r.message, article: r.article })) });
}

/** The step's seq: repeatable steps count on; a step already taken is refused (the unique index backs this up). */
function nextSeq(l: Loaded, def: StepDef): number {
  const taken = l.steps.filter((s) => s.stepKey === def.key);
  if (taken.length > 0 && !def.repeatable) throw new AppError('DEVELOPMENT_STEP_DONE', { message: `第${def.number}步「${def.zh}」已办理`, details: [{ path: 'step', message: `第${def.number}步「${def.zh}」已办理` }] });
  return taken.reduce((m, s) => Math.max(m, s.seq), 0) + 1;
}

interface Checked {
  owner: StepOwner;
  step: TakenStep;
  warnings: RuleFinding[];
  overridden: RuleFinding[];
}

/** Who may act and what the rules say; an authorised override passes the refusals (never the right to act). */
async function checkAgainstRules(tx: Ctx, l: Loaded, def: StepDef, input: { date: string; fields: Record<string, unknown>; override?: { reason: string } | undefined }, seq: number): Promise<Checked> {
  const owner = await stepOwnerFor(tx, l.c, def);
  if (input.override && !can(tx.actor, 'development.override', owner.org.path)) throw new AppError('DEVELOPMENT_OVERRIDE_FORBIDDEN');
  await checkNamedOrgs(tx, input.fields);
  const people = await peopleOf(tx, input.fields);
  const result = checkStep(caseFacts(l.c, l.steps), def.key, { date: input.date, fields: input.fields }, {
    today: tx.clock.today(),
    calendar: chinaHolidayCalendar,
    people,
    actingOrg: { id: owner.org.id, kind: owner.org.kind, canApproveMembers: owner.org.canApproveMembers },
    settings: await ruleSettingsAt(tx, l.c.orgPath),
  });
  if (result.refusals.length > 0 && !input.override) throw refusal(result.refusals);
  // An override passes only what the 细则 words as a general rule (time limits, order of dates, training); never age,
  // who may sponsor or approve, a failed review or vote (development.rules.ts overridableRules).
  const fixed = result.refusals.filter((r) => !overridableRules.has(r.rule));
  if (fixed.length > 0) throw refusal(fixed);
  return { owner, step: { key: def.key, seq, date: input.date, fields: input.fields }, warnings: result.warnings, overridden: result.refusals };
}

/**
 * POST /api/development/cases/:id/steps — `{ step: <number or key>, date, …the step's fields }`. Branch steps need
 * `development.write` over the branch, the committee's steps `development.approve` over the handling committee
 * (an ancestor acts for either). Answers the case with the rules' warnings.
 */
export async function recordStep(ctx: Ctx, input: { id: string; body: Record<string, unknown> }): Promise<RecordedStep> {
  const actor = requireActor(ctx);
  if (!holdsAnywhere(actor, 'development.write') && !holdsAnywhere(actor, 'development.approve')) throw forbidden();
  const ref = input.body.step as number | string;
  const def = findStep(ref);
  if (!def) throw fieldError('DEVELOPMENT_STEP_UNKNOWN', 'step', `没有这个发展党员环节：${String(ref)}`);
  const parsed = stepBodySchema(def.key).safeParse(input.body);
  if (!parsed.success) throw validationError(def, parsed.error);
  const body = parsed.data as Record<string, unknown> & { date: string; responsible: string[]; decision?: string; attachments: string[]; override?: { reason: string } };
  const fields = Object.fromEntries(Object.entries(body).filter(([k]) => !COMMON.has(k)));
  let warnings: RuleFinding[] = [];
  try {
    await inTransaction(ctx, async (tx) => {
      const l = await loadCase(tx, input.id, true);
      if (l.c.status !== 'open') throw new AppError('DEVELOPMENT_CASE_CLOSED');
      const seq = nextSeq(l, def);
      const checked = await checkAgainstRules(tx, l, def, { date: body.date, fields, override: body.override }, seq);
      warnings = checked.warnings;
      await checkStepAttachments(tx, l.c, body.attachments);
      const overridden = checked.overridden.length > 0 ? checked.overridden.map((r) => ({ code: r.code, rule: r.rule, article: r.article })) : null;
      const now = tx.clock.now();
      await repo.insertStep(tx.db, {
        caseId: l.c.id,
        stepKey: def.key,
        stepNo: def.number,
        seq,
        doneOn: body.date,
        orgId: checked.owner.org.id,
        responsible: body.responsible,
        decision: body.decision ?? null,
        fields,
        attachments: body.attachments,
        overrideReason: overridden ? body.override!.reason : null,
        overridden,
        actorAccountId: actor.accountId,
        actorName: actor.displayName ?? actor.username,
        at: now,
      });
      const patch = await applyStepEffects(tx, { loaded: l, step: checked.step });
      await repo.updateCase(tx.db, l.c.id, patch, now);
      const actingForOrgId = coveringGrant(actor, checked.owner.permission, checked.owner.org.path)?.orgId ?? null;
      await writeAudit(tx, {
        action: 'development.step',
        targetType: 'development_case',
        targetId: l.c.id,
        targetOrgPath: l.c.orgPath,
        actingForOrgId,
        details: { step: def.key, number: def.number, seq, date: body.date, orgId: checked.owner.org.id, warnings: warnings.map((w) => w.rule), ...(patch.status ? { status: patch.status } : {}) },
      });
      if (overridden) {
        await writeAudit(tx, {
          action: 'development.override',
          targetType: 'development_case',
          targetId: l.c.id,
          targetOrgPath: l.c.orgPath,
          actingForOrgId: coveringGrant(actor, 'development.override', checked.owner.org.path)?.orgId ?? null,
          details: { step: def.key, number: def.number, seq, reason: body.override!.reason, overridden },
        });
      }
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      // A member file with this ID number created meanwhile (the approval checked before inserting).
      if (constraintOf(err)?.startsWith('member_')) throw new AppError('DEVELOPMENT_ALREADY_MEMBER', { details: [{ path: 'step', message: '此人在党员档案中已有记录' }] });
      // The same step posted twice at once: the (case, key, seq) unique index lets one through.
      throw new AppError('DEVELOPMENT_STEP_DONE', { details: [{ path: 'step', message: `第${def.number}步「${def.zh}」已办理` }] });
    }
    throw err;
  }
  return { ...(await getCase(ctx, { id: input.id })), warnings: warnings.map(toFinding) };
}
