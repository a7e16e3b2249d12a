import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one } from '../../platform/db/db.ts';
import type { StandingEvent } from './member.standing.rules.ts';

/** The newest of a member's events of these kinds (the history read is capped, this one is not). */
export function findLastEventOfKinds(db: Db, memberId: string, kinds: readonly string[]): Promise<StandingEvent | undefined> {
  return one<StandingEvent>(
    db,
    sql`SELECT kind, details FROM member_event
        WHERE member_id = ${memberId} AND kind IN (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})
        ORDER BY occurred_at DESC, id DESC LIMIT 1`,
  );
}
