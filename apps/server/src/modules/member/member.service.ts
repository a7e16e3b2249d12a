import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreateMemberInput, MemberView, UpdateMemberInput, memberFileView, memberListQuery, disciplineBody } from '@xianfeng/contracts/member/member.schemas';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { can, coveredPaths, coveringGrant, holdsAnywhere, requireActor, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { wholeYears } from '../../platform/dates.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { rows } from '../../platform/db/db.ts';
import * as repo from './member.repository.ts';
import type { MemberRow } from './member.repository.ts';
import { birthDateRangeForBand, hasVotingRights, maskAddress, maskIdNumber, maskPhone, parseIdNumber } from './member.rules.ts';

/** Masking rules for other modules (audit trails, exports). */
export { maskIdNumber, maskPhone };
export { idProblemMessages, parseIdNumber } from './member.rules.ts';
/** Placement changes for other modules' workflows (transfers). */
export { lockMemberPlacement, placeMemberByTransfer, recordTransferredOut } from './member.placement.ts';
/** 挂靠: the hosted-member relation other modules start and end (report-in, mobile inflow). */
export { endHosting, listHostedMembers, startHosting, type HostedKind } from './member.hosted.ts';
/** 党籍变动 (leaving, suspension, restoration) live in member.standing.ts; other modules' tests record leaving. */
export { recordMemberLeaving, restoreMembership, suspendMembership } from './member.standing.ts';
/** 发展党员: the file created on approval, regularised, extended or ended by the development module's steps. */
export {
  admitProbationaryMember,
  assignMemberToGroup,
  cancelProbationaryMembership,
  findMemberByIdNumberIdx,
  findMembersForDevelopment,
  recordProbationExtension,
  regulariseProbationaryMember,
  type DevelopmentPersonFacts,
} from './member.development.ts';
import { checkMemberFacts } from './member.validation.ts';
import { findOrg, isGridUsableBy } from '../org/org.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';

type PiiField = 'idNumber' | 'phone' | 'address';
const aad = (field: PiiField, memberId: string) => `member|${field}|${memberId}`;

function decrypt(ctx: Ctx, m: MemberRow, field: PiiField): string | null {
  const token = field === 'idNumber' ? m.idNumberEnc : field === 'phone' ? m.phoneEnc : m.addressEnc;
  return token ? ctx.crypto.decryptField(token, aad(field, m.id)) : null;
}

/** The API shape; PII masked unless the field is listed in `unmasked`. */
export function toMemberView(ctx: Ctx, m: MemberRow, unmasked: PiiField[] = []): MemberView {
  const id = decrypt(ctx, m, 'idNumber')!;
  const phone = decrypt(ctx, m, 'phone');
  const address = decrypt(ctx, m, 'address');
  return {
    id: m.id,
    orgId: m.orgId,
    groupId: m.groupId,
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: m.birthDate,
    idNumber: unmasked.includes('idNumber') ? id : maskIdNumber(id),
    phone: phone === null ? null : unmasked.includes('phone') ? phone : maskPhone(phone),
    address: address === null ? null : unmasked.includes('address') ? address : maskAddress(address),
    education: m.education,
    occupation: m.occupation,
    joinedOn: m.joinedOn,
    fullMemberOn: m.fullMemberOn,
    status: m.status,
    state: m.state,
    category: m.category,
    workUnit: m.workUnit,
    gridId: m.gridId,
    householdHub: m.householdHub,
    lostContact: m.lostContact,
    createdAt: new Date(m.createdAt).toISOString(),
    updatedAt: new Date(m.updatedAt).toISOString(),
  };
}

function throwProblems(problems: { code: Parameters<typeof fieldError>[0]; detail: { path: string; message: string; article?: string } }[]): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new AppError(first.code, { message: first.detail.message, details: problems.map((p) => p.detail) });
}

async function checkPlacement(ctx: Ctx, input: { orgId: string; groupId?: string | null | undefined; gridId?: string | null | undefined }, permission: 'member.write') {
  const org = await findOrg(ctx, input.orgId);
  if (!org || !can(ctx.actor, permission, org.path)) throw fieldError('NOT_FOUND', 'orgId', '所在党组织：不存在或不在您的管理范围内');
  if (org.dissolvedOn) throw fieldError('ORG_DISSOLVED', 'orgId');
  if (!memberHoldingKinds.includes(org.kind)) throw fieldError('MEMBER_ORG_NOT_BRANCH', 'orgId');
  if (input.groupId) {
    const group = await findOrg(ctx, input.groupId);
    // Missing or out of scope: 404 like any id in a body (ARCHITECTURE §8); in scope but not this branch's: 422.
    if (!group || !can(ctx.actor, permission, group.path)) throw fieldError('NOT_FOUND', 'groupId', '党小组：不存在或不在您的管理范围内');
    if (group.kind !== 'group' || group.parentId !== org.id || group.dissolvedOn) throw fieldError('MEMBER_GROUP_INVALID', 'groupId');
  }
  // Out-of-scope ids in bodies answer 404 like any other (ARCHITECTURE §8).
  if (input.gridId && !(await isGridUsableBy(ctx, { gridId: input.gridId, orgPath: org.path }))) {
    throw fieldError('ORG_GRID_NOT_FOUND', 'gridId', '网格：不存在或不属于该党员所在组织');
  }
  return org;
}

/** The encrypted columns and blind indexes of a file's PII (within the member module: create, update, admission). */
export function piiColumns(ctx: Ctx, memberId: string, v: { idNumber?: string; phone?: string | null; address?: string | null }) {
  const out: Record<string, unknown> = {};
  if (v.idNumber !== undefined) {
    out.id_number_enc = ctx.crypto.encryptField(v.idNumber, aad('idNumber', memberId));
    out.id_number_idx = ctx.crypto.blindIndex('idNumber', v.idNumber);
  }
  if (v.phone !== undefined) {
    out.phone_enc = v.phone === null ? null : ctx.crypto.encryptField(v.phone, aad('phone', memberId));
    out.phone_idx = v.phone === null ? null : ctx.crypto.blindIndex('phone', v.phone);
  }
  if (v.address !== undefined) out.address_enc = v.address === null || v.address === '' ? null : ctx.crypto.encryptField(v.address, aad('address', memberId));
  return out;
}

function columnsSql(cols: Record<string, unknown>) {
  return sql.join(
    Object.entries(cols).map(([k, v]) => sql`${sql.identifier(k)} = ${v}`),
    sql`, `,
  );
}

/** Registers a member's electronic file (一个党员一个电子档案), keyed by the ID number. */
export async function createMember(ctx: Ctx, input: CreateMemberInput): Promise<MemberView> {
  requirePermission(ctx, 'member.write');
  const { parsed, problems } = checkMemberFacts({ ...input, fullMemberOn: input.fullMemberOn }, ctx.clock.today());
  throwProblems(problems);
  const idNumber = parsed!.normalised;
  return inTransaction(ctx, async (tx) => {
    const org = await checkPlacement(tx, input, 'member.write');
    const idx = tx.crypto.blindIndex('idNumber', idNumber);
    if (await repo.findMemberIdByIdNumberIdx(tx.db, idx)) throw fieldError('MEMBER_ID_NUMBER_DUPLICATE', 'idNumber');
    const id = randomUUID();
    const now = tx.clock.now();
    const cols: Record<string, unknown> = {
      id,
      org_id: org.id,
      group_id: input.groupId ?? null,
      name: input.name,
      gender: input.gender,
      ethnicity: input.ethnicity ?? '01',
      birth_date: input.birthDate,
      education: input.education ?? null,
      occupation: input.occupation ?? null,
      joined_on: input.joinedOn,
      full_member_on: input.fullMemberOn ?? null,
      status: input.status,
      state: 'active',
      category: input.category,
      work_unit: input.workUnit ?? null,
      grid_id: input.gridId ?? null,
      household_hub: input.householdHub ?? false,
      lost_contact: input.lostContact ?? false,
      notes: input.notes ?? null,
      created_at: now,
      updated_at: now,
      ...piiColumns(tx, id, { idNumber, phone: input.phone ?? null, address: input.address ?? null }),
    };
    try {
      await tx.db.execute(
        sql`INSERT INTO member (${sql.join(
          Object.keys(cols).map((k) => sql.identifier(k)),
          sql`, `,
        )}) VALUES (${sql.join(
          Object.values(cols).map((v) => sql`${v}`),
          sql`, `,
        )})`,
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw fieldError('MEMBER_ID_NUMBER_DUPLICATE', 'idNumber');
      throw err;
    }
    await repo.insertMemberEvent(tx.db, { memberId: id, kind: 'created', actorAccountId: tx.actor?.accountId ?? null, actorName: tx.actor?.displayName ?? tx.actor?.username ?? null, details: { orgId: org.id, status: input.status }, at: now });
    await writeAudit(tx, {
      action: 'member.create',
      targetType: 'member',
      targetId: id,
      targetOrgPath: org.path,
      actingForOrgId: coveringGrant(tx.actor, 'member.write', org.path)?.orgId ?? null,
      details: { orgId: org.id },
    });
    return toMemberView(tx, (await repo.findMemberById(tx.db, id))!);
  });
}

const PII: readonly string[] = ['idNumber', 'phone', 'address'];
const historyValue = (field: string, v: unknown) => (PII.includes(field) ? '(已修改)' : v);

/** Edits a member file. orgId, status and state are not editable here (the schema refuses them). */
export async function updateMember(ctx: Ctx, input: { id: string; patch: UpdateMemberInput }): Promise<MemberView> {
  requirePermission(ctx, 'member.write');
  return inTransaction(ctx, async (tx) => {
    const m = await repo.findMemberById(tx.db, input.id);
    if (!m || !can(tx.actor, 'member.write', m.orgPath)) throw notFound();
    if (m.state === 'left') throw new AppError('MEMBER_NOT_ACTIVE');
    const p = input.patch;
    if (p.version !== undefined && p.version !== m.version) throw new AppError('CONFLICT');
    const currentId = decrypt(tx, m, 'idNumber')!;
    const { parsed, problems } = checkMemberFacts(
      {
        idNumber: p.idNumber ?? currentId,
        gender: p.gender ?? m.gender,
        birthDate: p.birthDate ?? m.birthDate,
        joinedOn: p.joinedOn ?? m.joinedOn,
        fullMemberOn: p.fullMemberOn === undefined ? m.fullMemberOn : p.fullMemberOn,
        status: m.status,
      },
      tx.clock.today(),
    );
    throwProblems(problems);
    if (p.groupId !== undefined || p.gridId !== undefined) await checkPlacement(tx, { orgId: m.orgId, groupId: p.groupId, gridId: p.gridId }, 'member.write');
    const newId = p.idNumber !== undefined && parsed!.normalised !== currentId ? parsed!.normalised : undefined;
    if (newId && (await repo.findMemberIdByIdNumberIdx(tx.db, tx.crypto.blindIndex('idNumber', newId)))) {
      throw fieldError('MEMBER_ID_NUMBER_DUPLICATE', 'idNumber');
    }
    const plain: Record<string, [string, unknown]> = {
      name: ['name', p.name],
      gender: ['gender', p.gender],
      birthDate: ['birth_date', p.birthDate],
      joinedOn: ['joined_on', p.joinedOn],
      groupId: ['group_id', p.groupId],
      ethnicity: ['ethnicity', p.ethnicity],
      education: ['education', p.education],
      occupation: ['occupation', p.occupation],
      fullMemberOn: ['full_member_on', p.fullMemberOn],
      category: ['category', p.category],
      workUnit: ['work_unit', p.workUnit],
      gridId: ['grid_id', p.gridId],
      householdHub: ['household_hub', p.householdHub],
      lostContact: ['lost_contact', p.lostContact],
      notes: ['notes', p.notes],
    };
    const cols: Record<string, unknown> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, [col, value]] of Object.entries(plain)) {
      if (value === undefined) continue;
      const before = (m as unknown as Record<string, unknown>)[field];
      if (before === value) continue;
      cols[col] = value;
      changes[field] = { from: before, to: value };
    }
    const pii = {
      ...(newId ? { idNumber: newId } : {}),
      ...(p.phone !== undefined && p.phone !== decrypt(tx, m, 'phone') ? { phone: p.phone } : {}),
      ...(p.address !== undefined && (p.address || null) !== decrypt(tx, m, 'address') ? { address: p.address } : {}),
    };
    for (const f of Object.keys(pii)) changes[f] = { from: historyValue(f, null), to: historyValue(f, null) };
    Object.assign(cols, piiColumns(tx, m.id, pii));
    if (Object.keys(changes).length === 0) return toMemberView(tx, m);
    const now = tx.clock.now();
    try {
      await tx.db.execute(sql`UPDATE member SET ${columnsSql({ ...cols, updated_at: now })}, version = version + 1 WHERE id = ${m.id}`);
    } catch (err) {
      if (isUniqueViolation(err)) throw fieldError('MEMBER_ID_NUMBER_DUPLICATE', 'idNumber');
      throw err;
    }
    await repo.insertMemberEvent(tx.db, {
      memberId: m.id,
      kind: 'updated',
      actorAccountId: tx.actor?.accountId ?? null,
      actorName: tx.actor?.displayName ?? tx.actor?.username ?? null,
      details: { changes },
      at: now,
    });
    await writeAudit(tx, {
      action: 'member.update',
      targetType: 'member',
      targetId: m.id,
      targetOrgPath: m.orgPath,
      actingForOrgId: coveringGrant(tx.actor, 'member.write', m.orgPath)?.orgId ?? null,
      details: { fields: Object.keys(changes) },
    });
    return toMemberView(tx, (await repo.findMemberById(tx.db, m.id))!);
  });
}

/** A member the caller may read: in scope of member.read, or their own file (self scope). */
async function findReadableMember(ctx: Ctx, id: string): Promise<MemberRow> {
  const actor = requireActor(ctx);
  const m = await repo.findMemberById(ctx.db, id);
  if (!m) throw notFound();
  if (actor.memberId === m.id || can(actor, 'member.read', m.orgPath)) return m;
  throw notFound();
}

/** The full e-file. Unmasking needs member.pii.unmask over the member's org and a reason; it is audited. */
export async function getMemberFile(
  ctx: Ctx,
  input: { id: string; unmask: PiiField[]; reason?: string | undefined },
): Promise<z.infer<typeof memberFileView>> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const m = await findReadableMember(tx, input.id);
    const unmask = [...new Set(input.unmask)];
    if (unmask.length > 0) {
      if (!holdsAnywhere(actor, 'member.pii.unmask')) throw forbidden();
      if (!can(actor, 'member.pii.unmask', m.orgPath)) throw forbidden();
      const min = await getEffectiveSetting(tx, m.orgPath, 'member.unmaskReasonMinLength');
      if (!input.reason || [...input.reason].length < min) throw fieldError('MEMBER_UNMASK_REASON_REQUIRED', 'reason');
      await writeAudit(tx, {
        action: 'member.pii.unmask',
        targetType: 'member',
        targetId: m.id,
        targetOrgPath: m.orgPath,
        actingForOrgId: coveringGrant(actor, 'member.pii.unmask', m.orgPath)?.orgId ?? null,
        details: { fields: unmask, reason: input.reason },
      });
    }
    const discipline = await repo.findDiscipline(tx.db, m.id);
    const today = tx.clock.today();
    return {
      ...toMemberView(tx, m, unmask),
      orgName: m.orgName,
      groupName: m.groupName,
      notes: m.notes,
      leftOn: m.leftOn,
      leftReason: m.leftReason,
      age: wholeYears(m.birthDate, today),
      partyStandingYears: Math.max(0, wholeYears(m.fullMemberOn ?? m.joinedOn, today)),
      hasVotingRights: hasVotingRights({ status: m.status, state: m.state, discipline }, today),
      discipline,
      unmasked: unmask,
      version: m.version,
    };
  });
}

/** Scoped, filtered, paginated member list; counts only what the caller covers. */
export async function listMembers(ctx: Ctx, q: z.infer<typeof memberListQuery>) {
  const filter = await memberFilterFor(ctx, q);
  const [items, total] = await Promise.all([
    repo.findMembers(ctx.db, filter, q.pageSize, (q.page - 1) * q.pageSize),
    repo.countMembers(ctx.db, filter),
  ]);
  return { items: items.map((m) => ({ ...toMemberView(ctx, m), orgName: m.orgName })), total, page: q.page, pageSize: q.pageSize };
}

/** The scoped filter of the member list (also used by the Excel export): 403 without member.read, 404 for an out-of-scope orgId. */
export async function memberFilterFor(ctx: Ctx, q: Omit<z.infer<typeof memberListQuery>, 'page' | 'pageSize'>): Promise<repo.MemberFilter> {
  const actor = requirePermission(ctx, 'member.read');
  let paths = coveredPaths(actor, 'member.read');
  if (q.orgId) {
    const org = await findOrg(ctx, q.orgId);
    if (!org || !can(actor, 'member.read', org.path)) throw notFound();
    paths = [org.path];
  }
  const filter: repo.MemberFilter = {
    paths,
    state: q.state ?? 'active',
    status: q.status,
    category: q.category,
    gender: q.gender,
    education: q.education,
  };
  if (q.ageBand) {
    const r = birthDateRangeForBand(q.ageBand, ctx.clock.today());
    filter.birthFrom = r.from;
    filter.birthTo = r.to;
  }
  if (q.q) {
    const term = q.q.replace(/[\s\u3000]/g, '');
    const asId = parseIdNumber(term, ctx.clock.today());
    if (typeof asId !== 'string') filter.idNumberIdx = ctx.crypto.blindIndex('idNumber', asId.normalised);
    else if (/^1[3-9]\d{9}$/.test(term)) filter.phoneIdx = ctx.crypto.blindIndex('phone', term);
    else filter.nameLike = q.q;
  }
  return filter;
}

/** The file's history of changes. */
export async function listMemberHistory(ctx: Ctx, input: { id: string }) {
  const m = await findReadableMember(ctx, input.id);
  const events = await repo.findMemberEvents(ctx.db, m.id);
  return events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt).toISOString() }));
}

/** Records a discipline decision (纪律处分) in the file. */
export async function recordDiscipline(ctx: Ctx, input: { id: string } & z.infer<typeof disciplineBody>) {
  requirePermission(ctx, 'member.write');
  return inTransaction(ctx, async (tx) => {
    const m = await repo.findMemberById(tx.db, input.id);
    if (!m || !can(tx.actor, 'member.write', m.orgPath)) throw notFound();
    if (input.endsOn && input.endsOn <= input.decidedOn) throw fieldError('MEMBER_DATES_INCONSISTENT', 'endsOn', '期满日期：应晚于处分日期');
    const id = await repo.insertDiscipline(tx.db, m.id, { kind: input.kind, decidedOn: input.decidedOn, endsOn: input.endsOn ?? null, reason: input.reason });
    await repo.insertMemberEvent(tx.db, { memberId: m.id, kind: 'discipline', actorAccountId: tx.actor?.accountId ?? null, actorName: tx.actor?.displayName ?? tx.actor?.username ?? null, details: { kind: input.kind, decidedOn: input.decidedOn }, at: tx.clock.now() });
    await writeAudit(tx, { action: 'member.discipline.record', targetType: 'member', targetId: m.id, targetOrgPath: m.orgPath, actingForOrgId: coveringGrant(tx.actor, 'member.write', m.orgPath)?.orgId ?? null, details: { kind: input.kind } });
    return { id };
  });
}

// ---- for other modules (no permission checks: callers check their own scope) ----

export function memberCountsByOrg(ctx: Ctx, orgIds: string[]) {
  return repo.countsByOrg(ctx.db, orgIds);
}

export function countActiveMembersInSubtree(ctx: Ctx, path: string) {
  return repo.countsInSubtree(ctx.db, path);
}

export async function countActiveMembersDirect(ctx: Ctx, orgId: string): Promise<number> {
  return (await repo.countsByOrg(ctx.db, [orgId])).get(orgId)?.members ?? 0;
}

export function findActiveMembersInSubtree(ctx: Ctx, input: { path: string; ids: string[] }) {
  return repo.findActiveInSubtree(ctx.db, input.path, input.ids);
}

export async function findMemberOrgPath(ctx: Ctx, memberId: string): Promise<{ orgId: string; orgPath: string; name: string } | undefined> {
  const m = await repo.findMemberById(ctx.db, memberId);
  return m ? { orgId: m.orgId, orgPath: m.orgPath, name: m.name } : undefined;
}

export interface GreetingCandidate {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  birthDate: string;
  joinedOn: string;
}

/** Active members whose birth date (or join date) falls on one of the month-days ('MM-DD'), for 两个生日. */
export async function findMembersByAnniversary(ctx: Ctx, input: { field: 'birthDate' | 'joinedOn'; monthDays: string[] }): Promise<GreetingCandidate[]> {
  if (input.monthDays.length === 0) return [];
  const col = input.field === 'birthDate' ? sql`m.birth_date` : sql`m.joined_on`;
  return rows<GreetingCandidate>(
    ctx.db,
    sql`SELECT m.id, m.name, m.org_id AS "orgId", o.name AS "orgName", o.path AS "orgPath", m.birth_date AS "birthDate", m.joined_on AS "joinedOn"
        FROM member m JOIN org o ON o.id = m.org_id
        WHERE m.state = 'active' AND to_char(${col}, 'MM-DD') IN (${sql.join(
          input.monthDays.map((d) => sql`${d}`),
          sql`, `,
        )})`,
  );
}

/** A member's phone in plaintext, for an SMS the member chose to receive (never returned over HTTP). */
export async function findMemberPhoneForDelivery(ctx: Ctx, memberId: string): Promise<string | null> {
  const m = await repo.findMemberById(ctx.db, memberId);
  return m ? decrypt(ctx, m, 'phone') : null;
}

/** For other modules: a member with its org path, or undefined. */
export async function findMemberBrief(
  ctx: Ctx,
  memberId: string,
): Promise<{ id: string; name: string; orgId: string; orgPath: string; orgName: string; state: string; category: string } | undefined> {
  const m = await repo.findMemberById(ctx.db, memberId);
  return m ? { id: m.id, name: m.name, orgId: m.orgId, orgPath: m.orgPath, orgName: m.orgName, state: m.state, category: m.category } : undefined;
}

/** For the 电子活动证: the facts printed on the card, the ID number masked. No permission check (the caller checks scope). */
export async function findMemberCardFacts(
  ctx: Ctx,
  memberId: string,
): Promise<
  | { id: string; name: string; orgId: string; orgPath: string; orgName: string; state: MemberRow['state']; status: MemberRow['status']; joinedOn: string; idNumber: string; gender: string; birthDate: string; ethnicity: string }
  | undefined
> {
  const m = await repo.findMemberById(ctx.db, memberId);
  if (!m) return undefined;
  return {
    ...{ id: m.id, name: m.name, orgId: m.orgId, orgPath: m.orgPath, orgName: m.orgName, state: m.state, status: m.status, joinedOn: m.joinedOn },
    ...{ idNumber: maskIdNumber(decrypt(ctx, m, 'idNumber')!), gender: m.gender, birthDate: m.birthDate, ethnicity: m.ethnicity },
  };
}

export interface RosterMember {
  id: string;
  name: string;
  status: 'full' | 'probationary';
  category: string;
}

/** For other modules: the active members placed in an org (a branch) or in a 党小组 (by group id), by name. */
export function activeRoster(ctx: Ctx, input: { orgId?: string; groupId?: string }): Promise<RosterMember[]> {
  return repo.findRoster(ctx.db, input);
}
