import type { StepDef } from '@xianfeng/contracts/development/development.steps';
import type { Permission } from '@xianfeng/contracts/account/account.permissions';
import type { Actor, Ctx } from '../../platform/context.ts';
import { can } from '../../platform/access/access.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { ancestorsOf, findOrg } from '../org/org.service.ts';
import * as repo from './development.repository.ts';

/**
 * Who sees a case and who takes which step. A case is seen by staff holding `development.read` over its branch
 * (so every level above sees it too) and by the applicant's own account; anyone else gets 404, so a case's
 * existence is not disclosed (ARCHITECTURE §6).
 */

export interface Loaded {
  c: repo.CaseRow;
  steps: repo.StepRow[];
}

export function canSeeCase(actor: Actor | null, c: Pick<repo.CaseRow, 'orgPath' | 'applicantAccountId'>): boolean {
  if (!actor) return false;
  if (c.applicantAccountId && c.applicantAccountId === actor.accountId) return true;
  return can(actor, 'development.read', c.orgPath);
}

/** The case and its steps; `forUpdate` row-locks the case (steps on one case are taken one at a time). */
export async function loadCase(ctx: Ctx, id: string, forUpdate = false): Promise<Loaded> {
  const c = await repo.findCase(ctx.db, id, forUpdate);
  if (!c || !canSeeCase(ctx.actor, c)) throw notFound();
  return { c, steps: await repo.findSteps(ctx.db, [c.id]) };
}

type Org = NonNullable<Awaited<ReturnType<typeof findOrg>>>;

/** Kinds that may stand in for the committee when no ancestor has approval power (the step is then taken, approval refused). */
const committeeKinds: readonly string[] = ['committee', 'working_committee', 'local_committee'];

/**
 * The 基层党委 handling a branch's cases: the nearest ancestor with the power to approve 预备党员
 * (can_approve_members; 细则 第二十二条) — the same reading the transfer module uses for its handling committee.
 * Where no ancestor has it, the nearest committee above the branch receives the committee's steps (filing,
 * consent), and approval is refused there.
 */
export async function handlingCommittee(ctx: Ctx, branchOrgId: string): Promise<Org | null> {
  const line = await ancestorsOf(ctx, branchOrgId);
  return line.find((o) => o.canApproveMembers && !o.dissolvedOn) ?? line.find((o) => committeeKinds.includes(o.kind) && !o.dissolvedOn) ?? null;
}

/** Steps the higher committee (or the organisation department above it) takes; the branch takes the rest. */
export const isCommitteeStep = (def: StepDef) => def.actor === 'committee' || def.actor === 'org_department';

/** Approval of admission and of regularisation: only an org with can_approve_members (细则 第二十二条、第三十三条). */
export const needsApprover = (def: StepDef) => def.key === 'approval' || def.key === 'regularisation_approval';

export interface StepOwner {
  org: Org;
  permission: Permission;
}

/**
 * The org a step belongs to and the right needed over it: the branch with `development.write`, or the handling
 * committee with `development.approve` (an ancestor's grant acts for either, ARCHITECTURE §6). Refuses with 403
 * when the caller sees the case but may not take this step.
 */
export async function stepOwnerFor(ctx: Ctx, c: repo.CaseRow, def: StepDef): Promise<StepOwner> {
  if (!isCommitteeStep(def)) {
    const branch = await findOrg(ctx, c.orgId);
    if (!branch) throw notFound();
    if (!can(ctx.actor, 'development.write', branch.path)) throw forbidden();
    return { org: branch, permission: 'development.write' };
  }
  const committee = await handlingCommittee(ctx, c.orgId);
  if (!committee || !can(ctx.actor, 'development.approve', committee.path)) throw new AppError('DEVELOPMENT_NOT_APPROVER');
  if (needsApprover(def) && !committee.canApproveMembers) throw new AppError('DEVELOPMENT_NOT_APPROVER');
  return { org: committee, permission: 'development.approve' };
}
