import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CreateMemberInput } from '@xianfeng/contracts/member/member.schemas';
import type { ErrorDetail } from '@xianfeng/contracts/common/errors';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { rows } from '../../platform/db/db.ts';
import { findOrg, isGridUsableBy } from '../org/org.service.ts';
import { checkMemberFacts } from './member.validation.ts';

export interface BulkRowError {
  index: number;
  code: string;
  details: ErrorDetail[];
}

const aad = (field: string, memberId: string) => `member|${field}|${memberId}`;

/**
 * Registers many member files in one transaction with one audit event carrying the counts (ARCHITECTURE
 * §7 "a bulk operation writes one event"). Each row passes the same rules as `createMember`; with
 * `allOrNothing` a single bad row imports nothing. Used by the demo seed and the Excel import.
 */
export async function createMembersBulk(
  ctx: Ctx,
  input: { members: (CreateMemberInput & { discipline?: { kind: string; decidedOn: string; endsOn?: string | null; reason: string }[] })[]; allOrNothing: boolean; source: string },
): Promise<{ imported: number; errors: BulkRowError[]; ids: string[] }> {
  const actor = requirePermission(ctx, 'member.write');
  const today = ctx.clock.today();
  return inTransaction(ctx, async (tx) => {
    const orgCache = new Map<string, Awaited<ReturnType<typeof findOrg>>>();
    const gridCache = new Map<string, boolean>();
    const seen = new Set<string>();
    const errors: BulkRowError[] = [];
    const ready: { id: string; idx: string; m: (typeof input.members)[number]; idNumber: string; orgPath: string }[] = [];
    for (const [index, m] of input.members.entries()) {
      const { parsed, problems } = checkMemberFacts({ ...m, fullMemberOn: m.fullMemberOn }, today);
      if (problems.length) {
        errors.push({ index, code: problems[0]!.code, details: problems.map((p) => p.detail) });
        continue;
      }
      if (!orgCache.has(m.orgId)) orgCache.set(m.orgId, await findOrg(tx, m.orgId));
      const org = orgCache.get(m.orgId);
      if (!org || !can(actor, 'member.write', org.path)) {
        errors.push({ index, code: 'NOT_FOUND', details: [{ path: 'orgId', message: '所在党组织：不存在或不在您的管理范围内' }] });
        continue;
      }
      if (!memberHoldingKinds.includes(org.kind) || org.dissolvedOn) {
        errors.push({ index, code: 'MEMBER_ORG_NOT_BRANCH', details: [{ path: 'orgId', message: '所在党组织：党员只能编入党支部' }] });
        continue;
      }
      if (m.groupId) {
        if (!orgCache.has(m.groupId)) orgCache.set(m.groupId, await findOrg(tx, m.groupId));
        const group = orgCache.get(m.groupId);
        if (!group || !can(actor, 'member.write', group.path)) {
          errors.push({ index, code: 'NOT_FOUND', details: [{ path: 'groupId', message: '党小组：不存在或不在您的管理范围内' }] });
          continue;
        }
        if (group.kind !== 'group' || group.parentId !== org.id || group.dissolvedOn) {
          errors.push({ index, code: 'MEMBER_GROUP_INVALID', details: [{ path: 'groupId', message: '党小组：必须属于该党员所在支部' }] });
          continue;
        }
      }
      const gridKey = `${m.gridId}|${org.path}`;
      if (m.gridId && !gridCache.has(gridKey)) gridCache.set(gridKey, await isGridUsableBy(tx, { gridId: m.gridId, orgPath: org.path }));
      if (m.gridId && !gridCache.get(gridKey)) {
        errors.push({ index, code: 'ORG_GRID_NOT_FOUND', details: [{ path: 'gridId', message: '网格：不存在或不属于该党员所在组织' }] });
        continue;
      }
      const idx = tx.crypto.blindIndex('idNumber', parsed!.normalised);
      if (seen.has(idx)) {
        errors.push({ index, code: 'MEMBER_ID_NUMBER_DUPLICATE', details: [{ path: 'idNumber', message: '身份证号码：与本批次中前面的行重复' }] });
        continue;
      }
      seen.add(idx);
      ready.push({ id: randomUUID(), idx, m, idNumber: parsed!.normalised, orgPath: org.path });
    }
    // Duplicates against the database, found set-based.
    for (let i = 0; i < ready.length; i += 1000) {
      const chunk = ready.slice(i, i + 1000);
      const taken = await rows<{ idx: string }>(
        tx.db,
        sql`SELECT id_number_idx AS idx FROM member WHERE id_number_idx IN (${sql.join(
          chunk.map((r) => sql`${r.idx}`),
          sql`, `,
        )})`,
      );
      const takenSet = new Set(taken.map((t) => t.idx));
      for (const r of chunk) {
        if (takenSet.has(r.idx)) {
          errors.push({ index: input.members.indexOf(r.m), code: 'MEMBER_ID_NUMBER_DUPLICATE', details: [{ path: 'idNumber', message: '身份证号码：该身份证号码已登记为党员' }] });
        }
      }
    }
    const bad = new Set(errors.map((e) => e.index));
    const good = ready.filter((r) => !bad.has(input.members.indexOf(r.m)));
    if (input.allOrNothing && errors.length) return { imported: 0, errors: errors.sort((a, b) => a.index - b.index), ids: [] };
    const now = tx.clock.now();
    for (let i = 0; i < good.length; i += 400) {
      const values = good.slice(i, i + 400).map(({ id, idx, m, idNumber }) => {
        const enc = (f: string, v: string | null | undefined) => (v ? tx.crypto.encryptField(v, aad(f, id)) : null);
        return sql`(${id}, ${m.orgId}, ${m.groupId ?? null}, ${m.name}, ${m.gender}, ${m.ethnicity ?? '01'}, ${m.birthDate},
          ${enc('idNumber', idNumber)}, ${idx}, ${enc('phone', m.phone)}, ${m.phone ? tx.crypto.blindIndex('phone', m.phone) : null},
          ${enc('address', m.address)}, ${m.education ?? null}, ${m.occupation ?? null}, ${m.joinedOn}, ${m.fullMemberOn ?? null},
          ${m.status}, 'active', ${m.category}, ${m.workUnit ?? null}, ${m.gridId ?? null}, ${m.householdHub ?? false},
          ${m.lostContact ?? false}, ${m.notes ?? null}, ${now}, ${now})`;
      });
      await tx.db.execute(sql`INSERT INTO member (id, org_id, group_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_idx,
          phone_enc, phone_idx, address_enc, education, occupation, joined_on, full_member_on, status, state, category, work_unit,
          grid_id, household_hub, lost_contact, notes, created_at, updated_at) VALUES ${sql.join(values, sql`, `)}`);
      const events = good.slice(i, i + 400).map(({ id }) => sql`(${id}, 'created', ${actor.accountId}, ${actor.displayName ?? actor.username}, ${JSON.stringify({ source: input.source })}::jsonb, ${now})`);
      await tx.db.execute(sql`INSERT INTO member_event (member_id, kind, actor_account_id, actor_name, details, occurred_at) VALUES ${sql.join(events, sql`, `)}`);
    }
    for (const { id, m } of good) {
      for (const d of m.discipline ?? []) {
        await tx.db.execute(sql`INSERT INTO member_discipline (member_id, kind, decided_on, ends_on, reason) VALUES (${id}, ${d.kind}, ${d.decidedOn}, ${d.endsOn ?? null}, ${d.reason})`);
      }
    }
    const paths = [...new Set(good.map((g) => g.orgPath))];
    const common = paths.length ? paths.reduce((a, b) => commonPrefix(a, b)) : null;
    await writeAudit(tx, {
      action: 'member.bulk_create',
      targetType: 'member',
      targetOrgPath: common,
      actingForOrgId: common ? (coveringGrant(actor, 'member.write', common)?.orgId ?? null) : null,
      details: { source: input.source, imported: good.length, failed: errors.length, orgs: paths.length },
    });
    return { imported: good.length, errors: errors.sort((a, b) => a.index - b.index), ids: good.map((g) => g.id) };
  });
}

function commonPrefix(a: string, b: string): string {
  const sa = a.split('/');
  const sb = b.split('/');
  const out: string[] = [];
  for (let i = 0; i < Math.min(sa.length, sb.length) && sa[i] === sb[i]; i++) out.push(sa[i]!);
  const p = out.join('/');
  return p.endsWith('/') ? p : `${p}/`;
}
