import type { z } from 'zod';
import type { complianceBranchesQuery } from '@xianfeng/contracts/life/life.schemas';
import { AppError, fieldError } from '../../platform/http/errors.ts';
import type { Ctx } from '../../platform/context.ts';
import { requirePermission } from '../../platform/access/access.ts';
import { businessDate, businessDays } from '../../platform/clock.ts';
import { currentLeaders, findOrgForActor, leaderCountsInSubtree, listSubtreeOrgs } from '../org/org.service.ts';
import { getEffectiveSetting, settingsResolverForSubtree } from '../settings/settings.service.ts';
import * as repo from './life.repository.ts';
import * as complianceRepo from './life.compliance.repository.ts';
import {
  evaluateCompliance,
  fixedDayOf,
  hasCommittee,
  lifeKindOf,
  parsePeriod,
  periodKindsOf,
  periodsWithin,
  rulesFrom,
  type ComplianceItem,
  type ComplianceRule,
  type ComplianceStatus,
  type CustomMeetingType,
  type LocalRule,
  type Period,
  type RuleEvery,
} from './life.rules.ts';

/** Meetings that count: confirmed by the recorder and host, or approved by the upper level. */
const COUNTED = new Set(['confirmed', 'approved']);

/** A period key parsed, or a 400 naming the `period` field. */
export function periodOf(key: string): Period {
  const period = parsePeriod(key);
  if (!period) throw fieldError('VALIDATION_FAILED', 'period', '统计周期应为 2026-11、2026-Q4 或 2026 的形式');
  return period;
}

/** The instants covering every rule's own periods around the requested one (a yearly rule asked about a month). */
function spanOf(period: Period, kinds: Iterable<RuleEvery>): { from: Date; to: Date } {
  const spans = [...kinds].flatMap((every) => periodsWithin(period, every));
  const from = spans.reduce((a, p) => (p.start < a ? p.start : a), period.start);
  const to = spans.reduce((a, p) => (p.end > a ? p.end : a), period.end);
  return businessDays(from, to);
}

/**
 * The rules of an org's effective settings (`life.localRules`, `life.customTypes`), built once per pair of
 * setting values: orgs inheriting the same rows share the same value objects, so a city's 16,000 branches
 * build a handful of rule sets.
 */
const rulesBySettings = new WeakMap<readonly LocalRule[], WeakMap<readonly CustomMeetingType[], ComplianceRule[]>>();
function rulesFor(localRules: readonly LocalRule[], customTypes: readonly CustomMeetingType[]): ComplianceRule[] {
  let inner = rulesBySettings.get(localRules);
  if (!inner) rulesBySettings.set(localRules, (inner = new WeakMap()));
  let rules = inner.get(customTypes);
  if (!rules) inner.set(customTypes, (rules = rulesFrom(localRules, customTypes)));
  return rules;
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
  // The org's own effective rules: a community may hold its branches to a quarterly 党课, another not.
  const [localRules, customTypes, dueSoonDays] = await Promise.all([
    getEffectiveSetting(ctx, org.path, 'life.localRules'),
    getEffectiveSetting(ctx, org.path, 'life.customTypes'),
    getEffectiveSetting(ctx, org.path, 'life.dueSoonDays'),
  ]);
  const rules = rulesFor(localRules, customTypes);
  const { from, to } = spanOf(period, periodKindsOf(rules));
  const [held, leaders] = await Promise.all([repo.findHeldMeetings(ctx.db, org.id, from, to), kind === 'branch' ? currentLeaders(ctx, org.id) : Promise.resolve([])]);
  return {
    items: evaluateCompliance({
      orgId: org.id,
      orgKind: kind,
      hasCommittee: hasCommittee(leaders.length),
      period,
      today: ctx.clock.today(),
      dueSoonDays,
      rules,
      meetings: held.map(asHeld),
    }),
  };
}

/** Worst first: the board sorts and colours a branch by its worst item. */
const severity: Record<ComplianceStatus, number> = { overdue: 0, due_soon: 1, not_due: 2, met: 3, not_applicable: 4 };

const emptyCounts = (): Record<ComplianceStatus, number> => ({ met: 0, due_soon: 0, not_due: 0, overdue: 0, not_applicable: 0 });
/** A branch's worst item's status (not_applicable when it has none). */
export const worstOf = (items: readonly ComplianceItem[]): ComplianceStatus => items.reduce<ComplianceStatus>((w, i) => (severity[i.status] < severity[w] ? i.status : w), 'not_applicable');
const worstFirst = (a: { worst: ComplianceStatus; code: string }, b: { worst: ComplianceStatus; code: string }) => severity[a.worst] - severity[b.worst] || a.code.localeCompare(b.code);

export interface BranchCompliance {
  orgId: string;
  code: string;
  name: string;
  worst: ComplianceStatus;
  counts: Record<ComplianceStatus, number>;
}

export interface BranchOfSubtree {
  orgId: string;
  code: string;
  name: string;
}

/**
 * Every branch of a subtree evaluated in one pass, each against its OWN effective rules: the orgs, their
 * leader counts, the setting rows on the root's ancestry and inside the subtree, and the subtree's counted
 * meetings are read set-based (four queries); then each branch resolves its settings by the nearest org
 * on its path and the pure rules run per branch. No permission check: the callers check the root (the
 * boards) or scope it themselves (statistics).
 */
export async function evaluateSubtreeCompliance<T>(
  ctx: Ctx,
  input: { rootPath: string; period: Period },
  each: (branch: BranchOfSubtree, items: ComplianceItem[]) => T,
): Promise<T[]> {
  const { rootPath, period } = input;
  const [resolve, orgs] = await Promise.all([
    settingsResolverForSubtree(ctx, rootPath, ['life.localRules', 'life.customTypes', 'life.dueSoonDays'] as const),
    listSubtreeOrgs(ctx, rootPath),
  ]);
  const branches = orgs.filter((o) => lifeKindOf(o.kind) === 'branch').map((o) => {
    const s = resolve(o.path);
    return { org: o, rules: rulesFor(s['life.localRules'], s['life.customTypes']), dueSoonDays: s['life.dueSoonDays'] };
  });
  // Read as far around the period as the widest rule of any branch needs (a quarterly custom rule …).
  const kinds = new Set<RuleEvery>();
  for (const rules of new Set(branches.map((b) => b.rules))) for (const k of periodKindsOf(rules)) kinds.add(k);
  const { from, to } = spanOf(period, kinds);
  const [leaders, meetings] = await Promise.all([leaderCountsInSubtree(ctx, rootPath), complianceRepo.findCountedMeetingsInSubtree(ctx.db, rootPath, from, to)]);
  const byOrg = new Map<string, { type: string; date: string; counted: boolean; lateEntry: boolean }[]>();
  for (const m of meetings) {
    const held = { type: m.type, date: m.date, counted: true, lateEntry: m.lateEntry };
    const list = byOrg.get(m.orgId);
    if (list) list.push(held);
    else byOrg.set(m.orgId, [held]);
  }
  const today = ctx.clock.today();
  return branches.map(({ org: o, rules, dueSoonDays }) =>
    each(
      { orgId: o.id, code: o.code, name: o.name },
      evaluateCompliance({ orgId: o.id, orgKind: 'branch', hasCommittee: hasCommittee(leaders.get(o.id) ?? 0), period, today, dueSoonDays, rules, meetings: byOrg.get(o.id) ?? [] }),
    ),
  );
}

/** A branch on the board: its worst item and how many items are in each status. */
export function branchSummary(b: BranchOfSubtree, items: readonly ComplianceItem[]): BranchCompliance {
  const counts = emptyCounts();
  for (const i of items) counts[i.status]++;
  return { ...b, worst: worstOf(items), counts };
}

/** How many branches are in each (worst) status. */
export function countByWorst(branches: readonly { worst: ComplianceStatus }[]): Record<ComplianceStatus, number> {
  const byWorst = emptyCounts();
  for (const b of branches) byWorst[b.worst]++;
  return byWorst;
}

async function subtreeCompliance(ctx: Ctx, input: { id: string; period: string }): Promise<{ period: Period; branches: BranchCompliance[] }> {
  requirePermission(ctx, 'life.read');
  const root = await findOrgForActor(ctx, input.id, 'life.read');
  const period = periodOf(input.period);
  return { period, branches: await evaluateSubtreeCompliance(ctx, { rootPath: root.path, period }, branchSummary) };
}

/** GET /api/orgs/:id/compliance/summary — how many branches of the subtree are in each (worst) status. */
export async function complianceSummary(ctx: Ctx, input: { id: string; period: string }) {
  const { period, branches } = await subtreeCompliance(ctx, input);
  return { orgId: input.id, period: period.key, branches: branches.length, byWorst: countByWorst(branches) };
}

/** GET /api/orgs/:id/compliance/branches — the subtree's branches, worst first, optionally of one status. */
export async function complianceBranches(ctx: Ctx, input: { id: string } & z.infer<typeof complianceBranchesQuery>) {
  const { branches } = await subtreeCompliance(ctx, input);
  const chosen = branches.filter((b) => !input.status || b.worst === input.status).sort(worstFirst);
  const start = (input.page - 1) * input.pageSize;
  return { items: chosen.slice(start, start + input.pageSize), total: chosen.length, page: input.page, pageSize: input.pageSize };
}

/**
 * Every branch of the subtree with its items (each against its own effective rules), worst first then by
 * 统一编码 — for the upper level's completion sheet.
 */
export async function subtreeComplianceItems(
  ctx: Ctx,
  input: { id: string; period: string },
): Promise<{ period: string; branches: { orgId: string; code: string; name: string; worst: ComplianceStatus; items: ComplianceItem[] }[] }> {
  requirePermission(ctx, 'life.read');
  const root = await findOrgForActor(ctx, input.id, 'life.read');
  const period = periodOf(input.period);
  const branches = await evaluateSubtreeCompliance(ctx, { rootPath: root.path, period }, (b, items) => ({ ...b, worst: worstOf(items), items }));
  return { period: period.key, branches: branches.sort(worstFirst) };
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
