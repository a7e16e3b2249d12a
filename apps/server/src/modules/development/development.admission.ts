import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import {
  admitProbationaryMember,
  assignMemberToGroup,
  cancelProbationaryMembership,
  findMemberByIdNumberIdx,
  recordProbationExtension,
  regulariseProbationaryMember,
} from '../member/member.service.ts';
import type { Loaded } from './development.access.ts';
import { caseFacts } from './development.facts.ts';
import { caseBlock, caseMilestones, probationOf, stageOf, stepPassed, type CaseFacts, type TakenStep } from './development.rules.ts';
import * as repo from './development.repository.ts';
import { decryptCaseField } from './development.view.ts';

/**
 * What a step does to the case and to the member file, inside the step's transaction: the key dates, the stage,
 * the people named, and admission itself — on approval (step 17) the person becomes a probationary member of the
 * branch from the day the branch meeting accepted them (细则 第二十一条、第二十五条); on approved regularisation the
 * member is full from the end of probation (第三十三条: 党龄 counts from it); an approved extension moves the end
 * of probation, an approved cancellation ends the file (第三十二条). A result that bars admission stops the case.
 */

const ids = (f: Record<string, unknown>, k: string): string[] => (Array.isArray(f[k]) ? (f[k] as unknown[]).map(String) : []);

export async function applyStepEffects(tx: Ctx, input: { loaded: Loaded; step: TakenStep }): Promise<repo.CasePatch> {
  const { c } = input.loaded;
  const { step } = input;
  const before = caseFacts(c, input.loaded.steps);
  const after: CaseFacts = { ...before, steps: [...before.steps, step] };
  // Key dates as the steps give them (activist, listed candidate, accepted, approved, end of probation, full).
  const patch: repo.CasePatch = { stage: stageOf(after), ...caseMilestones(after) };
  if (step.key === 'mentors' || step.key === 'sponsors') {
    await repo.replaceCasePeople(tx.db, {
      caseId: c.id,
      role: step.key === 'mentors' ? 'mentor' : 'sponsor',
      memberIds: ids(step.fields, step.key === 'mentors' ? 'mentorMemberIds' : 'sponsorMemberIds'),
      since: step.date,
    });
  } else if (step.key === 'approval' && stepPassed(step)) {
    patch.memberId = await admit(tx, c, step, patch.acceptedOn ?? null);
  } else if (step.key === 'assign_group' && typeof step.fields.groupId === 'string' && c.memberId) {
    await assignMemberToGroup(tx, { memberId: c.memberId, groupId: step.fields.groupId, caseId: c.id });
  } else if (step.key === 'regularisation_approval') {
    Object.assign(patch, await decideProbation(tx, c, before, after, step));
  } else if (step.key === 'archive') {
    patch.status = 'archived';
  }
  // A barring result (a notice objection, a failed review, a vote not adopted, a refusal, a cancellation) stops the case.
  const blocked = caseBlock(after);
  if (blocked && !caseBlock(before) && patch.status === undefined) {
    patch.status = 'stopped';
    patch.stoppedReason = blocked.finding.message;
  }
  return patch;
}

/** Step 17 approved: the member file, in the branch, probationary, joinedOn = the accepting branch meeting's date. */
async function admit(tx: Ctx, c: repo.CaseRow, step: TakenStep, acceptedOn: string | null): Promise<string> {
  if (!acceptedOn) throw new AppError('DEVELOPMENT_PRECONDITION', { details: [{ path: 'step', message: '支部党员大会尚未通过接收预备党员的决议', article: '第二十条' }] });
  if (await findMemberByIdNumberIdx(tx, c.idNumberIdx)) {
    throw new AppError('DEVELOPMENT_ALREADY_MEMBER', { message: '此人在党员档案中已有记录，不能重复建档；请核实后由上级组织部门处理', details: [{ path: 'step', message: '此人在党员档案中已有记录' }] });
  }
  return admitProbationaryMember(tx, {
    caseId: c.id,
    orgId: c.orgId,
    orgPath: c.orgPath,
    name: c.name,
    gender: c.gender,
    ethnicity: c.ethnicity,
    birthDate: c.birthDate,
    // Decrypted inside the transaction only to be encrypted again under the member file's own binding.
    idNumber: decryptCaseField(tx, c, 'idNumber')!,
    phone: decryptCaseField(tx, c, 'phone'),
    education: c.education,
    occupation: c.occupation,
    workUnit: c.workUnit,
    category: c.category,
    joinedOn: acceptedOn,
    approvedOn: step.date,
  });
}

/** Step 24 decided: applies the branch resolution the committee approved (regularise, extend once, or cancel). */
async function decideProbation(tx: Ctx, c: repo.CaseRow, before: CaseFacts, after: CaseFacts, step: TakenStep): Promise<repo.CasePatch> {
  const was = probationOf(before);
  const now = probationOf(after);
  if (!was || !now || !c.memberId) return {};
  const patch: repo.CasePatch = {};
  if (now.regularisedOn && !was.regularisedOn) {
    await regulariseProbationaryMember(tx, { memberId: c.memberId, caseId: c.id, fullMemberOn: now.regularisedOn, approvedOn: step.date });
  }
  if (now.endsOn !== was.endsOn) {
    await recordProbationExtension(tx, { memberId: c.memberId, caseId: c.id, months: now.extensionMonths ?? 0, probationEndsOn: now.endsOn, approvedOn: step.date });
  }
  if (now.cancelled && !was.cancelled) {
    await cancelProbationaryMembership(tx, { memberId: c.memberId, caseId: c.id, on: step.date });
    patch.status = 'stopped';
    patch.stoppedReason = '取消预备党员资格';
  }
  return patch;
}
