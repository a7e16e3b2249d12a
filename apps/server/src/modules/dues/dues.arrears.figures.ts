import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { one } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import { LAPSE_MONTHS, monthOfDate } from './dues.rules.ts';

/**
 * 欠交党费 for the statistics dashboard: how many active members of a subtree stand at the 自行脱党 review
 * (党章 第九条, 2008 第十三条: six consecutive months unpaid without a valid reason) — exactly the members the
 * arrears list (`listArrears`, `level=lapse_review`) shows for the same org, counted in one statement rather
 * than member by member. The list's rule (`arrearsOf` over `findMembersWithArrears`) in set form:
 *
 * - the unpaid bills are those billed in the subtree before the current month, of members placed in it now;
 * - the run ends at the member's latest overdue month (paid or not, billed anywhere): a later paid month, or
 *   one owed elsewhere, leaves no run; a month covered by a recorded reason, or a month never billed, breaks it;
 * - so a member counts when the six months up to that latest month are all unpaid, unexcused and billed here
 *   (one bill per member and month, `dues_bill_member_month_uq`).
 */

/** A 'YYYY-MM' month as the number `monthIndex` gives (year × 12 + month − 1), so runs are integer steps. */
const monthNo = (col: string) => sql.raw(`(substr(${col}, 1, 4)::int * 12 + substr(${col}, 6, 2)::int - 1)`);

/** For the statistics module (no permission check: its caller holds `stats.read` over `path`). */
export async function duesArrearsForStatistics(ctx: Ctx, input: { path: string; asOf: string }): Promise<{ sixMonthsOrMore: number }> {
  const currentMonth = monthOfDate(input.asOf);
  const r = await one<{ n: number }>(
    ctx.db,
    sql`WITH owing AS MATERIALIZED (
          SELECT b.member_id, b.month, ${monthNo('b.month')} AS no
          FROM dues_bill b JOIN org o ON o.id = b.org_id
          WHERE b.month < ${currentMonth} AND b.paid_fen < b.amount_fen AND ${inSubtrees(sql`o.path`, [input.path])}
            AND NOT EXISTS (SELECT 1 FROM dues_arrears_reason x WHERE x.member_id = b.member_id AND x.from_month <= b.month AND b.month <= x.to_month)),
        latest AS (
          SELECT member_id, max(month) AS month, max(no) AS no FROM owing GROUP BY member_id HAVING count(*) >= ${LAPSE_MONTHS}),
        runs AS (
          SELECT l.member_id, l.month FROM latest l JOIN owing ow ON ow.member_id = l.member_id AND ow.no > l.no - ${LAPSE_MONTHS}
          GROUP BY l.member_id, l.month HAVING count(*) = ${LAPSE_MONTHS})
        SELECT count(*)::int AS n
        FROM runs r JOIN member m ON m.id = r.member_id JOIN org mo ON mo.id = m.org_id
        WHERE m.state = 'active' AND ${inSubtrees(sql`mo.path`, [input.path])}
          AND r.month = (SELECT max(b2.month) FROM dues_bill b2 WHERE b2.member_id = r.member_id AND b2.month < ${currentMonth})`,
  );
  return { sixMonthsOrMore: Number(r?.n ?? 0) };
}
