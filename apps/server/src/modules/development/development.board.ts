import type { z } from 'zod';
import type { BoardView, overrideItem, overridesPage } from '@xianfeng/contracts/development/development.board.schemas';
import { developmentStages, findStep } from '@xianfeng/contracts/development/development.steps';
import type { Ctx } from '../../platform/context.ts';
import { coveredPaths, requirePermission } from '../../platform/access/access.ts';
import { wholeYears } from '../../platform/dates.ts';
import { notFound } from '../../platform/http/errors.ts';
import { findOrgForActor } from '../org/org.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import * as board from './development.board.repository.ts';
import { forEachDeadlinePage, type CaseDeadline } from './development.deadlines.ts';
import { ruleText } from './development.documents.text.ts';
import { planSummaryFor } from './development.plan.ts';

/**
 * The 发展党员 board of a branch or any org above it (its whole subtree, scoped in SQL): open cases by stage,
 * limits due soon and overdue, the year's plan against approvals, the share of new members aged 35 and under,
 * and the steps recorded with an override — which upper levels must see (一步一审).
 */

const ITEMS = 100;
const OVERRIDES = 20;

/** The org a board or list is about: the one asked for (in scope, else 404) or the caller's widest one. */
export async function boardOrg(ctx: Ctx, orgId: string | undefined) {
  const actor = requirePermission(ctx, 'development.read');
  const id = orgId ?? actor.grants.find((g) => g.permissions.includes('development.read') && g.orgPath === coveredPaths(actor, 'development.read')[0])?.orgId;
  if (!id) throw notFound();
  return findOrgForActor(ctx, id, 'development.read');
}

type OverrideItem = z.infer<typeof overrideItem>;
function toOverrideItem(r: board.OverrideRow): OverrideItem {
  return {
    ...r,
    stepName: findStep(r.stepKey)?.zh ?? r.stepKey,
    overridden: (r.overridden ?? []).map((o) => ({ ...o, zh: ruleText(o.rule) })),
    recordedAt: new Date(r.recordedAt).toISOString(),
  };
}

/** Overdue first (longest overdue first), then due soon (soonest first). */
const byUrgency = (a: CaseDeadline, b: CaseDeadline) => a.days - b.days || a.name.localeCompare(b.name, 'zh-CN');

/** GET /api/development/board?orgId=&year= */
export async function getBoard(ctx: Ctx, input: { orgId?: string | undefined; year?: number | undefined }): Promise<BoardView> {
  const org = await boardOrg(ctx, input.orgId);
  const today = ctx.clock.today();
  const year = input.year ?? Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const children = await board.findChildOrgs(ctx.db, org.id);
  const childOf = (seg: string) => (seg ? `${org.path}${seg}/` : null);

  const open = await board.countOpenByChildAndStage(ctx.db, org.path);
  const approved = await board.countApprovedByChild(ctx.db, org.path, from, to);
  const plans = new Map((await board.findPlans(ctx.db, [org.id, ...children.map((c) => c.id)], year)).map((p) => [p.orgId, p.planned]));

  const deadlines: CaseDeadline[] = [];
  let overdue = 0;
  let dueSoon = 0;
  const perChild = new Map<string, { overdue: number; dueSoon: number }>();
  await forEachDeadlinePage(ctx, [org.path], async (items) => {
    for (const d of items) {
      if (d.kind === 'overdue') overdue += 1;
      else dueSoon += 1;
      const child = children.find((c) => d.orgPath.startsWith(c.path));
      if (child) {
        const n = perChild.get(child.id) ?? { overdue: 0, dueSoon: 0 };
        n[d.kind === 'overdue' ? 'overdue' : 'dueSoon'] += 1;
        perChild.set(child.id, n);
      }
      // Keep only the most urgent few in memory, however many there are.
      deadlines.push(d);
      if (deadlines.length > ITEMS * 2) deadlines.sort(byUrgency).splice(ITEMS);
    }
  });
  deadlines.sort(byUrgency);

  const youthAge = await getEffectiveSetting(ctx, org.path, 'development.youthAge');
  const ages = await board.findApprovedAges(ctx.db, org.path, from, to);
  const youth = ages.filter((a) => wholeYears(a.birthDate, a.approvedOn) <= youthAge).length;
  const actual = approved.reduce((t, r) => t + r.n, 0);

  return {
    org: { id: org.id, name: org.name, kind: org.kind },
    asOf: today,
    year,
    stages: developmentStages.map((s) => ({ stage: s.stage, zh: s.zh, open: open.filter((r) => r.stage === s.stage).reduce((t, r) => t + r.n, 0) })),
    open: open.reduce((t, r) => t + r.n, 0),
    deadlines: {
      overdue,
      dueSoon,
      dueSoonDays: await getEffectiveSetting(ctx, org.path, 'development.dueSoonDays'),
      items: deadlines.slice(0, ITEMS).map(({ orgPath: _path, ...d }) => d),
      truncated: overdue + dueSoon > ITEMS,
    },
    plan: await planSummaryFor(ctx, { orgPath: org.path, year, planned: plans.get(org.id) ?? null, actual }),
    youth: { age: youthAge, approved: ages.length, youth, percent: ages.length ? Math.round((youth / ages.length) * 1000) / 10 : null },
    overrides: { count: await board.countOverrides(ctx.db, [org.path]), items: (await board.findOverrides(ctx.db, [org.path], OVERRIDES, 0)).map(toOverrideItem) },
    children: children.map((c) => {
      const mine = (seg: string) => childOf(seg) === c.path;
      const byStage = [1, 2, 3, 4, 5].map((st) => open.filter((r) => r.stage === st && mine(r.seg)).reduce((t, r) => t + r.n, 0));
      return {
        orgId: c.id,
        name: c.name,
        kind: c.kind,
        open: byStage.reduce((t, n) => t + n, 0),
        byStage,
        overdue: perChild.get(c.id)?.overdue ?? 0,
        dueSoon: perChild.get(c.id)?.dueSoon ?? 0,
        planned: plans.get(c.id) ?? null,
        actual: approved.filter((r) => mine(r.seg)).reduce((t, r) => t + r.n, 0),
      };
    }),
  };
}

/** GET /api/development/overrides?orgId=&page=&pageSize= — every step recorded with an override in the subtree, newest first. */
export async function listOverrides(ctx: Ctx, input: { orgId?: string | undefined; page: number; pageSize: number }): Promise<z.infer<typeof overridesPage>> {
  const org = await boardOrg(ctx, input.orgId);
  const [total, found] = [await board.countOverrides(ctx.db, [org.path]), await board.findOverrides(ctx.db, [org.path], input.pageSize, (input.page - 1) * input.pageSize)];
  return { items: found.map(toOverrideItem), total, page: input.page, pageSize: input.pageSize };
}
