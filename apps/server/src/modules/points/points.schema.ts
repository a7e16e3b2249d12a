import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '../../platform/db/columns.ts';
import { org } from '../org/org.schema.ts';
import { member } from '../member/member.schema.ts';

/**
 * One points event of a member (参加组织生活, 无故缺席, 讲党课 …). Written by the points job from a
 * source record (a confirmed meeting); `(member, source, kind)` is unique so a re-run of the job — or a
 * re-confirmed record — replaces rather than doubles. `org_id` is the org the event happened in (the
 * branch), for the branch's view and rankings.
 */
export const pointsEvent = pgTable(
  'points_event',
  {
    id: idColumn(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id').notNull(),
    kind: text('kind').notNull(),
    points: integer('points').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    note: text('note').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('points_event_source_uq').on(t.memberId, t.sourceType, t.sourceId, t.kind),
    index('points_event_member_idx').on(t.memberId, t.occurredOn),
    index('points_event_org_idx').on(t.orgId, t.occurredOn),
  ],
);
