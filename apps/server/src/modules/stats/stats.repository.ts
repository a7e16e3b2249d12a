import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { ageBandDim, type BirthKeyRange, type KeyCount } from './stats.rules.ts';

/**
 * Reads of the rollups the stats triggers keep (stats_rollup), of the moves they log, and of the structural
 * thresholds view. Queries only; no rules.
 */

const num = <T extends { n: number }>(r: T): T => ({ ...r, n: Number(r.n) });

/** The dimensions of the member figures read as they are (ages are summed by band, see `findMemberRollup`). */
const MEMBER_DIMS = ['total', 'category', 'status', 'gender', 'ethnicity', 'education', 'occupation', 'join_period'];

/**
 * One org's member rollup rows by primary key: the dimensions above as stored, and the birth keys summed by the
 * database into band rows (`age_band{suffix}`, key: the band) over the ranges of stats.rules `birthKeyRanges` — for
 * each suffix given: '' for all members, '_female' and '_gender_unknown' for the age pyramid. A province root's birth
 * keys are about a thousand index entries, but the answer is a few dozen rows (one statement). The lateral sum makes
 * each range its own index range scan: as a join, the planner read every rollup row of the org (87 ms at city scale).
 */
export async function findMemberRollup(db: Db, orgId: string, ranges: BirthKeyRange[], suffixes: string[] = ['']): Promise<KeyCount[]> {
  const spans = suffixes.flatMap((suffix) => ranges.map((r) => ({ dim: `birth_${r.unit}${suffix}`, lo: r.lo, hi: r.hi, out: ageBandDim(suffix), band: r.band })));
  const text = (pick: (x: (typeof spans)[number]) => string) => sql`${sql.param(spans.map(pick))}::text[]`;
  const found = await rows<KeyCount>(
    db,
    sql`SELECT dim, key, n FROM stats_rollup WHERE org_id = ${orgId} AND dim IN (${sql.join(
      MEMBER_DIMS.map((d) => sql`${d}`),
      sql`, `,
    )})
        UNION ALL
        SELECT r.out, r.band, sum(s.n)::int
        FROM unnest(${text((x) => x.dim)}, ${text((x) => x.lo)}, ${text((x) => x.hi)}, ${text((x) => x.out)}, ${text((x) => x.band)}) AS r(dim, lo, hi, out, band)
        CROSS JOIN LATERAL (SELECT coalesce(sum(n), 0) AS n FROM stats_rollup
                            WHERE org_id = ${orgId} AND dim = r.dim AND key >= r.lo COLLATE "C" AND key < r.hi COLLATE "C") s
        GROUP BY r.out, r.band`,
  );
  return found.map(num);
}

/** One org's rows of some dimensions (org counts, histograms, term ends). */
export async function findRollupDims(db: Db, orgIds: string[], dims: string[]): Promise<(KeyCount & { orgId: string })[]> {
  if (orgIds.length === 0) return [];
  const found = await rows<KeyCount & { orgId: string }>(
    db,
    sql`SELECT org_id AS "orgId", dim, key, n FROM stats_rollup
        WHERE org_id IN (${sql.join(
          orgIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) AND dim IN (${sql.join(
          dims.map((d) => sql`${d}`),
          sql`, `,
        )})`,
  );
  return found.map(num);
}

export interface ChildRow {
  id: string;
  name: string;
  kind: string;
  path: string;
  dissolvedOn: string | null;
}

/** The org's children that hold or contain members (groups left out), in code order. */
export function findChildren(db: Db, parentId: string): Promise<ChildRow[]> {
  return rows<ChildRow>(
    db,
    sql`SELECT id, name, kind, path, dissolved_on AS "dissolvedOn" FROM org WHERE parent_id = ${parentId} AND kind <> 'group' ORDER BY code`,
  );
}

/** Subtree moves logged at or after an instant, oldest first. */
export function findOrgMovesSince(db: Db, since: Date): Promise<{ oldPath: string; newPath: string }[]> {
  return rows(db, sql`SELECT old_path AS "oldPath", new_path AS "newPath" FROM stats_org_move WHERE moved_at >= ${since} ORDER BY moved_at, id`);
}

/** Structural thresholds set on orgs strictly inside a subtree (the view over settings). */
export function findThresholdOverrides(db: Db, inside: SQL): Promise<{ orgId: string; path: string; key: string; value: unknown }[]> {
  return rows(db, sql`SELECT org_id AS "orgId", path, key, value FROM stats_threshold_setting WHERE ${inside}`);
}

/** Rollup rows that differ from the from-scratch recount (missing rows count as 0). */
export async function findRecountDifferences(db: Db): Promise<{ orgId: string; orgName: string | null; path: string | null; dim: string; key: string; stored: number; expected: number }[]> {
  const found = await rows<{ orgId: string; orgName: string | null; path: string | null; dim: string; key: string; stored: number; expected: number }>(
    db,
    sql`SELECT d.org_id AS "orgId", o.name AS "orgName", o.path, d.dim, d.key, d.stored, d.expected
        FROM (SELECT coalesce(r.org_id, c.org_id) AS org_id, coalesce(r.dim, c.dim) AS dim, coalesce(r.key, c.key) AS key,
                     coalesce(r.n, 0)::bigint AS stored, coalesce(c.n, 0)::bigint AS expected
              FROM stats_rollup r FULL JOIN stats_recount() c ON c.org_id = r.org_id AND c.dim = r.dim AND c.key = r.key
              WHERE coalesce(r.n, 0) <> coalesce(c.n, 0)) d
        LEFT JOIN org o ON o.id = d.org_id
        ORDER BY o.path NULLS FIRST, d.dim, d.key`,
  );
  return found.map((r) => ({ ...r, stored: Number(r.stored), expected: Number(r.expected) }));
}

/** Rewrites every rollup row from the recount (zero rows dropped), under every tree's statistics lock. */
export async function rewriteRollups(db: Db): Promise<number> {
  await db.execute(sql`SELECT stats_lock_roots(array_agg(path)) FROM org WHERE parent_id IS NULL`);
  await db.execute(sql`DELETE FROM stats_rollup`);
  const r = await one<{ n: number }>(
    db,
    sql`WITH ins AS (INSERT INTO stats_rollup (org_id, dim, key, n) SELECT org_id, dim, key, n FROM stats_recount() WHERE n <> 0 RETURNING 1)
        SELECT count(*)::int AS n FROM ins`,
  );
  return r?.n ?? 0;
}

export interface MonthSnapshot {
  month: string;
  total: number;
  full: number;
  probationary: number;
  source: 'rollup' | 'history';
}

/** One org's month-end snapshots from `fromMonth` on ('YYYY-MM'), oldest first. */
export async function findMonthSnapshots(db: Db, orgId: string, fromMonth: string): Promise<MonthSnapshot[]> {
  return rows<MonthSnapshot>(
    db,
    sql`SELECT month, total, "full", probationary, source FROM stats_month_snapshot WHERE org_id = ${orgId} AND month >= ${fromMonth} ORDER BY month`,
  );
}

/** Stores a month's snapshot unless one is there already; returns the stored one (the first writer's). */
export async function insertMonthSnapshot(db: Db, orgId: string, s: MonthSnapshot, takenAt: Date): Promise<MonthSnapshot> {
  const inserted = await one<MonthSnapshot>(
    db,
    sql`INSERT INTO stats_month_snapshot (org_id, month, total, "full", probationary, source, taken_at)
        VALUES (${orgId}, ${s.month}, ${s.total}, ${s.full}, ${s.probationary}, ${s.source}, ${takenAt})
        ON CONFLICT (org_id, month) DO NOTHING
        RETURNING month, total, "full", probationary, source`,
  );
  if (inserted) return inserted;
  const stored = await one<MonthSnapshot>(db, sql`SELECT month, total, "full", probationary, source FROM stats_month_snapshot WHERE org_id = ${orgId} AND month = ${s.month}`);
  return stored ?? s;
}

/**
 * The month-end snapshot of `month` from the rollups, in one statement, for every org live on its last day
 * (`lastDay`) and created before the month's end (`monthEnd`) that has none yet: the orgs that have one are skipped
 * by the anti-join, so a run after the month is done reads no rollup row. Returns how many were inserted.
 */
export async function insertRollupSnapshots(db: Db, input: { month: string; lastDay: string; monthEnd: Date; takenAt: Date }): Promise<number> {
  const n = (dim: string, key: string) => sql`greatest(coalesce((SELECT r.n FROM stats_rollup r WHERE r.org_id = o.id AND r.dim = ${dim} AND r.key = ${key}), 0), 0)`;
  const r = await one<{ n: number }>(
    db,
    sql`WITH ins AS (
          INSERT INTO stats_month_snapshot (org_id, month, total, "full", probationary, source, taken_at)
          SELECT o.id, ${input.month}, ${n('total', '')}, ${n('status', 'full')}, ${n('status', 'probationary')}, 'rollup', ${input.takenAt}
          FROM org o
          WHERE (o.dissolved_on IS NULL OR o.dissolved_on > ${input.lastDay}) AND o.created_at < ${input.monthEnd} AND o.path LIKE '/%'
            AND NOT EXISTS (SELECT 1 FROM stats_month_snapshot s WHERE s.org_id = o.id AND s.month = ${input.month})
          ORDER BY o.id
          ON CONFLICT (org_id, month) DO NOTHING
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM ins`,
  );
  return Number(r?.n ?? 0);
}
