import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import { businessDays } from '../../platform/clock.ts';
import { pathBefore, regionSince, type KeyCount, type RegionRule } from './stats.rules.ts';
import * as repo from './stats.repository.ts';

/**
 * Past-date figures come from history, not from the current rollups (issue 9; docs/stats.md "Past dates"):
 *
 * - where the subtree stood: subtree moves made after the date are undone (stats_org_move);
 * - where each member stood: the org they left by the first transfer completed after the date (stats_member_move);
 * - whether they were active: joined on or before the date, and their last standing act (出党, 停止党籍, 恢复党籍,
 *   转出) taking effect on or before it — from member_event through the read-only view stats_standing_event;
 * - full or probationary: full once `full_member_on` is reached.
 *
 * Attributes that are not versioned (category, education, occupation, ethnicity, gender) are today's. An org counts
 * on any date before its dissolution (founding dates are not recorded).
 */

/** The orgs that were in the subtree now at `path` on `asOf`, as rules over today's paths. */
export async function pastRegion(ctx: Ctx, input: { path: string; asOf: string }): Promise<RegionRule[]> {
  const moves = await repo.findOrgMovesSince(ctx.db, businessDays(input.asOf).to);
  if (moves.length === 0) return [{ prefix: input.path, include: true }];
  return regionSince(pathBefore(input.path, moves), moves);
}

/** SQL predicate: `col` (an org path) lies in the region — a range scan over the included prefixes, then the rules. */
export function inRegionSql(col: SQL, rules: RegionRule[]): SQL {
  const included = rules.filter((r) => r.include).map((r) => r.prefix);
  const range = inSubtrees(col, included);
  if (rules.length === 1) return range;
  const nearest = sql`(SELECT r.inc FROM unnest(${sql.param(rules.map((r) => r.prefix))}::text[], ${sql.param(rules.map((r) => r.include))}::boolean[]) AS r(prefix, inc)
                       WHERE starts_with(${col}, r.prefix) ORDER BY length(r.prefix) DESC LIMIT 1)`;
  return sql`(${range} AND coalesce(${nearest}, FALSE))`;
}

/**
 * Active members of a past subtree on `asOf`, counted by the same keys as the rollups (`stats_member_dims`), with the
 * status they had then. `dims` limits the dimensions (drill-down rows need only total and status).
 */
export async function pastMemberRows(ctx: Ctx, input: { rules: RegionRule[]; asOf: string; dims?: string[] }): Promise<KeyCount[]> {
  const after = businessDays(input.asOf).to;
  const found = await rows<KeyCount>(
    ctx.db,
    sql`WITH moved AS (
          SELECT DISTINCT ON (mv.member_id) mv.member_id, mv.from_org_id FROM stats_member_move mv
          WHERE mv.moved_at >= ${after} ORDER BY mv.member_id, mv.moved_at, mv.id
        ), orgs AS (
          SELECT o.id FROM org o WHERE ${inRegionSql(sql`o.path`, input.rules)}
        ), placed AS (
          SELECT m.id FROM member m JOIN orgs ON orgs.id = m.org_id WHERE m.joined_on <= ${input.asOf} AND m.id NOT IN (SELECT member_id FROM moved)
          UNION ALL
          SELECT mv.member_id FROM moved mv JOIN orgs ON orgs.id = mv.from_org_id
        ), standing AS (
          SELECT e.member_id,
                 (array_agg(e.state_after ORDER BY e.effective_on DESC, e.occurred_at DESC, e.id DESC) FILTER (WHERE e.effective_on <= ${input.asOf}))[1] AS state_at
          FROM stats_standing_event e WHERE e.member_id IN (SELECT id FROM placed) GROUP BY e.member_id
        ), counted AS (
          SELECT m.category, m.gender, m.ethnicity, m.education, m.occupation, m.joined_on, m.birth_date,
                 CASE WHEN m.status = 'full' AND m.full_member_on > ${input.asOf} THEN 'probationary' ELSE m.status END AS status_at
          FROM placed p JOIN member m ON m.id = p.id LEFT JOIN standing s ON s.member_id = m.id
          WHERE m.joined_on <= ${input.asOf}
            AND CASE WHEN s.member_id IS NOT NULL THEN coalesce(s.state_at, 'active') = 'active'
                     WHEN m.state = 'active' THEN TRUE
                     WHEN m.state = 'left' THEN m.left_on > ${input.asOf}
                     ELSE FALSE END
        )
        SELECT d.dim, d.key, count(*)::int AS n
        FROM counted c CROSS JOIN LATERAL stats_member_dims(c.category, c.status_at, c.gender, c.ethnicity, c.education, c.occupation, c.joined_on, c.birth_date) d
        ${input.dims ? sql`WHERE d.dim IN (${sql.join(
          input.dims.map((x) => sql`${x}`),
          sql`, `,
        )})` : sql``}
        GROUP BY 1, 2`,
  );
  return found.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Orgs of a past subtree not dissolved on or before `asOf`, as `org_kind` / `org_domain` rows. */
export async function pastOrgRows(ctx: Ctx, input: { rules: RegionRule[]; asOf: string }): Promise<KeyCount[]> {
  const found = await rows<{ kind: string; domain: string; n: number }>(
    ctx.db,
    sql`SELECT kind, domain, count(*)::int AS n FROM org o
        WHERE ${inRegionSql(sql`o.path`, input.rules)} AND (o.dissolved_on IS NULL OR o.dissolved_on > ${input.asOf})
        GROUP BY 1, 2`,
  );
  return found.flatMap((r) => [
    { dim: 'org_kind', key: r.kind, n: Number(r.n) },
    { dim: 'org_domain', key: r.domain, n: Number(r.n) },
  ]);
}
