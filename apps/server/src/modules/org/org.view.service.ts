import type { OrgTreeNode, OrgView, OrgWarning } from '@xianfeng/contracts/org/org.schemas';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { can, coveredPaths, requireActor, requirePermission } from '../../platform/access/access.ts';
import * as repo from './org.repository.ts';
import type { OrgRow } from './org.repository.ts';
import { structuralWarnings, warningArticles, warningMessage, type WarningSettings } from './org.rules.ts';
import { findOrgForActor, termYearsFor } from './org.service.ts';
import { settingsResolverForSubtree } from '../settings/settings.service.ts';
import { memberCountsByOrg, countActiveMembersInSubtree } from '../member/member.service.ts';

function toNode(o: OrgRow): OrgTreeNode {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    kind: o.kind,
    domain: o.domain,
    parentId: o.parentId,
    depth: o.depth,
    children: [],
    ...(o.dissolvedOn ? { dissolved: true } : {}),
  };
}

/**
 * `GET /api/orgs/tree`: the caller's covered roots (no ancestors), each with its subtree down to `depth`
 * levels; nodes cut off by the depth say `hasChildren` so the web can load them lazily.
 */
export async function getOrgTree(ctx: Ctx, input: { rootId?: string; depth?: number; includeDissolved?: boolean }): Promise<OrgTreeNode[]> {
  const actor = requireActor(ctx);
  let roots: string[];
  if (input.rootId) {
    // A named root is a scoped single read: 403 when org.read is held nowhere, 404 when out of scope (§8).
    requirePermission(ctx, 'org.read');
    const root = await repo.findOrgById(ctx.db, input.rootId);
    if (!root || !can(actor, 'org.read', root.path)) throw notFound();
    roots = [root.path];
  } else {
    roots = coveredPaths(actor, 'org.read');
  }
  if (roots.length === 0) return [];
  const all = await repo.findOrgsInSubtrees(ctx.db, { paths: roots, includeDissolved: input.includeDissolved ?? false });
  const nodes = new Map<string, OrgTreeNode>();
  const rootDepth = new Map<string, number>();
  const out: OrgTreeNode[] = [];
  for (const o of all) {
    const isRoot = roots.includes(o.path);
    const parentNode = o.parentId ? nodes.get(o.parentId) : undefined;
    if (!isRoot && !parentNode) continue;
    const base = isRoot ? o.depth : rootDepth.get(o.parentId!)!;
    const limit = input.depth;
    if (limit !== undefined && o.depth - base > limit) {
      // Beyond the requested depth: only mark the parent as having children.
      if (parentNode) parentNode.hasChildren = true;
      continue;
    }
    const node = toNode(o);
    nodes.set(o.id, node);
    rootDepth.set(o.id, base);
    if (isRoot) out.push(node);
    else parentNode!.children.push(node);
  }
  if (input.depth !== undefined) for (const n of nodes.values()) if (n.children.length > 0) delete n.hasChildren;
  return out;
}

const warningKeys = ['org.branchMinFullMembers', 'org.branchMaxMembers', 'org.committeeThreshold', 'org.electionWarningMonths'] as const;

/**
 * Structural warnings for the orgs of one subtree (rooted at `rootPath`), computed set-based: one query
 * each for member counts, leaders and settings, not one per org. Each org is judged by its own effective
 * thresholds (a street may set its own).
 */
async function warningsFor(ctx: Ctx, orgs: OrgRow[], rootPath: string): Promise<OrgWarning[]> {
  const ids = orgs.map((o) => o.id);
  const counts = await memberCountsByOrg(ctx, ids);
  const leaders = await repo.findCurrentLeaders(ctx.db, ids);
  const committeeSize = new Map<string, number>();
  for (const l of leaders) committeeSize.set(l.orgId, (committeeSize.get(l.orgId) ?? 0) + 1);
  const withSecretary = new Set(leaders.filter((l) => l.position === 'secretary').map((l) => l.orgId));
  const parentIds = [...new Set(orgs.map((o) => o.parentId).filter((x): x is string => !!x))];
  const parents = new Map<string, OrgRow>();
  for (const p of await Promise.all(parentIds.map((id) => repo.findOrgById(ctx.db, id)))) if (p) parents.set(p.id, p);
  const resolve = await settingsResolverForSubtree(ctx, rootPath, warningKeys);
  const today = ctx.clock.today();
  const out: OrgWarning[] = [];
  for (const o of orgs) {
    if (o.dissolvedOn) continue;
    const v = resolve(o.path);
    const s: WarningSettings = {
      branchMinFullMembers: v['org.branchMinFullMembers'],
      branchMaxMembers: v['org.branchMaxMembers'],
      committeeThreshold: v['org.committeeThreshold'],
      electionWarningMonths: v['org.electionWarningMonths'],
    };
    const c = counts.get(o.id) ?? { members: 0, fullMembers: 0, probationary: 0 };
    const input = {
      kind: o.kind,
      parentKind: o.parentId ? (parents.get(o.parentId)?.kind ?? null) : null,
      members: c.members,
      fullMembers: c.fullMembers,
      committeeSize: committeeSize.get(o.id) ?? 0,
      hasSecretary: withSecretary.has(o.id),
      termEnd: o.termEnd,
      today,
    };
    for (const code of structuralWarnings(input, s)) {
      out.push({ orgId: o.id, orgName: o.name, code, message: warningMessage(code, input, s), article: warningArticles[code] });
    }
  }
  return out;
}

export async function getOrgView(ctx: Ctx, input: { id: string }): Promise<OrgView> {
  requirePermission(ctx, 'org.read');
  const o = await findOrgForActor(ctx, input.id, 'org.read');
  const seqs = o.path.split('/').filter(Boolean).map((s) => parseInt(s, 36));
  const ancestors = (await repo.findOrgsBySeqs(ctx.db, seqs)).filter((a) => a.id !== o.id);
  // Leaders are people: their names are business data, shown only to those who may read the org's members
  // (the 系统管理员 sees the structure to configure it, not who serves in it — 三员分立).
  const leaders = can(ctx.actor, 'member.read', o.path) ? await repo.findCurrentLeaders(ctx.db, [o.id]) : [];
  const subtree = await countActiveMembersInSubtree(ctx, o.path);
  const children = (await repo.countActiveChildren(ctx.db, o.id))?.n ?? 0;
  const years = await termYearsFor(ctx, o);
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    shortName: o.shortName,
    kind: o.kind,
    domain: o.domain,
    parentId: o.parentId,
    depth: o.depth,
    ancestors: ancestors.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
    unitName: o.unitName,
    unitCreditCode: o.unitCreditCode,
    gridId: o.gridId,
    canApproveMembers: o.canApproveMembers,
    termStart: o.termStart,
    termEnd: o.termEnd,
    electionDue: o.termEnd,
    termYears: years,
    dissolved: o.dissolvedOn !== null,
    dissolvedOn: o.dissolvedOn,
    dissolvedReason: o.dissolvedReason,
    leadership: leaders.map((l) => ({ id: l.id, position: l.position as OrgView['leadership'][number]['position'], memberId: l.memberId, name: l.name, startedOn: l.startedOn })),
    counts: { ...subtree, children },
    warnings: await warningsFor(ctx, [o], o.path),
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
    version: o.version,
  };
}

/** Every structural warning inside an org's subtree, for the org page and the district overview. */
export async function listSubtreeWarnings(ctx: Ctx, input: { id: string; page: number; pageSize: number }) {
  requirePermission(ctx, 'org.read');
  const o = await findOrgForActor(ctx, input.id, 'org.read');
  const orgs = await repo.findOrgsInSubtrees(ctx.db, { paths: [o.path] });
  const all = await warningsFor(ctx, orgs, o.path);
  const start = (input.page - 1) * input.pageSize;
  return { items: all.slice(start, start + input.pageSize), total: all.length, page: input.page, pageSize: input.pageSize };
}

/** The org directory: id, code, name, kind, ancestors' names — readable by all staff, to pick targets. */
export async function searchOrgDirectory(ctx: Ctx, input: { q: string; page: number; pageSize: number }) {
  requirePermission(ctx, 'org.directory.read');
  return directoryPage(ctx, input);
}

/** The org directory without a permission check: for workflows whose callers check their own (a member choosing a transfer target). */
export async function directoryPage(ctx: Ctx, input: { q: string; page: number; pageSize: number }) {
  const found = await repo.searchDirectory(ctx.db, input.q, input.pageSize, (input.page - 1) * input.pageSize);
  const total = (await repo.countDirectory(ctx.db, input.q))?.n ?? 0;
  const seqs = [...new Set(found.flatMap((f) => f.path.split('/').filter(Boolean).map((s) => parseInt(s, 36))))];
  const names = new Map((await repo.findOrgsBySeqs(ctx.db, seqs)).map((o) => [o.seq, o.name]));
  return {
    items: found.map((f) => {
      const chain = f.path.split('/').filter(Boolean).map((s) => parseInt(s, 36));
      return {
        id: f.id,
        code: f.code,
        name: f.name,
        kind: f.kind,
        ancestors: chain.slice(0, -1).map((s) => names.get(s) ?? ''),
        dissolved: f.dissolvedOn !== null,
      };
    }),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
