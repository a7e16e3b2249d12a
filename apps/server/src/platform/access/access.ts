import { sql, type SQL } from 'drizzle-orm';
import type { Permission } from '@xianfeng/contracts/account/account.permissions';
import type { Actor, ActorGrant, Ctx } from '../context.ts';
import { AppError, forbidden } from '../http/errors.ts';

/** The upper bound of a path prefix for a byte-ordered range scan: '/1/5/' → '/1/50'. */
/** The parent's path of an org path (`/1/5/23/` → `/1/5/`): the level one up. */
export const parentPath = (path: string): string => path.replace(/[^/]+\/$/, '');

export function pathUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + '0';
}

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('AUTH_REQUIRED');
  return ctx.actor;
}

/** `can(ctx, permission, targetOrgPath)`: a grant with the permission covers a prefix of the path. */
export function can(actor: Actor | null, permission: Permission, targetPath: string): boolean {
  return coveringGrant(actor, permission, targetPath) !== undefined;
}

/** The grant that covers the target, nearest first — recorded as the org the actor acted for. */
export function coveringGrant(actor: Actor | null, permission: Permission, targetPath: string): ActorGrant | undefined {
  if (!actor) return undefined;
  let best: ActorGrant | undefined;
  for (const g of actor.grants) {
    if (g.permissions.includes(permission) && targetPath.startsWith(g.orgPath)) {
      if (!best || g.orgPath.length > best.orgPath.length) best = g;
    }
  }
  return best;
}

export function holdsAnywhere(actor: Actor | null, permission: Permission): boolean {
  return !!actor && actor.grants.some((g) => g.permissions.includes(permission));
}

/** 403 only when the caller holds the permission nowhere; scope misses answer 404 elsewhere. */
export function requirePermission(ctx: Ctx, permission: Permission): Actor {
  const actor = requireActor(ctx);
  if (!holdsAnywhere(actor, permission)) throw forbidden();
  return actor;
}

/** Minimal set of subtree roots the actor covers for a permission (nested grants collapse). */
export function coveredPaths(actor: Actor | null, permission: Permission): string[] {
  if (!actor) return [];
  const paths = [...new Set(actor.grants.filter((g) => g.permissions.includes(permission)).map((g) => g.orgPath))].sort();
  const out: string[] = [];
  for (const p of paths) if (!out.some((q) => p.startsWith(q))) out.push(p);
  return out;
}

/** SQL predicate: `column` lies inside one of the given subtrees (FALSE when there are none). */
export function inSubtrees(column: SQL, paths: string[]): SQL {
  if (paths.length === 0) return sql`FALSE`;
  const parts = paths.map((p) => sql`(${column} >= ${p} AND ${column} < ${pathUpperBound(p)})`);
  return sql`(${sql.join(parts, sql` OR `)})`;
}
