import type { z } from 'zod';
import type { complianceBranchesQuery } from '@xianfeng/contracts/life/life.schemas';
import { AppError, fieldError } from '../../platform/http/errors.ts';
import type { Ctx } from '../../platform/context.ts';
import { requirePermission } from '../../platform/access/access.ts';
import { businessDate } from '../../platform/clock.ts';
import { currentLeaders, findOrgForActor, leaderCountsInSubtree, listSubtreeOrgs } from '../org/org.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import * as repo from './life.repository.ts';
import { defaultComplianceRules, evaluateCompliance, fixedDayOf, hasCommittee, lifeKindOf, parsePeriod, periodsWithin, type ComplianceItem, type ComplianceStatus, type Period } from './life.rules.ts';

/** Meetings that count: confirmed by the recorder and host, or approved by the upper level. */
const COUNTED = new Set(['confirmed', 'approved']);
const DAY_MS = 86_400_000;

function periodOf(key: string): Period {
  const period = parsePeriod(key);
  if (!period) throw fieldError('VALIDATION_FAILED', 'period', '统计周期应为 2026-11、2026-Q4 或 2026 的形式');
  return period;
}

/** The instants covering every rule's own periods around the requested one (a yearly rule asked about a month). */
function spanOf(period: Period): { from: Date; to: Date } {
  const spans = defaultComplianceRules.flatMap((r) => periodsWithin(period, r.every));
  const from = spans.reduce((a, p) => (p.start < a ? p.start : a), period.start);
  const to = spans.reduce((a, p) => (p.end > a ? p.end : a), period.end);
  return { from: new Date(`${from}T00:00:00+08:00`), to: new Date(new Date(`${to}T00:00:00+08:00`).getTime() + DAY_MS) };
}

const asHeld = (m: { type: string; startsAt: Date; status: string; lateEntry: boolean }) => ({
  type: m.type,
  date: businessDate(new Date(m.startsAt)),
  counted: COUNTED.has(m.status),
  lateEntry: m.lateEntry,
});

/**
 * GET /api/orgs/:id/compliance?period= for one branch or group: every rule's items in the period (a
 * monthly rule over a quarter gives three), from the meetings recorded — never typed separately.
 */
export async function orgCompliance(ctx: Ctx, input: { id: string; period: string }): Promise<{ items: ComplianceItem[] }> {
  requirePermission(ctx, 'life.read');
  const org = await findOrgForActor(ctx, input.id, 'life.read');
  const period = periodOf(input.period);
  const kind = lifeKindOf(org.kind);
  if (!kind) throw new AppError('LIFE_TYPE_NOT_ALLOWED', { message: '组织生活达标情况按党支部或党小组统计：上级组织请看汇总' });
  const { from, to } = spanOf(period);
  const held = await repo.findHeldMeetings(ctx.db, org.id, from, to);
  const leaders = kind === 'branch' ? await currentLeaders(ctx, org.id) : [];
  return {
    items: evaluateCompliance({
      orgId: org.id,
      orgKind: kind,
      hasCommittee: hasCommittee(leaders.length),
      period,
      today: ctx.clock.today(),
      dueSoonDays: await getEffectiveSetting(ctx, org.path, 'life.dueSoonDays'),
      rules: defaultComplianceRules,
      meetings: held.map(asHeld),
    }),
  };
}

/** Worst first: the board sorts and colours a branch by its worst item. */
const severity: Record<ComplianceStatus, number> = { overdue: 0, due_soon: 1, not_due: 2, met: 3, not_applicable: 4 };

export interface BranchCompliance {
  orgId: string;
  code: string;
  name: string;
  worst: ComplianceStatus;
  counts: Record<ComplianceStatus, number>;
}

/**
 * Every branch of a subtree evaluated in one pass: the orgs, their leader counts and the subtree's
 * meetings are read set-based (three queries), then the pure rules run per branch.
 */
async function subtreeCompliance(ctx: Ctx, input: { id: string; period: string }): Promise<{ period: Period; branches: BranchCompliance[] }> {
  requirePermission(ctx, 'life.read');
  const root = await findOrgForActor(ctx, input.id, 'life.read');
  const period = periodOf(input.period);
  const { from, to } = spanOf(period);
  const [orgs, leaders, meetings] = await Promise.all([listSubtreeOrgs(ctx, root.path), leaderCountsInSubtree(ctx, root.path), repo.findHeldMeetingsInSubtree(ctx.db, root.path, from, to)]);
  const byOrg = new Map<string, ReturnType<typeof asHeld>[]>();
  for (const m of meetings) {
    const list = byOrg.get(m.orgId);
    if (list) list.push(asHeld(m));
    else byOrg.set(m.orgId, [asHeld(m)]);
  }
  const today = ctx.clock.today();
  const dueSoonDays = await getEffectiveSetting(ctx, root.path, 'life.dueSoonDays');
  const branches = orgs
    .filter((o) => lifeKindOf(o.kind) === 'branch')
    .map((o) => {
      const items = evaluateCompliance({
        orgId: o.id,
        orgKind: 'branch',
        hasCommittee: hasCommittee(leaders.get(o.id) ?? 0),
        period,
        today,
        dueSoonDays,
        rules: defaultComplianceRules,
        meetings: byOrg.get(o.id) ?? [],
      });
      const counts: Record<ComplianceStatus, number> = { met: 0, due_soon: 0, not_due: 0, overdue: 0, not_applicable: 0 };
      for (const i of items) counts[i.status]++;
      const worst = items.reduce<ComplianceStatus>((w, i) => (severity[i.status] < severity[w] ? i.status : w), 'not_applicable');
      return { orgId: o.id, code: o.code, name: o.name, worst, counts };
    });
  return { period, branches };
}

/** GET /api/orgs/:id/compliance/summary — how many branches of the subtree are in each (worst) status. */
export async function complianceSummary(ctx: Ctx, input: { id: string; period: string }) {
  const { period, branches } = await subtreeCompliance(ctx, input);
  const byWorst: Record<ComplianceStatus, number> = { met: 0, due_soon: 0, not_due: 0, overdue: 0, not_applicable: 0 };
  for (const b of branches) byWorst[b.worst]++;
  return { orgId: input.id, period: period.key, branches: branches.length, byWorst };
}

/** GET /api/orgs/:id/compliance/branches — the subtree's branches, worst first, optionally of one status. */
export async function complianceBranches(ctx: Ctx, input: { id: string } & z.infer<typeof complianceBranchesQuery>) {
  const { branches } = await subtreeCompliance(ctx, input);
  const chosen = branches.filter((b) => !input.status || b.worst === input.status).sort((a, b) => severity[a.worst] - severity[b.worst] || a.code.localeCompare(b.code));
  const start = (input.page - 1) * input.pageSize;
  return { items: chosen.slice(start, start + input.pageSize), total: chosen.length, page: input.page, pageSize: input.pageSize };
}


/**
 * GET /api/orgs/:id/life-plan?month= — what a branch still has to hold this month: the 固定组织生活日 of
 * the month, and every rule whose own period contains the month and is not yet met (the monthly theme
 * day, a quarterly general meeting not held yet, the yearly 组织生活会 …), each suggested for the fixed
 * day (or today, if the fixed day has passed).
 */
export async function lifePlan(ctx: Ctx, input: { id: string; month: string }) {
  const org = await findOrgForActor(ctx, input.id, 'life.read');
  const { items } = await orgCompliance(ctx, { id: input.id, period: input.month });
  const fixedDay = fixedDayOf(input.month, await getEffectiveSetting(ctx, org.path, 'life.fixedDay'));
  const today = ctx.clock.today();
  const suggested = fixedDay >= today || !today.startsWith(input.month) ? fixedDay : today;
  return {
    orgId: org.id,
    month: input.month,
    fixedDay,
    proposals: items
      .filter((i) => i.status !== 'met' && i.status !== 'not_applicable')
      .map((i) => ({ type: i.rule, period: i.period, required: i.required, held: i.held, suggestedDate: suggested, status: i.status, source: i.source })),
  };
}
