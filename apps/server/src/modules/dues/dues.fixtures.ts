import { sql } from 'drizzle-orm';

export { createTestMember, freshIdNumber } from '../../test-support/members.ts';

/**
 * (org, month) pairs whose collection totals differ from the bills: the org's own figures from its bills, and
 * its subtree figures from the bills of the org and every descendant (dues_org_month is kept by deltas).
 */
export const orgMonthTotalsViolations = sql`
  WITH own AS (
    SELECT org_id, month, count(*)::int AS bills, count(*) FILTER (WHERE paid_fen >= amount_fen)::int AS settled, sum(amount_fen)::bigint AS amount, sum(paid_fen)::bigint AS paid
    FROM dues_bill GROUP BY org_id, month),
  sub AS (
    SELECT a.id AS org_id, own.month, sum(own.bills)::int AS bills, sum(own.settled)::int AS settled, sum(own.amount)::bigint AS amount, sum(own.paid)::bigint AS paid
    FROM own JOIN org o ON o.id = own.org_id JOIN org a ON starts_with(o.path, a.path) GROUP BY a.id, own.month)
  SELECT coalesce(t.org_id, own.org_id, sub.org_id) AS org_id, coalesce(t.month, own.month, sub.month) AS month
  FROM dues_org_month t
    FULL JOIN own ON own.org_id = t.org_id AND own.month = t.month
    FULL JOIN sub ON sub.org_id = coalesce(t.org_id, own.org_id) AND sub.month = coalesce(t.month, own.month)
  WHERE coalesce(t.bills, 0) <> coalesce(own.bills, 0) OR coalesce(t.settled_bills, 0) <> coalesce(own.settled, 0)
     OR coalesce(t.amount_fen, 0) <> coalesce(own.amount, 0) OR coalesce(t.paid_fen, 0) <> coalesce(own.paid, 0)
     OR coalesce(t.subtree_bills, 0) <> coalesce(sub.bills, 0) OR coalesce(t.subtree_settled_bills, 0) <> coalesce(sub.settled, 0)
     OR coalesce(t.subtree_amount_fen, 0) <> coalesce(sub.amount, 0) OR coalesce(t.subtree_paid_fen, 0) <> coalesce(sub.paid, 0)`;
