import type { z } from 'zod';
import type { CaseView, StepView, caseSummary, nextStepView } from '@xianfeng/contracts/development/development.schemas';
import { findStep } from '@xianfeng/contracts/development/development.steps';
import type { Ctx } from '../../platform/context.ts';
import { maskIdNumber, maskPhone } from '../member/member.service.ts';
import { loadCase, type Loaded } from './development.access.ts';
import { findAttachments } from './development.attachments.ts';
import { caseFacts, ruleContextAt } from './development.facts.ts';
import { nextSteps, type DevelopmentRuleSettings } from './development.rules.ts';
import type * as repo from './development.repository.ts';
import { chinaHolidayCalendar } from '../../platform/workdays.ts';

/** A case as the API answers it: PII masked (ARCHITECTURE §7), the steps taken, and what comes next by the rules. */

type NextStepView = z.infer<typeof nextStepView>;
type CaseSummary = z.infer<typeof caseSummary>;

/** The AAD binding a case's ciphertexts to their column and row (values cannot be swapped between rows). */
export const caseAad = (field: 'idNumber' | 'phone', caseId: string) => `development_case|${field}|${caseId}`;

export function decryptCaseField(ctx: Ctx, c: Pick<repo.CaseRow, 'id' | 'idNumberEnc' | 'phoneEnc'>, field: 'idNumber' | 'phone'): string | null {
  const token = field === 'idNumber' ? c.idNumberEnc : c.phoneEnc;
  return token ? ctx.crypto.decryptField(token, caseAad(field, c.id)) : null;
}

/** `names`: the case's attachment names by id, for the step's links (ids not found are left out of the links). */
export function toStepView(s: repo.StepRow, names?: ReadonlyMap<string, string>): StepView {
  const def = findStep(s.stepKey);
  return {
    id: s.id,
    key: s.stepKey,
    number: s.stepNo,
    stage: def?.stage ?? 1,
    seq: s.seq,
    date: s.doneOn,
    orgId: s.orgId,
    orgName: s.orgName,
    responsible: s.responsible,
    decision: s.decision,
    fields: s.fields,
    attachments: s.attachments,
    ...(names ? { attachmentFiles: s.attachments.flatMap((id) => (names.has(id) ? [{ id, fileName: names.get(id)! }] : [])) } : {}),
    overrideReason: s.overrideReason,
    overridden: s.overridden,
    actor: s.actorName,
    recordedAt: new Date(s.createdAt).toISOString(),
  };
}

/** The steps that may or must come next (none once the case is archived or stopped). */
export function nextOf(c: repo.CaseRow, steps: readonly repo.StepRow[], rules: { today: string; settings: DevelopmentRuleSettings }): NextStepView[] {
  if (c.status !== 'open') return [];
  return nextSteps(caseFacts(c, steps), { today: rules.today, calendar: chinaHolidayCalendar, settings: rules.settings }).map((n) => {
    const def = findStep(n.key)!;
    return {
      key: n.key,
      number: def.number,
      zh: def.zh,
      earliest: n.earliest,
      dueBy: n.dueBy,
      overdue: n.overdue,
      blockedBy: n.blockedBy.map((f) => ({ code: f.code, message: f.message, article: f.article })),
    };
  });
}

function caseFields(ctx: Ctx, c: repo.CaseRow) {
  const phone = decryptCaseField(ctx, c, 'phone');
  return {
    id: c.id,
    orgId: c.orgId,
    orgName: c.orgName,
    name: c.name,
    gender: c.gender,
    birthDate: c.birthDate,
    idNumber: maskIdNumber(decryptCaseField(ctx, c, 'idNumber')!),
    phone: phone === null ? null : maskPhone(phone),
    appliedOn: c.appliedOn,
    stage: c.stage,
    status: c.status,
    stoppedReason: c.stoppedReason,
    activistOn: c.activistOn,
    candidateOn: c.candidateOn,
    acceptedOn: c.acceptedOn,
    approvedOn: c.approvedOn,
    probationEndsOn: c.probationEndsOn,
    fullMemberOn: c.fullMemberOn,
    memberId: c.memberId,
    version: c.version,
  };
}

export async function toCaseView(ctx: Ctx, l: Loaded): Promise<CaseView> {
  const rules = await ruleContextAt(ctx, l.c.orgPath);
  const names = new Map((await findAttachments(ctx.db, l.c.id)).map((a) => [a.id, a.fileName]));
  return { ...caseFields(ctx, l.c), steps: l.steps.map((s) => toStepView(s, names)), next: nextOf(l.c, l.steps, rules) };
}

/** A list row: the case, the number of the latest step taken, the soonest deadline and whether one has passed. */
export function toCaseSummary(ctx: Ctx, c: repo.CaseRow, steps: readonly repo.StepRow[], rules: { today: string; settings: DevelopmentRuleSettings }): CaseSummary {
  const next = nextOf(c, steps, rules);
  const dues = next.map((n) => n.dueBy).filter((d): d is string => d !== null).sort();
  const last = steps[steps.length - 1];
  return { ...caseFields(ctx, c), lastStep: last ? last.stepNo : null, nextDueBy: dues[0] ?? null, overdue: next.some((n) => n.overdue) };
}

/** GET /api/development/cases/:id — also the view other parts of the module (boards, documents) build on. */
export async function getCase(ctx: Ctx, input: { id: string }): Promise<CaseView> {
  return toCaseView(ctx, await loadCase(ctx, input.id));
}
