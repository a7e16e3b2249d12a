import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';

/**
 * Set-based reads for the compliance boards and the statistics. Only meetings that count (confirmed by
 * the recorder and host, or approved by the upper level) are read, and the business date (Asia/Shanghai)
 * is computed by the database: a city's year is hundreds of thousands of rows.
 */

const COUNTED = sql.raw(`('confirmed', 'approved')`);

export interface CountedMeetingRow {
  orgId: string;
  type: string;
  /** YYYY-MM-DD in Asia/Shanghai. */
  date: string;
  lateEntry: boolean;
}

/** The counted meetings of every org of a subtree whose start lies in [from, to). */
export function findCountedMeetingsInSubtree(db: Db, path: string, from: Date, to: Date): Promise<CountedMeetingRow[]> {
  return rows<CountedMeetingRow>(
    db,
    sql`SELECT mt.org_id AS "orgId", mt.type, to_char(mt.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date, mt.late_entry AS "lateEntry"
        FROM meeting mt JOIN org o ON o.id = mt.org_id
        WHERE ${inSubtrees(sql`o.path`, [path])} AND mt.starts_at >= ${from} AND mt.starts_at < ${to} AND mt.status IN ${COUNTED}`,
  );
}

/** Counted meetings of a subtree in [from, to) by type: how many, and how many of them were late entries (补录). */
export async function countCountedMeetingsByType(db: Db, path: string, from: Date, to: Date): Promise<{ type: string; held: number; lateEntries: number }[]> {
  const found = await rows<{ type: string; held: number | string; lateEntries: number | string }>(
    db,
    sql`SELECT mt.type, count(*)::int AS held, (count(*) FILTER (WHERE mt.late_entry))::int AS "lateEntries"
        FROM meeting mt JOIN org o ON o.id = mt.org_id
        WHERE ${inSubtrees(sql`o.path`, [path])} AND mt.starts_at >= ${from} AND mt.starts_at < ${to} AND mt.status IN ${COUNTED}
        GROUP BY mt.type ORDER BY mt.type`,
  );
  return found.map((r) => ({ type: r.type, held: Number(r.held), lateEntries: Number(r.lateEntries) }));
}
