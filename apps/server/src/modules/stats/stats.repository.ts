import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import type { KeyCount } from './stats.rules.ts';

/**
 * Reads of the rollups the stats triggers keep (stats_rollup), of the moves they log, and of the structural
 * thresholds view. Queries only; no rules.
 */

const num = <T extends { n: number }>(r: T): T => ({ ...r, n: Number(r.n) });

/** The dimensions of the member figures (birth_date is read only for some months, see `findMemberRollup`). */
const MEMBER_DIMS = ['total', 'category', 'status', 'gender', 'ethnicity', 'education', 'occupation', 'join_period', 'birth_month'];

/** Date keys ('YYYY-MM-DD') in the given months: 'YYYY-MM-' … 'YYYY-MM.' is a month's byte-ordered range ('.' follows '-'). */
function inBirthMonths(birthMonths: string[]): SQL {
  if (birthMonths.length === 0) return sql`FALSE`;
  return sql`(${sql.join(
    birthMonths.map((m) => sql`(key > ${`${m}-`} AND key < ${`${m}.`})`),
    sql` OR `,
  )})`;
}

/**
 * One org's member rollup rows: every dimension but `birth_date`, and of that only the given months (the band
 * boundaries as of the asked date) — a province root reads about a thousand rows, by primary key.
 */
export async function findMemberRollup(db: Db, orgId: string, birthMonths: string[]): Promise<KeyCount[]> {
  const found = await rows<KeyCount>(
    db,
    sql`SELECT dim, key, n FROM stats_rollup WHERE org_id = ${orgId} AND dim IN (${sql.join(
      MEMBER_DIMS.map((d) => sql`${d}`),
      sql`, `,
    )})
        UNION ALL
        SELECT dim, key, n FROM stats_rollup WHERE org_id = ${orgId} AND dim = 'birth_date' AND ${inBirthMonths(birthMonths)}`,
  );
  return found.map(num);
}

/** The birth keys of female members and of members of unknown gender, for the age pyramid (male is the rest). */
const PYRAMID_MONTH_DIMS = ['birth_month_female', 'birth_month_gender_unknown'];
const PYRAMID_DATE_DIMS = ['birth_date_female', 'birth_date_gender_unknown'];

/**
 * One org's pyramid rows: the female and gender-unknown `birth_month` rows, and their `birth_date` rows only for the
 * given months (as `findMemberRollup`) — by primary key, a few hundred rows at a province root.
 */
export async function findPyramidRollup(db: Db, orgId: string, birthMonths: string[]): Promise<KeyCount[]> {
  const list = (dims: string[]) => sql.join(dims.map((d) => sql`${d}`), sql`, `);
  const found = await rows<KeyCount>(
    db,
    sql`SELECT dim, key, n FROM stats_rollup WHERE org_id = ${orgId} AND dim IN (${list(PYRAMID_MONTH_DIMS)})
        UNION ALL
        SELECT dim, key, n FROM stats_rollup WHERE org_id = ${orgId} AND dim IN (${list(PYRAMID_DATE_DIMS)}) AND ${inBirthMonths(birthMonths)}`,
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
