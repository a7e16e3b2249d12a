import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import type { AlertSettings } from './mobile.rules.ts';
import { alertCondition } from './mobile.repository.ts';

/** Roll-ups of the registries over a subtree, bucketed by the child subtree each row lies in. */

export interface CountsRow {
  /** The child org whose subtree holds the rows; null for rows on the root itself. */
  bucket: string | null;
  away: number;
  lostContact: number;
  returned: number;
  transferred: number;
  transferDue: number;
  reportDue: number;
  certificates: number;
  inflowHosted: number;
}

/**
 * One pass over the outflow and hosted inflow registrations of `rootPath`'s subtree. With `childrenOf`, each
 * row is counted in the bucket of the child (not a 党小组: they hold no members) whose subtree it lies in, so
 * the buckets add up to the subtree's totals by construction.
 */
export function countsByBucket(db: Db, input: { rootPath: string; childrenOf: string | null; settings: AlertSettings; today: string }): Promise<CountsRow[]> {
  const inside = inSubtrees(sql`o.path`, [input.rootPath]);
  const kids = input.childrenOf ? sql`SELECT id, path FROM org WHERE parent_id = ${input.childrenOf} AND kind <> 'group'` : sql`SELECT id, path FROM org WHERE FALSE`;
  return rows<CountsRow>(
    db,
    sql`WITH kids AS (${kids})
        SELECT b.bucket,
          count(*) FILTER (WHERE b.src = 'out' AND b.status = 'away')::int AS away,
          count(*) FILTER (WHERE b.src = 'out' AND b.status = 'lost_contact')::int AS "lostContact",
          count(*) FILTER (WHERE b.src = 'out' AND b.status = 'returned')::int AS returned,
          count(*) FILTER (WHERE b.src = 'out' AND b.status = 'transferred')::int AS transferred,
          count(*) FILTER (WHERE b.src = 'out' AND b.td)::int AS "transferDue",
          count(*) FILTER (WHERE b.src = 'out' AND b.rd)::int AS "reportDue",
          count(*) FILTER (WHERE b.src = 'out' AND b.cert)::int AS certificates,
          count(*) FILTER (WHERE b.src = 'in')::int AS "inflowHosted"
        FROM (
          SELECT k.id AS bucket, 'out' AS src, f.status, (f.certificate_no IS NOT NULL AND f.status IN ('away', 'lost_contact')) AS cert,
                 ${alertCondition('transfer_due', input.settings, input.today)} AS td, ${alertCondition('report_due', input.settings, input.today)} AS rd
            FROM mobile_outflow f JOIN org o ON o.id = f.org_id LEFT JOIN kids k ON starts_with(o.path, k.path)
            WHERE ${inside}
          UNION ALL
          SELECT k.id, 'in', i.status, FALSE, FALSE, FALSE
            FROM mobile_inflow i JOIN org o ON o.id = i.host_org_id LEFT JOIN kids k ON starts_with(o.path, k.path)
            WHERE i.status = 'hosted' AND ${inside}
        ) b
        GROUP BY b.bucket`,
  );
}
