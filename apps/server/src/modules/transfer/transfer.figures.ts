import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { one } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';

/**
 * For the statistics module: transfers out of and into a subtree completed in [from, to], and those open. A move
 * inside the subtree counts neither way. No permission check — the statistics module scopes its callers.
 */
export async function transferFiguresForStatistics(ctx: Ctx, input: { path: string; from: string; to: string }) {
  const inside = (col: string) => inSubtrees(sql.raw(col), [input.path]);
  const r = await one<{ out: number; in: number; open: number; overdueSteps: number }>(
    ctx.db,
    sql`SELECT
          count(*) FILTER (WHERE t.status = 'completed' AND ${inside('fo.path')} AND NOT coalesce(${inside('tor.path')}, FALSE))::int AS out,
          count(*) FILTER (WHERE t.status = 'completed' AND NOT ${inside('fo.path')} AND coalesce(${inside('tor.path')}, FALSE))::int AS in,
          count(*) FILTER (WHERE t.status IN ('pending', 'returned', 'awaiting_receipt') AND ${inside('fo.path')})::int AS open,
          (SELECT count(*)::int FROM transfer t2 JOIN transfer_step s ON s.transfer_id = t2.id AND s.round = t2.round AND s.status = 'pending' JOIN org so ON so.id = s.org_id
             WHERE t2.status = 'pending' AND s.due_at < ${ctx.clock.now()} AND ${inside('so.path')}) AS "overdueSteps"
        FROM transfer t JOIN org fo ON fo.id = t.from_org_id LEFT JOIN org tor ON tor.id = t.to_org_id
        WHERE (t.status <> 'completed' OR (t.completed_at >= ${input.from}::date AND t.completed_at < ${input.to}::date + 1))`,
  );
  return { transfersOut: r!.out, transfersIn: r!.in, open: r!.open, overdueSteps: r!.overdueSteps };
}
