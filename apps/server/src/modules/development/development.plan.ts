import type { z } from 'zod';
import type { planView } from '@xianfeng/contracts/development/development.board.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { findOrgForActor } from '../org/org.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import * as board from './development.board.repository.ts';

/**
 * The yearly 发展党员 plan (发展计划): an org sets how many it plans to admit in its subtree for a year; the actual
 * figure is the approvals (step 17) dated in that year anywhere below it. When the plan is due and by when the
 * year's approvals should be done are local practice, so both are settings (development.planDueDate,
 * development.quotaDueDate, 'MM-DD').
 */

type PlanSummary = Omit<z.infer<typeof planView>, 'orgId' | 'orgName' | 'updatedAt'>;

const daysFrom = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A year's plan against its actual figure, with the plan and quota dates (settings) of the org. */
export async function planSummaryFor(ctx: Ctx, input: { orgPath: string; year: number; planned: number | null; actual: number }): Promise<PlanSummary> {
  const today = ctx.clock.today();
  const planDueOn = `${input.year}-${await getEffectiveSetting(ctx, input.orgPath, 'development.planDueDate')}`;
  const quotaDueOn = `${input.year}-${await getEffectiveSetting(ctx, input.orgPath, 'development.quotaDueDate')}`;
  return {
    year: input.year,
    planned: input.planned,
    actual: input.actual,
    remaining: input.planned === null ? null : Math.max(0, input.planned - input.actual),
    planDueOn: validDay(planDueOn),
    planMissing: input.planned === null && today > validDay(planDueOn),
    quotaDueOn: validDay(quotaDueOn),
    quotaDaysLeft: daysFrom(today, validDay(quotaDueOn)),
  };
}

/** A 'MM-DD' setting of 02-29 (or 04-31) in a year without it falls back to the month's last day. */
function validDay(d: string): string {
  const [y, m] = d.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Number(d.slice(8)) > last ? `${d.slice(0, 8)}${String(last).padStart(2, '0')}` : d;
}

async function actualOf(ctx: Ctx, orgPath: string, year: number): Promise<number> {
  const byChild = await board.countApprovedByChild(ctx.db, orgPath, `${year}-01-01`, `${year}-12-31`);
  return byChild.reduce((t, r) => t + r.n, 0);
}

/** GET /api/development/plans/:orgId/:year */
export async function getPlan(ctx: Ctx, input: { orgId: string; year: number }): Promise<z.infer<typeof planView>> {
  requirePermission(ctx, 'development.read');
  const org = await findOrgForActor(ctx, input.orgId, 'development.read');
  const plan = (await board.findPlans(ctx.db, [org.id], input.year))[0];
  const summary = await planSummaryFor(ctx, { orgPath: org.path, year: input.year, planned: plan?.planned ?? null, actual: await actualOf(ctx, org.path, input.year) });
  return { orgId: org.id, orgName: org.name, ...summary, updatedAt: plan ? new Date(plan.updatedAt).toISOString() : null };
}

/** PUT /api/development/plans/:orgId/:year {planned} — `development.write` over the org; audited with the old figure. */
export async function setPlan(ctx: Ctx, input: { orgId: string; year: number; planned: number }): Promise<z.infer<typeof planView>> {
  requirePermission(ctx, 'development.write');
  const org = await findOrgForActor(ctx, input.orgId, 'development.write');
  await inTransaction(ctx, async (tx) => {
    const before = await board.upsertPlan(tx.db, { orgId: org.id, year: input.year, planned: input.planned, at: tx.clock.now() });
    await writeAudit(tx, {
      action: 'development.plan.set',
      targetType: 'org',
      targetId: org.id,
      targetOrgPath: org.path,
      actingForOrgId: coveringGrant(tx.actor, 'development.write', org.path)?.orgId ?? null,
      details: { year: input.year, planned: input.planned, before },
    });
  });
  return getPlan(ctx, { orgId: org.id, year: input.year });
}
