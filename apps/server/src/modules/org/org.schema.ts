import { bigint, boolean, date, index, integer, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, orgPathText, updatedAt } from '../../platform/db/columns.ts';

export const org = pgTable(
  'org',
  {
    id: idColumn(),
    /** Internal immutable number; the path is made of these. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique(),
    /** 统一编码: parent code + 3-digit segment; a display identifier that changes on a move. */
    code: text('code').notNull().unique(),
    path: orgPathText('path').notNull().unique(),
    parentId: uuid('parent_id').references((): AnyPgColumn => org.id),
    depth: integer('depth').notNull(),
    kind: text('kind').notNull(),
    domain: text('domain').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    unitName: text('unit_name'),
    unitCreditCode: text('unit_credit_code'),
    gridId: uuid('grid_id'),
    canApproveMembers: boolean('can_approve_members').notNull().default(false),
    termStart: date('term_start', { mode: 'string' }),
    termEnd: date('term_end', { mode: 'string' }),
    dissolvedOn: date('dissolved_on', { mode: 'string' }),
    dissolvedReason: text('dissolved_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('org_parent_idx').on(t.parentId)],
);

/** 网格 and 楼院, kept by a community-level org, so 网格党支部 and 楼院党小组 can point at them. */
export const grid = pgTable('grid', {
  id: idColumn(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => org.id),
  parentId: uuid('parent_id').references((): AnyPgColumn => grid.id),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** 班子 members with their term; a new leadership ends the previous one (ended_on). */
export const orgLeader = pgTable(
  'org_leader',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    position: text('position').notNull(),
    memberId: uuid('member_id'),
    name: text('name').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('org_leader_org_idx').on(t.orgId)],
);

