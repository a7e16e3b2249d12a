import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';
import { org } from '../org/org.schema.ts';

/**
 * 党员电子档案. ID number, phone and address are stored only as SM4 ciphertext (`*_enc`) plus keyed blind
 * indexes (`*_idx`); no plaintext PII is ever written (ARCHITECTURE §7).
 */
export const member = pgTable(
  'member',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    groupId: uuid('group_id').references(() => org.id),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    ethnicity: text('ethnicity').notNull().default('01'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIdx: text('id_number_idx').notNull().unique(),
    phoneEnc: text('phone_enc'),
    phoneIdx: text('phone_idx'),
    addressEnc: text('address_enc'),
    education: text('education'),
    occupation: text('occupation'),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    fullMemberOn: date('full_member_on', { mode: 'string' }),
    status: text('status').notNull(),
    state: text('state').notNull().default('active'),
    category: text('category').notNull(),
    workUnit: text('work_unit'),
    gridId: uuid('grid_id'),
    householdHub: boolean('household_hub').notNull().default(false),
    lostContact: boolean('lost_contact').notNull().default(false),
    notes: text('notes'),
    leftOn: date('left_on', { mode: 'string' }),
    leftReason: text('left_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // id last: the list's page of ids comes from this index alone (index-only scan), then 20 rows are read.
    index('member_org_state_name_id_idx').on(t.orgId, t.state, t.name, t.id),
    index('member_phone_idx').on(t.phoneIdx),
    index('member_name_idx').on(t.name),
  ],
);

export const memberDiscipline = pgTable('member_discipline', {
  id: idColumn(),
  memberId: uuid('member_id')
    .notNull()
    .references(() => member.id),
  kind: text('kind').notNull(),
  decidedOn: date('decided_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }),
  rightsRestoredOn: date('rights_restored_on', { mode: 'string' }),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
});

/** The file's own history: what changed, when and by whom (field names only for PII). */
export const memberEvent = pgTable(
  'member_event',
  {
    id: idColumn(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    kind: text('kind').notNull(),
    actorAccountId: uuid('actor_account_id'),
    actorName: text('actor_name'),
    details: jsonb('details').notNull().default({}),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('member_event_member_idx').on(t.memberId, t.occurredAt)],
);

/**
 * 挂靠 / hosted members (ARCHITECTURE §5): someone whose relation stays elsewhere but who takes part here — an
 * in-service member reporting in to their residence community (双报到), an inflow mobile member (流入党员). The
 * host org sees only the fields listed in `member.hosted.ts`, and each read is audited. `memberId` is set when the
 * person's file is on the platform; otherwise name and home organisation come from the registering module.
 */
export const hostedMember = pgTable(
  'hosted_member',
  {
    id: idColumn(),
    hostOrgId: uuid('host_org_id')
      .notNull()
      .references(() => org.id),
    memberId: uuid('member_id').references(() => member.id),
    kind: text('kind').notNull(),
    /** The registering module's row (report_in.id, mobile_inflow.id). */
    sourceId: uuid('source_id').notNull(),
    name: text('name').notNull(),
    homeOrgName: text('home_org_name').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('hosted_member_host_idx').on(t.hostOrgId, t.kind), index('hosted_member_member_idx').on(t.memberId), index('hosted_member_source_idx').on(t.sourceId)],
);
