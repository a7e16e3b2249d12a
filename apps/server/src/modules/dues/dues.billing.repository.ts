import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { rows } from '../../platform/db/db.ts';
import type { DuesCategory } from '@xianfeng/contracts/dues/dues.enums';
import { toUuidArray, type BillingBaseRow, type DuesMemberRow } from './dues.repository.ts';

/**
 * A bill run's reads (dues.bills.ts), one statement per page: the members with their account, the months already
 * billed and the declarations that price the rest. The billed months start at the earliest month the run could bill
 * a member (`monthsToBill`: acceptance, 党费交至 on paper, and for a full member the back-payment limit) — the run
 * narrows it further per member; this only has to start no later. The declarations are all those effective up to the
 * month (a member makes one a year or so): one index range per member, where picking the one in force at the window's
 * start first took a second descent. Per member that is four index descents, where separate statements over the
 * page's 10,000 ids each sorted the ids and grouped the answer again.
 */

export interface BillingMember extends DuesMemberRow {
  openingPaidUntil: string | null;
  creditFen: number;
  /** Months billed already within the member's window. */
  billed: string[];
  /** Declarations effective up to `month`, in the order they were made (`baseForMonth` picks the one in force). */
  bases: BillingBaseRow[];
}

type BaseTuple = [DuesCategory, number | null, number, string];

export async function findBillingPage(
  db: Db,
  input: {
    orgIds: string[];
    lastDay: string;
    month: string;
    /** The back-payment limit for full members (the lowest in the page's settings). */
    fullFrom: string;
    /** The furthest back any member is looked at (a 预备党员 billed from acceptance). */
    lookbackFrom: string;
    page: { afterId: string | null; limit: number } | null;
  },
): Promise<BillingMember[]> {
  const { page } = input;
  const found = await rows<Omit<BillingMember, 'bases'> & { bases: BaseTuple[] }>(
    db,
    sql`SELECT m.id, m.name, m.org_id AS "orgId", o.path AS "orgPath", o.name AS "orgName", m.status, m.state, m.joined_on::text AS "joinedOn",
               a.opening_paid_until AS "openingPaidUntil", coalesce(a.credit_fen, 0) AS "creditFen",
               (SELECT coalesce(array_agg(b.month), '{}') FROM dues_bill b WHERE b.member_id = m.id AND b.month >= w.from_month AND b.month <= ${input.month}) AS billed,
               (SELECT coalesce(json_agg(json_build_array(d.dues_category, d.rate_bp, d.standard_fen, d.effective_month) ORDER BY d.created_at, d.id), '[]')
                FROM dues_base d WHERE d.member_id = m.id AND d.effective_month <= ${input.month}) AS bases
        FROM member m
        -- LIMIT 1 keeps these lookups by index per member: as plain joins the planner hashed every org and every
        -- account (1,000,000 at region scale) for each page of 10,000 members, with parallel workers and JIT.
        CROSS JOIN LATERAL (SELECT o.path, o.name FROM org o WHERE o.id = m.org_id LIMIT 1) o
        LEFT JOIN LATERAL (SELECT a.opening_paid_until, a.credit_fen FROM dues_account a WHERE a.member_id = m.id LIMIT 1) a ON true
        CROSS JOIN LATERAL (SELECT greatest(to_char(m.joined_on, 'YYYY-MM'),
                                            to_char(to_date(a.opening_paid_until, 'YYYY-MM') + interval '1 month', 'YYYY-MM'),
                                            CASE WHEN m.status = 'probationary' THEN ${input.lookbackFrom} ELSE greatest(${input.fullFrom}::text, ${input.lookbackFrom}::text) END) AS from_month) w
        WHERE m.org_id = ANY(${toUuidArray(input.orgIds)}) AND m.state = 'active' AND m.joined_on <= ${input.lastDay}
          ${page?.afterId ? sql`AND m.id > ${page.afterId}` : sql``}
        ${page ? sql`ORDER BY m.id LIMIT ${page.limit}` : sql``}`,
  );
  return found.map((r) => ({
    ...r,
    creditFen: Number(r.creditFen),
    bases: r.bases.map(([duesCategory, rateBp, standardFen, effectiveMonth]) => ({ memberId: r.id, duesCategory, rateBp, standardFen, effectiveMonth })),
  }));
}
