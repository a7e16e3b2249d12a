import { sql } from 'drizzle-orm';
import { statsWarningLabels, type StatsWarningCode } from '@xianfeng/contracts/stats/stats.enums';
import type { StatsModules, StatsWarning } from '@xianfeng/contracts/stats/stats.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import { addDays, addMonths } from '../../platform/dates.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import { countWithOverrides, histogramCount, termEndCount, type KeyCount } from './stats.rules.ts';
import type { StatsOrg } from './stats.figures.ts';
import { duesArrearsForStatistics } from '../dues/dues.service.ts';
import { secretaryMissingCount } from '../org/org.service.ts';
import * as repo from './stats.repository.ts';

/**
 * Dashboard warnings of a subtree now, each with the web list behind it. The structural ones come from the
 * rollups' histograms (branch sizes, term ends) — a province reads a few hundred rows — judged like the org
 * module's warnings (org.rules `structuralWarnings`): each org by its own effective threshold, so an org inside that
 * sets its own value is counted with it.
 */

type ThresholdKey = 'org.branchMinFullMembers' | 'org.branchMaxMembers' | 'org.electionWarningMonths';

function warning(code: StatsWarningCode, count: number, severity: 'red' | 'yellow', link: string): StatsWarning {
  return { level: count > 0 ? severity : 'green', code, zh: statsWarningLabels[code], count, link };
}

async function structuralCounts(ctx: Ctx, org: StatsOrg) {
  const today = ctx.clock.today();
  const dims = ['branch_full', 'branch_size', 'term_end'];
  const overrides = (await repo.findThresholdOverrides(ctx.db, sql`path <> ${org.path} AND ${inSubtrees(sql`path`, [org.path])}`)).filter((o) => typeof o.value === 'number');
  const rowsByPath = new Map<string, KeyCount[]>();
  const paths = new Map([[org.id, org.path], ...overrides.map((o) => [o.orgId, o.path] as const)]);
  for (const r of await repo.findRollupDims(ctx.db, [...paths.keys()], dims)) {
    const p = paths.get(r.orgId)!;
    rowsByPath.set(p, [...(rowsByPath.get(p) ?? []), r]);
  }
  const of = (path: string) => rowsByPath.get(path) ?? [];
  const judged = async (key: ThresholdKey, count: (rows: KeyCount[], value: number) => number) =>
    countWithOverrides({
      rootPath: org.path,
      rootValue: await getEffectiveSetting(ctx, org.path, key),
      overrides: overrides.filter((o) => o.key === key).map((o) => ({ path: o.path, value: o.value as number })),
      count: (path, value) => count(of(path), value),
    });
  return {
    // 支部工作条例 第四条: a branch needs ≥ 3 full members (setting org.branchMinFullMembers) and generally ≤ 50.
    tooFew: await judged('org.branchMinFullMembers', (rows, min) => histogramCount(rows, 'branch_full', (k) => k < min)),
    tooMany: await judged('org.branchMaxMembers', (rows, max) => histogramCount(rows, 'branch_size', (k) => k > max)),
    // 基层组织选举工作条例 第三条: the election is due at the term's end.
    expired: termEndCount(of(org.path), null, addDays(today, -1)),
    dueSoon: await judged('org.electionWarningMonths', (rows, months) => termEndCount(rows, today, addMonths(today, months))),
  };
}

/** The warnings of the org's subtree now; module warnings come from the figures already read for the overview. */
export async function warningsOf(ctx: Ctx, input: { org: StatsOrg; modules: StatsModules }): Promise<StatsWarning[]> {
  const { org, modules } = input;
  const s = await structuralCounts(ctx, org);
  const orgWarnings = `/admin/orgs/${org.id}?tab=warnings`;
  const out = [
    warning('BRANCH_TOO_FEW_FULL_MEMBERS', s.tooFew, 'red', orgWarnings),
    warning('BRANCH_TOO_MANY_MEMBERS', s.tooMany, 'yellow', orgWarnings),
    warning('TERM_EXPIRED', s.expired, 'red', orgWarnings),
    warning('ELECTION_DUE_SOON', s.dueSoon, 'yellow', orgWarnings),
  ];
  if (modules.transfers) out.push(warning('TRANSFER_STEPS_OVERDUE', modules.transfers.overdueSteps, 'red', '/admin/transfers'));
  if (modules.mobile) {
    out.push(warning('MOBILE_LOST_CONTACT', modules.mobile.lostContact, 'red', `/admin/mobile?org=${org.id}`));
    out.push(warning('MOBILE_TRANSFER_DUE', modules.mobile.transferDue, 'yellow', `/admin/mobile?org=${org.id}`));
  }
  if (modules.compliance) out.push(warning('COMPLIANCE_NOT_MET', modules.compliance.byWorst.overdue, 'red', `/admin/compliance?period=${modules.compliance.period}`));
  // 党章 第九条, 2008 第十三条: six consecutive months unpaid without a valid reason → the branch's 自行脱党 review;
  // the arrears page lists the same members under its 连续 6 个月 filter.
  const arrears = await duesArrearsForStatistics(ctx, { path: org.path, asOf: ctx.clock.today() });
  out.push(warning('DUES_ARREARS_SIX_MONTHS', arrears.sixMonthsOrMore, 'red', `/admin/dues/arrears?org=${org.id}`));
  // 支部工作条例 第二十条、第二十一条: every party organisation but a 党小组 has a 书记. No article makes a vacancy
  // itself a breach with a deadline, so yellow; the org module's warnings tab names the orgs (书记空缺).
  out.push(warning('SECRETARY_MISSING', await secretaryMissingCount(ctx, { path: org.path }), 'yellow', orgWarnings));
  return out;
}
