import { sql } from 'drizzle-orm';
import type { Permission } from '@xianfeng/contracts/account/account.permissions';
import type { z } from 'zod';
import { secretaryKinds } from '@xianfeng/contracts/org/org.enums';
import type { createGridBody, createOrgBody, dissolveOrgBody, leadershipBody, updateOrgBody } from '@xianfeng/contracts/org/org.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { can, coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import * as repo from './org.repository.ts';
import type { OrgRow } from './org.repository.ts';
import { childCode, kindAllowedUnder, nextCodeSegment, termEnd, termYears, CODE_SEGMENT_WIDTH } from './org.rules.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import { findActiveMembersInSubtree, countActiveMembersDirect } from '../member/member.service.ts';

/** Loads an org the actor may act on with `permission`; anything else (missing or out of scope) is 404. */
export async function findOrgForActor(ctx: Ctx, id: string, permission: Permission): Promise<OrgRow> {
  const org = await repo.findOrgById(ctx.db, id);
  if (!org || !can(ctx.actor, permission, org.path)) throw notFound();
  return org;
}

/** For other modules: the org with no permission check (they check scope themselves). */
export function findOrg(ctx: Ctx, id: string): Promise<OrgRow | undefined> {
  return repo.findOrgById(ctx.db, id);
}

/** For other modules: the live orgs of one subtree (no permission check; the caller has checked the root). */
export function listSubtreeOrgs(ctx: Ctx, rootPath: string): Promise<OrgRow[]> {
  return repo.findOrgsInSubtrees(ctx.db, { paths: [rootPath] });
}

export async function termYearsFor(ctx: Ctx, org: Pick<OrgRow, 'kind' | 'domain' | 'path'>): Promise<number | null> {
  return termYears(org.kind, org.domain, {
    committee: await getEffectiveSetting(ctx, org.path, 'org.termYears.committee'),
    branch: await getEffectiveSetting(ctx, org.path, 'org.termYears.branch'),
    communityBranch: await getEffectiveSetting(ctx, org.path, 'org.termYears.communityBranch'),
  });
}

function actingFor(ctx: Ctx, path: string): string | null {
  return coveringGrant(ctx.actor, 'org.write', path)?.orgId ?? null;
}

async function assignCode(ctx: Ctx, parent: OrgRow | null): Promise<string> {
  const used = await repo.usedCodeSegments(ctx.db, parent?.id ?? null);
  const start = parent ? parent.code.length : 0;
  const seg = nextCodeSegment(used.map((u) => Number(u.code.slice(start, start + CODE_SEGMENT_WIDTH))));
  if (seg === null) throw new AppError('ORG_CODE_SPACE_FULL');
  return childCode(parent?.code ?? '', seg);
}

/** Inserts an org with the next free 统一编码 under its parent (serialised so two creates never pick the same code). */
async function insertWithCode(ctx: Ctx, parent: OrgRow | null, input: z.infer<typeof createOrgBody>): Promise<OrgRow> {
  await ctx.db.execute(sql`SELECT pg_advisory_xact_lock(7411003)`);
  const code = await assignCode(ctx, parent);
  return repo.insertOrg(
    ctx.db,
    {
      parentId: parent?.id ?? null,
      code,
      depth: parent ? parent.depth + 1 : 0,
      kind: input.kind,
      domain: input.domain,
      name: input.name,
      shortName: input.shortName ?? null,
      unitName: input.unitName ?? null,
      unitCreditCode: input.unitCreditCode ?? null,
      gridId: parent ? (input.gridId ?? null) : null,
      canApproveMembers: input.canApproveMembers ?? false,
      now: ctx.clock.now(),
    },
    parent?.path ?? '/',
  );
}

/** Creates an org under a parent in the actor's subtree; the 统一编码 and path are system-assigned. */
export async function createOrg(ctx: Ctx, input: z.infer<typeof createOrgBody>): Promise<OrgRow> {
  requirePermission(ctx, 'org.write');
  return inTransaction(ctx, async (tx) => {
    let parent: OrgRow | null = null;
    if (input.parentId) {
      parent = (await repo.findOrgByIdForUpdate(tx.db, input.parentId)) ?? null;
      if (!parent || !can(tx.actor, 'org.write', parent.path)) throw fieldError('NOT_FOUND', 'parentId', '上级党组织不存在或不在您的管理范围内');
      if (parent.dissolvedOn) throw fieldError('ORG_DISSOLVED', 'parentId');
    } else {
      // A new root org is a platform-level act: only someone covering every root may do it; none does by grant.
      throw fieldError('ORG_PARENT_REQUIRED', 'parentId');
    }
    if (!kindAllowedUnder(parent.kind, input.kind)) throw fieldError('ORG_KIND_NOT_ALLOWED_UNDER_PARENT', 'kind');
    if (input.gridId) await checkGrid(tx, input.gridId, parent);
    const org = await insertWithCode(tx, parent, input);
    await writeAudit(tx, {
      action: 'org.create',
      targetType: 'org',
      targetId: org.id,
      targetOrgPath: org.path,
      actingForOrgId: actingFor(tx, parent.path),
      details: { code: org.code, name: org.name, kind: org.kind },
    });
    return org;
  });
}

/** Creates a root org (区委) — used by the seed and the CLI only, never over HTTP. */
export async function createRootOrg(ctx: Ctx, input: z.infer<typeof createOrgBody>): Promise<OrgRow> {
  return inTransaction(ctx, async (tx) => {
    const org = await insertWithCode(tx, null, input);
    await writeAudit(tx, { action: 'org.create', targetType: 'org', targetId: org.id, targetOrgPath: org.path, details: { code: org.code, root: true } });
    return org;
  });
}

async function checkGrid(ctx: Ctx, gridId: string, under: OrgRow): Promise<void> {
  const grid = await repo.findGridById(ctx.db, gridId);
  const owner = grid ? await repo.findOrgById(ctx.db, grid.orgId) : undefined;
  // The grid must belong to an org on the path of (or inside) the org it is attached under.
  if (!grid || !owner || !(under.path.startsWith(owner.path) || owner.path.startsWith(under.path))) throw fieldError('ORG_GRID_NOT_FOUND', 'gridId');
}

export async function updateOrg(ctx: Ctx, input: { id: string; patch: z.infer<typeof updateOrgBody> }): Promise<OrgRow> {
  requirePermission(ctx, 'org.write');
  return inTransaction(ctx, async (tx) => {
    const org = await findOrgForActor(tx, input.id, 'org.write');
    if (org.dissolvedOn) throw new AppError('ORG_DISSOLVED');
    const p = input.patch;
    if (p.gridId) await checkGrid(tx, p.gridId, org);
    const set = [
      p.name !== undefined && sql`name = ${p.name}`,
      p.shortName !== undefined && sql`short_name = ${p.shortName}`,
      p.domain !== undefined && sql`domain = ${p.domain}`,
      p.unitName !== undefined && sql`unit_name = ${p.unitName}`,
      p.unitCreditCode !== undefined && sql`unit_credit_code = ${p.unitCreditCode}`,
      p.gridId !== undefined && sql`grid_id = ${p.gridId}`,
      p.canApproveMembers !== undefined && sql`can_approve_members = ${p.canApproveMembers}`,
    ].filter((x) => x !== false);
    if (set.length) await repo.updateOrgFields(tx.db, org.id, set, tx.clock.now());
    const changed = Object.keys(p).filter((k) => (p as Record<string, unknown>)[k] !== undefined);
    await writeAudit(tx, {
      action: p.name && p.name !== org.name ? 'org.rename' : 'org.update',
      targetType: 'org',
      targetId: org.id,
      targetOrgPath: org.path,
      actingForOrgId: actingFor(tx, org.path),
      details: { fields: changed, ...(p.name ? { oldName: org.name, newName: p.name } : {}) },
    });
    return (await repo.findOrgById(tx.db, org.id))!;
  });
}

/** Moves a whole subtree under a new parent in one transaction; codes are re-assigned under the new parent. */
export async function moveOrg(ctx: Ctx, input: { id: string; newParentId: string }): Promise<OrgRow> {
  requirePermission(ctx, 'org.write');
  return inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`SELECT pg_advisory_xact_lock(7411003)`);
    const org = await findOrgForActor(tx, input.id, 'org.write');
    if (org.parentId === null) throw fieldError('ORG_PARENT_REQUIRED', 'id');
    const parent = await repo.findOrgByIdForUpdate(tx.db, input.newParentId);
    if (!parent || !can(tx.actor, 'org.write', parent.path)) throw fieldError('NOT_FOUND', 'newParentId', '目标上级党组织不存在或不在您的管理范围内');
    if (parent.path.startsWith(org.path)) throw fieldError('ORG_MOVE_INTO_OWN_SUBTREE', 'newParentId');
    if (org.dissolvedOn || parent.dissolvedOn) throw new AppError('ORG_DISSOLVED');
    if (!kindAllowedUnder(parent.kind, org.kind)) throw fieldError('ORG_KIND_NOT_ALLOWED_UNDER_PARENT', 'newParentId');
    if (parent.id === org.parentId) return org;
    const newCode = await assignCode(tx, parent);
    const newPath = `${parent.path}${org.seq.toString(36)}/`;
    const moved = await repo.moveSubtree(tx.db, {
      id: org.id,
      oldPath: org.path,
      newPath,
      oldCode: org.code,
      newCode,
      depthDelta: parent.depth + 1 - org.depth,
      newParentId: parent.id,
      now: tx.clock.now(),
    });
    // One event for the bulk change, with its count (ARCHITECTURE §7).
    await writeAudit(tx, {
      action: 'org.move',
      targetType: 'org',
      targetId: org.id,
      targetOrgPath: org.path,
      actingForOrgId: actingFor(tx, org.path),
      details: { oldPath: org.path, newPath, oldCode: org.code, newCode, orgsMoved: moved, newParentId: parent.id },
    });
    return (await repo.findOrgById(tx.db, org.id))!;
  });
}

/** Dissolves an org; it stays as history with its code. Children and members must have left first. */
export async function dissolveOrg(ctx: Ctx, input: { id: string } & z.infer<typeof dissolveOrgBody>): Promise<OrgRow> {
  requirePermission(ctx, 'org.write');
  return inTransaction(ctx, async (tx) => {
    const org = await findOrgForActor(tx, input.id, 'org.write');
    if (org.dissolvedOn) throw new AppError('ORG_DISSOLVED');
    if (org.parentId === null) throw fieldError('ORG_PARENT_REQUIRED', 'id', '不能撤销顶级党组织');
    if (((await repo.countActiveChildren(tx.db, org.id))?.n ?? 0) > 0) throw new AppError('ORG_HAS_ACTIVE_CHILDREN');
    if ((await countActiveMembersDirect(tx, org.id)) > 0) throw new AppError('ORG_HAS_ACTIVE_MEMBERS');
    await repo.updateOrgFields(tx.db, org.id, [sql`dissolved_on = ${input.dissolvedOn}`, sql`dissolved_reason = ${input.reason}`], tx.clock.now());
    await writeAudit(tx, {
      action: 'org.dissolve',
      targetType: 'org',
      targetId: org.id,
      targetOrgPath: org.path,
      actingForOrgId: actingFor(tx, org.path),
      details: { reason: input.reason, dissolvedOn: input.dissolvedOn },
    });
    return (await repo.findOrgById(tx.db, org.id))!;
  });
}

/** For other modules: the current 班子 of an org (secretary first). */
export function currentLeaders(ctx: Ctx, orgId: string): Promise<repo.LeaderRow[]> {
  return repo.findCurrentLeaders(ctx.db, [orgId]);
}

/** For other modules: how many current leaders each org of a subtree has (orgs without any are absent). */
export async function leaderCountsInSubtree(ctx: Ctx, rootPath: string): Promise<Map<string, number>> {
  return new Map((await repo.countCurrentLeaders(ctx.db, [rootPath])).map((r) => [r.orgId, Number(r.n)]));
}

/**
 * For other modules (the statistics dashboard): how many live orgs of a subtree that a 书记 heads have none in
 * their current 班子 — the org warnings' `SECRETARY_MISSING` (org.rules `structuralWarnings`), counted in SQL.
 * No permission check: the caller scopes.
 */
export function secretaryMissingCount(ctx: Ctx, input: { path: string }): Promise<number> {
  return repo.countOrgsWithoutSecretary(ctx.db, [input.path], secretaryKinds);
}

/** Records a new 班子 (after an election): ends the previous leaders, sets the term and election-due date. */
export async function setLeadership(ctx: Ctx, input: { id: string } & z.infer<typeof leadershipBody>): Promise<OrgRow> {
  requirePermission(ctx, 'org.write');
  return inTransaction(ctx, async (tx) => {
    const org = await findOrgForActor(tx, input.id, 'org.write');
    if (org.dissolvedOn) throw new AppError('ORG_DISSOLVED');
    const years = await termYearsFor(tx, org);
    const end = input.termEnd ?? (years ? termEnd(input.termStart, years) : null);
    if (end && end <= input.termStart) throw fieldError('ORG_TERM_INVALID', 'termEnd');
    const members = await findActiveMembersInSubtree(tx, {
      path: org.path,
      ids: input.leaders.map((l) => l.memberId),
    });
    const byId = new Map(members.map((m) => [m.id, m]));
    const leaders = input.leaders.map((l, i) => {
      const m = byId.get(l.memberId);
      if (!m) throw fieldError('ORG_LEADER_NOT_MEMBER_OF_ORG', `leaders.${i}.memberId`);
      return { position: l.position, memberId: l.memberId, name: m.name };
    });
    await repo.replaceLeaders(tx.db, org.id, input.termStart, leaders);
    await repo.updateOrgFields(tx.db, org.id, [sql`term_start = ${input.termStart}`, sql`term_end = ${end}`], tx.clock.now());
    await writeAudit(tx, {
      action: 'org.leadership.set',
      targetType: 'org',
      targetId: org.id,
      targetOrgPath: org.path,
      actingForOrgId: actingFor(tx, org.path),
      details: { termStart: input.termStart, termEnd: end, leaders: leaders.map((l) => ({ position: l.position, memberId: l.memberId })) },
    });
    return (await repo.findOrgById(tx.db, org.id))!;
  });
}

export async function createGrid(ctx: Ctx, input: z.infer<typeof createGridBody>): Promise<repo.GridRow> {
  requirePermission(ctx, 'org.write');
  return inTransaction(ctx, async (tx) => {
    const org = await findOrgForActor(tx, input.orgId, 'org.write');
    if (input.parentId) {
      const parent = await repo.findGridById(tx.db, input.parentId);
      if (!parent || parent.orgId !== org.id) throw fieldError('ORG_GRID_NOT_FOUND', 'parentId');
    }
    const g = await repo.insertGrid(tx.db, { orgId: org.id, parentId: input.parentId ?? null, kind: input.kind, name: input.name });
    await writeAudit(tx, { action: 'org.grid.create', targetType: 'grid', targetId: g.id, targetOrgPath: org.path, actingForOrgId: actingFor(tx, org.path), details: { name: g.name, kind: g.kind } });
    return g;
  });
}

/**
 * For other modules: whether a grid (网格/楼院) may be used by an org — it must be kept by that org or one of
 * its ancestors (a branch picks from its community's grids).
 */
export async function isGridUsableBy(ctx: Ctx, input: { gridId: string; orgPath: string }): Promise<boolean> {
  const grid = await repo.findGridById(ctx.db, input.gridId);
  if (!grid) return false;
  const owner = await repo.findOrgById(ctx.db, grid.orgId);
  return !!owner && input.orgPath.startsWith(owner.path);
}

export async function listGrids(ctx: Ctx, input: { orgId: string }): Promise<repo.GridRow[]> {
  requirePermission(ctx, 'org.read');
  const org = await findOrgForActor(ctx, input.orgId, 'org.read');
  // Grids of the org itself and of its ancestors (a branch picks from its community's grids).
  const seqs = org.path.split('/').filter(Boolean).map((s) => parseInt(s, 36));
  const chain = await repo.findOrgsBySeqs(ctx.db, seqs);
  return repo.findGridsOfOrgs(ctx.db, chain.map((o) => o.id));
}

/** For other modules: active orgs whose term ends in [from, to] (election reminders). */
export function findOrgsWithTermEndBetween(ctx: Ctx, input: { from: string; to: string }) {
  return repo.findOrgsByTermEnd(ctx.db, input.from, input.to);
}

/** For other modules: the ancestors of an org, nearest first ("admins one level up" climbs these). */
export async function ancestorsOf(ctx: Ctx, orgId: string): Promise<OrgRow[]> {
  const org = await repo.findOrgById(ctx.db, orgId);
  if (!org) return [];
  const seqs = org.path.split('/').filter(Boolean).map((s) => parseInt(s, 36));
  return (await repo.findOrgsBySeqs(ctx.db, seqs)).filter((o) => o.id !== org.id).reverse();
}
