import { sql } from 'drizzle-orm';
import type { MemberStatistics, OrgStatistics } from '@xianfeng/contracts/stats/stats.schemas';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { coveringGrant, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { fieldError } from '../../platform/http/errors.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import { loadStatsOrg, memberStatisticsOf, orgStatisticsOf, pastRegion, resolveAsOf, type StatsOrg } from './stats.service.ts';
import { findChildren } from './stats.repository.ts';
import { memberDims } from './stats.tables.layout.ts';
import { replayChanges, type ChangeRow } from './stats.tables.changes.ts';
import { findMemberHistories, findOrgMovesAfter, findOrgsByIds, findRowMembers, findRowOrgs, maskedIdOf, type RowRegion } from './stats.tables.read.ts';
import { buildSheets, type ChangeFact, type ChangeRowData, type Figures, type OrgRowData, type ReportRow, type TablesData } from './stats.tables.sheets.ts';
import { writeXlsx } from './stats.tables.xlsx.ts';

/**
 * 党内统计 tables (issue 9 item 4; docs/stats.md "党内统计 tables"): one workbook for an org's subtree on a date —
 * 表1–表5 members, 表6 organisations, 表7 the year's changes — each figure linked to its named list. The figures are
 * the statistics module's own (`memberStatisticsOf`, `orgStatisticsOf`: rollups for today, history for a past date),
 * so 表1's 合计 is exactly GET /api/stats/orgs/:id/members; the lists come from stats.tables.read.ts by the same rules.
 */

export interface StatsTablesFile {
  file: Buffer;
  filename: string;
  asOf: string;
}

/**
 * The statistics date: `asOf`, or `year` meaning 31 December of that year (today while the year runs) — yearly tables
 * are as of 31 December (regulations digest §10); never a future date.
 */
export function tablesDate(ctx: Ctx, input: { asOf?: string | undefined; year?: number | undefined }): string {
  if (input.year !== undefined && input.asOf !== undefined) throw fieldError('VALIDATION_FAILED', 'year', '统计年度：与统计日期（asOf）只能填写一个');
  if (input.year === undefined) return resolveAsOf(ctx, input.asOf);
  const end = `${String(input.year).padStart(4, '0')}-12-31`;
  const today = ctx.clock.today();
  return end > today ? today : end;
}

/** The API's breakdowns as the tables' figures (dimension → key → count). */
function figuresOf(s: MemberStatistics): Figures {
  return {
    total: { '': s.total },
    gender: s.byGender,
    ethnicity: s.byEthnicity,
    status: s.byStatus,
    education: s.byEducation,
    age: s.byAgeBand,
    join: s.byJoinPeriod,
    category: s.byCategory,
    occupation: s.byOccupation,
  };
}

/** What the org itself holds (本级): its subtree less its children's, key by key (as the overview's `direct`). */
function lessChildren(total: Figures, children: Figures[]): Figures {
  const out = {} as Figures;
  for (const dim of memberDims) {
    out[dim] = {};
    for (const [k, n] of Object.entries(total[dim])) out[dim][k] = Math.max(0, n - children.reduce((a, c) => a + (c[dim][k] ?? 0), 0));
  }
  return out;
}

function orgLessChildren(total: OrgStatistics, children: OrgStatistics[]): OrgRowData {
  const less = (rec: Record<string, number>, pick: (c: OrgStatistics) => Record<string, number>) =>
    Object.fromEntries(Object.entries(rec).map(([k, n]) => [k, Math.max(0, n - children.reduce((a, c) => a + (pick(c)[k] ?? 0), 0))]));
  const byKind = less(total.byKind, (c) => c.byKind);
  return { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind, byDomain: less(total.byDomain, (c) => c.byDomain) };
}

/** Each row's region on a date: a child's subtree; 本级 = the org less its children; 合计 = the org's subtree. */
async function rowRegions(ctx: Ctx, org: StatsOrg, children: StatsOrg[], on: string): Promise<Map<string, RowRegion>> {
  const own = await pastRegion(ctx, { path: org.path, asOf: on });
  const out = new Map<string, RowRegion>();
  const childRules = [];
  for (const c of children) {
    const rules = await pastRegion(ctx, { path: c.path, asOf: on });
    childRules.push(rules);
    out.set(c.id, { include: rules, exclude: [] });
  }
  out.set('self', { include: own, exclude: childRules });
  out.set('total', { include: own, exclude: [] });
  return out;
}

/** 表7: the replayed changes of each row during (yearStart, asOf], with the members named. */
async function yearChanges(ctx: Ctx, input: { org: StatsOrg; children: StatsOrg[]; rows: ReportRow[]; yearStart: string; asOf: string }): Promise<Map<string, ChangeFact[]>> {
  const moves = await findOrgMovesAfter(ctx, input.yearStart);
  const movedPaths = moves.filter((m) => m.on <= input.asOf).map((m) => m.orgPathNow);
  const histories = await findMemberHistories(ctx, { start: input.yearStart, end: input.asOf, movedPaths });
  const orgIds = new Set([input.org.id, ...input.children.map((c) => c.id)]);
  for (const h of histories) {
    orgIds.add(h.orgId);
    for (const e of h.events) if (e.kind === 'move') orgIds.add(e.fromOrgId).add(e.toOrgId);
  }
  const orgs = await findOrgsByIds(ctx, [...orgIds]);
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const changeRows: ChangeRow[] = input.rows.map((r) => ({ key: r.key, orgId: r.orgId, excludeOrgIds: r.self ? input.children.map((c) => c.id) : [] }));
  const transitions = replayChanges({ members: histories, rows: changeRows, paths: { current: new Map(orgs.map((o) => [o.id, o.path])), moves }, start: input.yearStart, end: input.asOf });
  const byId = new Map(histories.map((h) => [h.id, h]));
  const masked = new Map<string, string>();
  const out = new Map<string, ChangeFact[]>(input.rows.map((r) => [r.key, []]));
  for (const t of transitions) {
    const h = byId.get(t.memberId)!;
    if (!masked.has(h.id)) masked.set(h.id, maskedIdOf(ctx, h));
    out.get(t.rowKey)!.push({ kind: t.kind, on: t.on, detail: t.detail, member: { id: h.id, name: h.name, orgName: names.get(t.orgId) ?? '', maskedId: masked.get(h.id)! } });
  }
  for (const facts of out.values()) facts.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.member.name.localeCompare(b.member.name, 'zh')));
  return out;
}

/**
 * GET /api/stats/orgs/:id/tables.xlsx: the workbook for the caller's org (404 out of scope, 403 without stats.read
 * anywhere). Read in one repeatable-read transaction, so every figure and list describes the same moment, and audited
 * (`stats.tables.export`) in it before the file leaves the server.
 */
export async function exportStatsTables(ctx: Ctx, input: { orgId: string; asOf?: string | undefined; year?: number | undefined }): Promise<StatsTablesFile> {
  const org = await loadStatsOrg(ctx, input.orgId);
  const asOf = tablesDate(ctx, input);
  const actor = requireActor(ctx);
  const yearStart = `${String(Number(asOf.slice(0, 4)) - 1).padStart(4, '0')}-12-31`;
  const today = asOf >= ctx.clock.today();
  const listLimit = await getEffectiveSetting(ctx, org.path, 'stats.tablesListRowLimit');
  const file = await inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
    // The children live on the date (groups left out), as the dashboard's drill-down lists them.
    const children: StatsOrg[] = (await findChildren(tx.db, org.id)).filter((c) => c.dissolvedOn === null || c.dissolvedOn > asOf) as StatsOrg[];
    const figures = new Map<string, Figures>();
    const start = new Map<string, number>();
    const orgFigures = new Map<string, OrgRowData>();
    const childFigures: Figures[] = [];
    const childStart: number[] = [];
    const childOrgs: OrgStatistics[] = [];
    for (const c of children) {
      const f = figuresOf(await memberStatisticsOf(tx, { org: c, asOf }));
      const o = await orgStatisticsOf(tx, { org: c, asOf });
      const s = (await memberStatisticsOf(tx, { org: c, asOf: yearStart })).total;
      figures.set(c.id, f);
      orgFigures.set(c.id, o);
      start.set(c.id, s);
      childFigures.push(f);
      childOrgs.push(o);
      childStart.push(s);
    }
    const total = figuresOf(await memberStatisticsOf(tx, { org, asOf }));
    const totalOrgs = await orgStatisticsOf(tx, { org, asOf });
    const totalStart = (await memberStatisticsOf(tx, { org, asOf: yearStart })).total;
    figures.set('self', lessChildren(total, childFigures));
    figures.set('total', total);
    orgFigures.set('self', orgLessChildren(totalOrgs, childOrgs));
    orgFigures.set('total', { total: totalOrgs.total, byKind: totalOrgs.byKind, byDomain: totalOrgs.byDomain });
    start.set('self', Math.max(0, totalStart - childStart.reduce((a, b) => a + b, 0)));
    start.set('total', totalStart);

    // 本级 is shown where the org may hold members itself, or when it does (or did at the year's start).
    const showSelf = memberHoldingKinds.includes(org.kind) || (figures.get('self')!.total[''] ?? 0) > 0 || start.get('self')! > 0;
    const rows: ReportRow[] = [
      ...(showSelf ? [{ key: 'self', label: `${org.name}（本级）`, orgId: org.id, self: true, total: false }] : []),
      ...children.map((c) => ({ key: c.id, label: c.name, orgId: c.id, self: false, total: false })),
      { key: 'total', label: '合计', orgId: org.id, self: false, total: true },
    ];
    const facts = await yearChanges(tx, { org, children, rows, yearStart, asOf });
    const changes = new Map<string, ChangeRowData>(rows.map((r) => [r.key, { start: start.get(r.key)!, changes: facts.get(r.key)! }]));
    const regions = { asOf: await rowRegions(tx, org, children, asOf), yearStart: await rowRegions(tx, org, children, yearStart) };
    const data: TablesData = {
      org: { id: org.id, name: org.name },
      asOf,
      yearStart,
      generatedAt: new Date(tx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '),
      rows,
      figures,
      orgs: orgFigures,
      changes,
      loadMembers: ({ rowKey, on, limit }) =>
        findRowMembers(tx, { on: on === 'asOf' ? asOf : yearStart, today: on === 'asOf' && today, region: regions[on].get(rowKey)!, limit }),
      loadOrgs: ({ rowKey, limit }) => findRowOrgs(tx, { asOf, region: regions.asOf.get(rowKey)!, limit }),
      listLimit,
      exportHint: `党员管理 → 按党组织导出，或 /api/members/export.xlsx?orgId=${org.id}（当前名册）`,
    };
    const sheets = await buildSheets(data);
    await writeAudit(tx, {
      action: 'stats.tables.export',
      targetType: 'org',
      targetId: org.id,
      targetOrgPath: org.path,
      actingForOrgId: coveringGrant(actor, 'stats.read', org.path)?.orgId ?? null,
      details: { asOf, ...(input.year !== undefined ? { year: input.year } : {}), rows: rows.length, members: total.total[''] ?? 0, listLimit },
    });
    return writeXlsx({ sheets, title: `党内统计报表 ${org.name} ${asOf}`, at: tx.clock.now() });
  });
  return { file, filename: `党内统计报表-${org.name}-${asOf}.xlsx`, asOf };
}
