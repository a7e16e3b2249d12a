import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CreateMemberInput } from '@xianfeng/contracts/member/member.schemas';
import type { ErrorDetail } from '@xianfeng/contracts/common/errors';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import type { ErrorCode } from '@xianfeng/contracts/common/error-catalogue';
import type { Actor, Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { rows } from '../../platform/db/db.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findOrg, isGridUsableBy } from '../org/org.service.ts';
import { checkMemberFacts } from './member.validation.ts';

export interface BulkRowError {
  /** Position of the row across all batches, from 0. */
  index: number;
  code: ErrorCode;
  details: ErrorDetail[];
}

export type BulkMember = CreateMemberInput & { discipline?: { kind: string; decidedOn: string; endsOn?: string | null; reason: string }[] };

const aad = (field: string, memberId: string) => `member|${field}|${memberId}`;

/** Thrown inside the transaction to roll back an all-or-nothing import that found a bad row. */
class RollBack extends Error {}

/**
 * Registers many member files in one transaction with one audit event carrying the counts (ARCHITECTURE
 * §7 "a bulk operation writes one event"). Each row passes the same rules as `createMember`. Rows come as
 * an array or as batches from a stream (the Excel import), so a 100,000-row file is checked and written a
 * batch at a time; with `allOrNothing` every row is still checked but one bad row rolls everything back.
 */
export async function createMembersBulk(
  ctx: Ctx,
  input: {
    members: BulkMember[] | AsyncIterable<BulkMember[]>;
    allOrNothing: boolean;
    source: string;
    /** Rows the caller refused before they reached us (a cell that is not a date): they count for allOrNothing. */
    refusedBefore?: () => number;
  },
): Promise<{ imported: number; errors: BulkRowError[]; ids: string[] }> {
  const actor = requirePermission(ctx, 'member.write');
  const batches = Array.isArray(input.members) ? [input.members] : input.members;
  const errors: BulkRowError[] = [];
  const failing = () => errors.length > 0 || (input.refusedBefore?.() ?? 0) > 0;
  try {
    return await inTransaction(ctx, async (tx) => {
      const state: BulkState = { orgCache: new Map(), gridCache: new Map(), seen: new Set(), paths: new Set(), ids: [], next: 0 };
      // One batch is written while the next is read and checked: the database and the CPU work side by side.
      // The write's outcome is collected before the next write and at the end, so a failure is never lost.
      // A row whose ID number is already registered is skipped by the insert itself (ON CONFLICT) and reported.
      let writing: Promise<unknown> = Promise.resolve();
      for await (const batch of batches) {
        const ready = await checkBatch(tx, actor, batch, state, errors);
        if (input.allOrNothing && failing()) {
          // Nothing more will be written, but the report still names every row already registered.
          await writing;
          const taken = ready.length ? await rows<{ idx: string }>(tx.db, sql`SELECT id_number_idx AS idx FROM member WHERE id_number_idx = ANY(${sql.param(ready.map((r) => r.idx))}::text[])`) : [];
          const takenSet = new Set(taken.map((t) => t.idx));
          for (const r of ready) if (takenSet.has(r.idx)) errors.push(registered(r.index));
          continue;
        }
        await writing;
        const write = insertBatch(tx, actor, ready, input.source).then((inserted) => {
          for (const r of ready) {
            if (inserted.has(r.id)) {
              state.ids.push(r.id);
              state.paths.add(r.orgPath);
            } else errors.push(registered(r.index));
          }
        });
        writing = write;
        write.catch(() => undefined);
      }
      await writing;
      if (input.allOrNothing && failing()) throw new RollBack();
      const common = state.paths.size ? [...state.paths].reduce((a, b) => commonPrefix(a, b)) : null;
      await writeAudit(tx, {
        action: 'member.bulk_create',
        targetType: 'member',
        targetOrgPath: common,
        actingForOrgId: common ? (coveringGrant(actor, 'member.write', common)?.orgId ?? null) : null,
        details: { source: input.source, imported: state.ids.length, failed: new Set(errors.map((e) => e.index)).size, orgs: state.paths.size },
      });
      return { imported: state.ids.length, errors: byRow(errors), ids: state.ids };
    });
  } catch (err) {
    if (err instanceof RollBack) return { imported: 0, errors: byRow(errors), ids: [] };
    throw err;
  }
}

const registered = (index: number): BulkRowError => ({ index, code: 'MEMBER_ID_NUMBER_DUPLICATE', details: [{ path: 'idNumber', message: '身份证号码：该身份证号码已登记为党员' }] });
const byRow = (errors: BulkRowError[]) => errors.sort((a, b) => a.index - b.index);

interface BulkState {
  orgCache: Map<string, Awaited<ReturnType<typeof findOrg>>>;
  gridCache: Map<string, boolean>;
  /** Blind indexes of the ID numbers accepted so far: duplicates within the file. */
  seen: Set<string>;
  paths: Set<string>;
  ids: string[];
  next: number;
}

interface ReadyRow {
  index: number;
  id: string;
  idx: string;
  m: BulkMember;
  idNumber: string;
  orgPath: string;
}

/** Checks one batch: facts, placement, duplicates within the file. Appends to `errors`. */
async function checkBatch(tx: Ctx, actor: Actor, batch: BulkMember[], state: BulkState, errors: BulkRowError[]): Promise<ReadyRow[]> {
  const today = tx.clock.today();
  const ready: ReadyRow[] = [];
  const refuse = (index: number, code: ErrorCode, path: string, message: string) => errors.push({ index, code, details: [{ path, message }] });
  for (const m of batch) {
    const index = state.next++;
    const { parsed, problems } = checkMemberFacts({ ...m, fullMemberOn: m.fullMemberOn }, today);
    if (problems.length) {
      errors.push({ index, code: problems[0]!.code, details: problems.map((p) => p.detail) });
      continue;
    }
    const org = await cachedOrg(tx, state, m.orgId);
    if (!org || !can(actor, 'member.write', org.path)) {
      refuse(index, 'NOT_FOUND', 'orgId', '所在党组织：不存在或不在您的管理范围内');
      continue;
    }
    if (!memberHoldingKinds.includes(org.kind) || org.dissolvedOn) {
      refuse(index, 'MEMBER_ORG_NOT_BRANCH', 'orgId', '所在党组织：党员只能编入党支部');
      continue;
    }
    if (m.groupId) {
      const group = await cachedOrg(tx, state, m.groupId);
      if (!group || !can(actor, 'member.write', group.path)) {
        refuse(index, 'NOT_FOUND', 'groupId', '党小组：不存在或不在您的管理范围内');
        continue;
      }
      if (group.kind !== 'group' || group.parentId !== org.id || group.dissolvedOn) {
        refuse(index, 'MEMBER_GROUP_INVALID', 'groupId', '党小组：必须属于该党员所在支部');
        continue;
      }
    }
    const gridKey = `${m.gridId}|${org.path}`;
    if (m.gridId && !state.gridCache.has(gridKey)) state.gridCache.set(gridKey, await isGridUsableBy(tx, { gridId: m.gridId, orgPath: org.path }));
    if (m.gridId && !state.gridCache.get(gridKey)) {
      refuse(index, 'ORG_GRID_NOT_FOUND', 'gridId', '网格：不存在或不属于该党员所在组织');
      continue;
    }
    const idx = tx.crypto.blindIndex('idNumber', parsed!.normalised);
    if (state.seen.has(idx)) {
      refuse(index, 'MEMBER_ID_NUMBER_DUPLICATE', 'idNumber', '身份证号码：与本批次中前面的行重复');
      continue;
    }
    state.seen.add(idx);
    ready.push({ index, id: randomUUID(), idx, m, idNumber: parsed!.normalised, orgPath: org.path });
  }
  return ready;
}

async function cachedOrg(tx: Ctx, state: BulkState, id: string) {
  if (!state.orgCache.has(id)) state.orgCache.set(id, await findOrg(tx, id));
  return state.orgCache.get(id);
}

/**
 * Writes a batch with one statement per table: each column travels as one array parameter and `unnest`
 * zips them into rows. Building 26 parameters per row instead cost more than PostgreSQL's insert itself.
 */
async function insertBatch(tx: Ctx, actor: Actor, good: ReadyRow[], source: string): Promise<Set<string>> {
  if (good.length === 0) return new Set();
  const now = tx.clock.now();
  const col = <T>(f: (r: ReadyRow) => T) => sql.param(good.map(f));
  const enc = (f: string, v: string | null | undefined, id: string) => (v ? tx.crypto.encryptField(v, aad(f, id)) : null);
  let inserted: { id: string }[];
  try {
    inserted = await rows<{ id: string }>(
      tx.db,
      sql`WITH created AS (INSERT INTO member (id, org_id, group_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_idx,
        phone_enc, phone_idx, address_enc, education, occupation, joined_on, full_member_on, status, state, category, work_unit,
        grid_id, household_hub, lost_contact, notes, created_at, updated_at)
      SELECT u.id, u.org_id, u.group_id, u.name, u.gender, u.ethnicity, u.birth_date, u.id_number_enc, u.id_number_idx, u.phone_enc,
          u.phone_idx, u.address_enc, u.education, u.occupation, u.joined_on, u.full_member_on, u.status, 'active', u.category, u.work_unit,
          u.grid_id, u.household_hub, u.lost_contact, u.notes, ${now}::timestamptz, ${now}::timestamptz
      FROM unnest(
        ${col((r) => r.id)}::uuid[], ${col((r) => r.m.orgId)}::uuid[], ${col((r) => r.m.groupId ?? null)}::uuid[], ${col((r) => r.m.name)}::text[],
        ${col((r) => r.m.gender)}::text[], ${col((r) => r.m.ethnicity ?? '01')}::text[], ${col((r) => r.m.birthDate)}::date[],
        ${col((r) => enc('idNumber', r.idNumber, r.id))}::text[], ${col((r) => r.idx)}::text[], ${col((r) => enc('phone', r.m.phone, r.id))}::text[],
        ${col((r) => (r.m.phone ? tx.crypto.blindIndex('phone', r.m.phone) : null))}::text[], ${col((r) => enc('address', r.m.address, r.id))}::text[],
        ${col((r) => r.m.education ?? null)}::text[], ${col((r) => r.m.occupation ?? null)}::text[], ${col((r) => r.m.joinedOn)}::date[],
        ${col((r) => r.m.fullMemberOn ?? null)}::date[], ${col((r) => r.m.status)}::text[], ${col((r) => r.m.category)}::text[],
        ${col((r) => r.m.workUnit ?? null)}::text[], ${col((r) => r.m.gridId ?? null)}::uuid[], ${col((r) => r.m.householdHub ?? false)}::boolean[],
        ${col((r) => r.m.lostContact ?? false)}::boolean[], ${col((r) => r.m.notes ?? null)}::text[]
      ) AS u(id, org_id, group_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_idx, phone_enc, phone_idx, address_enc,
          education, occupation, joined_on, full_member_on, status, category, work_unit, grid_id, household_hub, lost_contact, notes)
      ON CONFLICT (id_number_idx) DO NOTHING
      RETURNING id)
      INSERT INTO member_event (member_id, kind, actor_account_id, actor_name, details, occurred_at)
      SELECT id, 'created', ${actor.accountId}::uuid, ${actor.displayName ?? actor.username}, ${JSON.stringify({ source })}::jsonb, ${now}::timestamptz FROM created
      RETURNING member_id AS id`,
    );
  } catch (err) {
    // Two rows racing for the same new ID number across concurrent imports.
    if (isUniqueViolation(err)) throw new AppError('CONFLICT');
    throw err;
  }
  const ids = new Set(inserted.map((r) => r.id));
  for (const { id, m } of good) {
    if (!ids.has(id)) continue;
    for (const d of m.discipline ?? []) {
      await tx.db.execute(sql`INSERT INTO member_discipline (member_id, kind, decided_on, ends_on, reason) VALUES (${id}, ${d.kind}, ${d.decidedOn}, ${d.endsOn ?? null}, ${d.reason})`);
    }
  }
  return ids;
}

function commonPrefix(a: string, b: string): string {
  const sa = a.split('/');
  const sb = b.split('/');
  const out: string[] = [];
  for (let i = 0; i < Math.min(sa.length, sb.length) && sa[i] === sb[i]; i++) out.push(sa[i]!);
  const p = out.join('/');
  return p.endsWith('/') ? p : `${p}/`;
}
