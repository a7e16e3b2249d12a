import type { MemberStatistics, OrgStatistics, StatsChildRow, StatsOverview } from '@xianfeng/contracts/stats/stats.schemas';
import { branchKinds, type OrgKind } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { requirePermission } from '../../platform/access/access.ts';
import { fieldError, notFound } from '../../platform/http/errors.ts';
import { findOrg, findOrgForActor } from '../org/org.service.ts';
import { agePyramidFromRows, birthKeyRanges, memberFiguresFromRows, orgFiguresFromRows, type KeyCount } from './stats.rules.ts';
import { pastMemberRows, pastOrgRows, pastRegion } from './stats.history.ts';
import * as repo from './stats.repository.ts';

/**
 * The figures of one org's subtree as of a date: today's from the rollups (a handful of rows by primary key),
 * a past date's from history (stats.history.ts). The `…Of` functions check no permission — the HTTP services below
 * and the modules that build on them (党内统计 tables, the benchmark) scope their callers.
 */

export interface StatsOrg {
  id: string;
  name: string;
  kind: OrgKind;
  path: string;
  dissolvedOn: string | null;
}

/** The org the caller may read statistics of; 403 without `stats.read` anywhere, 404 when unknown or out of scope. */
export async function loadStatsOrg(ctx: Ctx, orgId: string): Promise<StatsOrg> {
  requirePermission(ctx, 'stats.read');
  return findOrgForActor(ctx, orgId, 'stats.read');
}

/** An org by id with no permission check (for modules that scope their callers); 404 when unknown. */
export async function statsOrgById(ctx: Ctx, orgId: string): Promise<StatsOrg> {
  const org = await findOrg(ctx, orgId);
  if (!org) throw notFound();
  return org;
}

/** `asOf` as asked, default today (Asia/Shanghai, platform clock); a future date is refused (400, naming `asOf`). */
export function resolveAsOf(ctx: Ctx, asOf: string | undefined): string {
  const today = ctx.clock.today();
  if (asOf === undefined) return today;
  if (asOf > today) throw fieldError('VALIDATION_FAILED', 'asOf', `统计日期：不能晚于今天（${today}）`);
  return asOf;
}

const isToday = (ctx: Ctx, asOf: string) => asOf >= ctx.clock.today();

/** Active members of the subtree as of `asOf` (the exact API contract of GET /api/stats/orgs/:id/members). */
export async function memberStatisticsOf(ctx: Ctx, input: { org: StatsOrg; asOf: string }): Promise<MemberStatistics> {
  const rows = isToday(ctx, input.asOf)
    ? await repo.findMemberRollup(ctx.db, input.org.id, birthKeyRanges(input.asOf))
    : await pastMemberRows(ctx, { rules: await pastRegion(ctx, { path: input.org.path, asOf: input.asOf }), asOf: input.asOf });
  return memberFiguresFromRows(rows, input.asOf);
}

/**
 * The member figures (exactly those of `memberStatisticsOf`) and the age pyramid by gender, from one set of rows:
 * today the member rollup rows with the bands of all, female and gender-unknown members summed by the database, a
 * past date the history rows of every dimension (`stats_member_dims` gives the gendered birth keys too).
 */
export async function memberFiguresWithPyramidOf(
  ctx: Ctx,
  input: { org: StatsOrg; asOf: string },
): Promise<{ members: MemberStatistics; agePyramid: StatsOverview['agePyramid'] }> {
  let rows: KeyCount[];
  if (isToday(ctx, input.asOf)) {
    rows = await repo.findMemberRollup(ctx.db, input.org.id, birthKeyRanges(input.asOf), ['', '_female', '_gender_unknown']);
  } else {
    rows = await pastMemberRows(ctx, { rules: await pastRegion(ctx, { path: input.org.path, asOf: input.asOf }), asOf: input.asOf });
  }
  return { members: memberFiguresFromRows(rows, input.asOf), agePyramid: agePyramidFromRows(rows, input.asOf) };
}

/** Live orgs of the subtree (the org itself included) by kind and domain as of `asOf`. */
export async function orgStatisticsOf(ctx: Ctx, input: { org: StatsOrg; asOf: string }): Promise<OrgStatistics> {
  const rows = isToday(ctx, input.asOf)
    ? await repo.findRollupDims(ctx.db, [input.org.id], ['org_kind', 'org_domain'])
    : await pastOrgRows(ctx, { rules: await pastRegion(ctx, { path: input.org.path, asOf: input.asOf }), asOf: input.asOf });
  return orgFiguresFromRows(rows);
}

function childRow(c: repo.ChildRow, rows: KeyCount[]): StatsChildRow {
  const get = (dim: string, key: string) => rows.filter((r) => r.dim === dim && r.key === key).reduce((a, r) => a + r.n, 0);
  const orgs = orgFiguresFromRows(rows);
  return {
    id: c.id,
    name: c.name,
    kind: c.kind as OrgKind,
    total: get('total', ''),
    full: get('status', 'full'),
    probationary: get('status', 'probationary'),
    orgs: orgs.total,
    branches: branchKinds.reduce((a, k) => a + orgs.byKind[k], 0),
  };
}

/**
 * Drill-down: one row per child (groups left out; dissolved ones only if still live on `asOf`), each with its
 * subtree's members and orgs. Today from the rollups in one read; a past date from history, child by child.
 */
export async function childStatisticsOf(ctx: Ctx, input: { org: StatsOrg; asOf: string }): Promise<StatsChildRow[]> {
  const children = (await repo.findChildren(ctx.db, input.org.id)).filter((c) => c.dissolvedOn === null || c.dissolvedOn > input.asOf);
  if (isToday(ctx, input.asOf)) {
    const live = children.filter((c) => c.dissolvedOn === null);
    const found = await repo.findRollupDims(
      ctx.db,
      live.map((c) => c.id),
      ['total', 'status', 'org_kind'],
    );
    return live.map((c) => childRow(c, found.filter((r) => r.orgId === c.id)));
  }
  const out: StatsChildRow[] = [];
  for (const c of children) {
    const rules = await pastRegion(ctx, { path: c.path, asOf: input.asOf });
    const members = await pastMemberRows(ctx, { rules, asOf: input.asOf, dims: ['total', 'status'] });
    const orgs = await pastOrgRows(ctx, { rules, asOf: input.asOf });
    out.push(childRow(c, [...members, ...orgs]));
  }
  return out;
}

/** GET /api/stats/orgs/:id/members?asOf= — scoped to the caller's `stats.read` subtrees. */
export async function getMemberStatistics(ctx: Ctx, input: { orgId: string; asOf?: string | undefined }): Promise<MemberStatistics> {
  const org = await loadStatsOrg(ctx, input.orgId);
  return memberStatisticsOf(ctx, { org, asOf: resolveAsOf(ctx, input.asOf) });
}
