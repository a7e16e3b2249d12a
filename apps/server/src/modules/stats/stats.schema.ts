import { bigint, customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgPathText } from '../../platform/db/columns.ts';

/** Byte-ordered text, so date keys ('1990-05-17') and month keys compare and range-scan as written. */
const byteText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

/**
 * Subtree rollups (ARCHITECTURE §2, §9; docs/stats.md): for every org, how many active members of its whole
 * subtree have each value of each dimension (`dim`, `key`), and how many live orgs of each kind, domain and term
 * end, and a histogram of its branches by size. Kept by the triggers of the `stats-triggers` migration in the
 * writing transaction; rebuilt from scratch by `stats_recount()` (`npm run stats:verify`).
 */
export const statsRollup = pgTable(
  'stats_rollup',
  {
    orgId: uuid('org_id').notNull(),
    dim: byteText('dim').notNull(),
    key: byteText('key').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.dim, t.key] })],
);

/**
 * Subtree moves as they happened (org paths are not versioned otherwise): past-date figures undo the moves made
 * after the date. Written by the org trigger; `movedAt` is the org row's `updated_at` (the application clock).
 */
export const statsOrgMove = pgTable(
  'stats_org_move',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    orgId: uuid('org_id').notNull(),
    oldPath: orgPathText('old_path').notNull(),
    newPath: orgPathText('new_path').notNull(),
    movedAt: timestamp('moved_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('stats_org_move_at_idx').on(t.movedAt)],
);

/**
 * Members' placement changes (a transfer completing): past-date figures place a member in the org they were in
 * on the date. Written by the member trigger; `movedAt` is the member row's `updated_at` (the application clock).
 */
export const statsMemberMove = pgTable(
  'stats_member_move',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    memberId: uuid('member_id').notNull(),
    fromOrgId: uuid('from_org_id').notNull(),
    toOrgId: uuid('to_org_id').notNull(),
    movedAt: timestamp('moved_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('stats_member_move_at_idx').on(t.movedAt), index('stats_member_move_member_idx').on(t.memberId, t.movedAt)],
);

/**
 * Month-end member counts per org, for the dashboard's trends (docs/stats.md "Trends"). Taken from the rollups by the
 * hourly job `stats.month_snapshot` at its first run in a new month (`source` 'rollup'), or, for a month before the
 * platform kept snapshots, computed from history when first asked (`source` 'history'). A taken month is frozen: the
 * trend shows what the figures said then, as a reported 党内统计 figure stays as reported.
 */
export const statsMonthSnapshot = pgTable(
  'stats_month_snapshot',
  {
    orgId: uuid('org_id').notNull(),
    /** 'YYYY-MM': the counts at the end of that month. */
    month: text('month').notNull(),
    total: integer('total').notNull(),
    full: integer('full').notNull(),
    probationary: integer('probationary').notNull(),
    source: text('source').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month] })],
);
