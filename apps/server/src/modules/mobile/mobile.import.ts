import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ReportKind } from '@xianfeng/contracts/mobile/mobile.enums';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { rows } from '../../platform/db/db.ts';
import type { ErrorCode } from '@xianfeng/contracts/common/error-catalogue';
import { AppError } from '../../platform/http/errors.ts';
import { outflowDateProblem, withinOutflow } from './mobile.rules.ts';
import { aad } from './mobile.views.ts';
import { commonPath } from './mobile.access.ts';

/**
 * Many outflow registrations at once (a branch's paper registry brought onto the platform; the demo seed),
 * set-based: the same rules and encryption as one registration, all or nothing, one audit event with counts.
 */

export interface OutflowImportItem {
  memberId: string;
  destination: string;
  inflowOrgName: string | null;
  reason: string;
  contactPhone: string | null;
  contactNote: string | null;
  leftOn: string;
  expectedReturnOn: string | null;
  fixedPlace: boolean;
  reports: { kind: ReportKind; reportedOn: string; content: string }[];
  /** Issue the 流动党员活动证 now. */
  certificate: boolean;
}

interface Placement {
  id: string;
  orgId: string;
  orgPath: string;
  state: string;
  open: boolean;
}

/** All or nothing: the first refused item, named by its index, with the code a single registration would get. */
const refuse = (code: ErrorCode, i: number, message: string) => new AppError(code, { message, details: [{ path: `items.${i}`, message }] });

export async function importOutflows(ctx: Ctx, input: { items: OutflowImportItem[]; source: string }): Promise<{ outflows: number; reports: number; certificates: number }> {
  requirePermission(ctx, 'member.write');
  return inTransaction(ctx, async (tx) => {
    const today = tx.clock.today();
    const ids = input.items.map((x) => x.memberId);
    const found = new Map(
      (
        await rows<Placement>(
          tx.db,
          sql`SELECT m.id, m.org_id AS "orgId", o.path AS "orgPath", m.state,
                     EXISTS (SELECT 1 FROM mobile_outflow f WHERE f.member_id = m.id AND f.status IN ('away', 'lost_contact')) AS open
              FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = ANY(${sql.param(ids)}::uuid[]) FOR UPDATE OF m`,
        )
      ).map((p) => [p.id, p]),
    );
    if (new Set(ids).size !== ids.length) throw refuse('MOBILE_OUTFLOW_EXISTS', 0, '同一党员重复登记');
    const placed = input.items.map((item, i) => {
      const m = found.get(item.memberId);
      if (!m || !can(tx.actor, 'member.write', m.orgPath)) throw refuse('NOT_FOUND', i, '党员不存在或不在您的管理范围内');
      if (m.state !== 'active') throw refuse('MOBILE_MEMBER_NOT_ACTIVE', i, '党员不在册');
      if (m.open) throw refuse('MOBILE_OUTFLOW_EXISTS', i, '党员已有未结束的流出登记');
      if (outflowDateProblem(item, today) || item.reports.some((r) => !withinOutflow(r.reportedOn, item.leftOn, today))) throw refuse('MOBILE_DATES_INVALID', i, '日期不合理：外出日期不晚于今天，汇报日期在外出之后、今天之前');
      return { ...item, id: randomUUID(), orgId: m.orgId, orgPath: m.orgPath };
    });
    const now = tx.clock.now();
    const by = tx.actor ? (tx.actor.displayName ?? tx.actor.username) : null;
    const col = <T>(f: (x: (typeof placed)[number]) => T) => sql.param(placed.map(f));
    await tx.db.execute(
      sql`INSERT INTO mobile_outflow (id, member_id, org_id, destination, inflow_org_name, reason, contact_phone_enc, contact_note, left_on, expected_return_on, fixed_place,
            status, last_contact_on, created_by_account_id, created_by_name, created_at, updated_at)
          SELECT u.id, u.member_id, u.org_id, u.destination, u.inflow_org_name, u.reason, u.phone_enc, u.note, u.left_on, u.expected_return_on, u.fixed_place,
            'away', u.last_contact_on, ${tx.actor?.accountId ?? null}::uuid, ${by}, ${now}, ${now}
          FROM unnest(${col((x) => x.id)}::uuid[], ${col((x) => x.memberId)}::uuid[], ${col((x) => x.orgId)}::uuid[], ${col((x) => x.destination)}::text[],
            ${col((x) => x.inflowOrgName)}::text[], ${col((x) => x.reason)}::text[], ${col((x) => (x.contactPhone ? tx.crypto.encryptField(x.contactPhone, aad.outflowPhone(x.id)) : null))}::text[],
            ${col((x) => x.contactNote)}::text[], ${col((x) => x.leftOn)}::date[], ${col((x) => x.expectedReturnOn)}::date[], ${col((x) => String(x.fixedPlace))}::text[]::boolean[],
            ${col((x) => x.reports.map((r) => r.reportedOn).sort().at(-1) ?? null)}::date[])
            AS u(id, member_id, org_id, destination, inflow_org_name, reason, phone_enc, note, left_on, expected_return_on, fixed_place, last_contact_on)`,
    );
    const reports = placed.flatMap((x) => x.reports.map((r) => ({ ...r, outflowId: x.id })));
    if (reports.length) {
      const rc = <T>(f: (x: (typeof reports)[number]) => T) => sql.param(reports.map(f));
      await tx.db.execute(
        sql`INSERT INTO mobile_report (outflow_id, kind, reported_on, content, recorded_by_account_id, recorded_by_name, created_at)
            SELECT u.outflow_id, u.kind, u.reported_on, u.content, ${tx.actor?.accountId ?? null}::uuid, ${by}, ${now}
            FROM unnest(${rc((r) => r.outflowId)}::uuid[], ${rc((r) => r.kind)}::text[], ${rc((r) => r.reportedOn)}::date[], ${rc((r) => r.content)}::text[]) AS u(outflow_id, kind, reported_on, content)`,
      );
    }
    const certified = placed.filter((x) => x.certificate).map((x) => x.id);
    if (certified.length) {
      await tx.db.execute(
        sql`UPDATE mobile_outflow SET certificate_no = ${today.replaceAll('-', '')} || lpad(nextval('mobile_certificate_seq')::text, 6, '0')
            WHERE id = ANY(${sql.param(certified)}::uuid[])`,
      );
    }
    await writeAudit(tx, {
      action: 'mobile.outflow.import',
      targetType: 'mobile_outflow',
      targetOrgPath: commonPath(placed.map((x) => x.orgPath)),
      details: { source: input.source, outflows: placed.length, reports: reports.length, certificates: certified.length },
    });
    return { outflows: placed.length, reports: reports.length, certificates: certified.length };
  });
}
