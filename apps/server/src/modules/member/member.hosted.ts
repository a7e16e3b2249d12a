import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { rows } from '../../platform/db/db.ts';
import { coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { inTransaction } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { findOrgForActor } from '../org/org.service.ts';

/**
 * 挂靠 / hosted members (ARCHITECTURE §5): people whose relation stays elsewhere but who take part here. Other
 * modules (report-in, mobile) start and end the relation inside their own transaction; the host org reads a
 * limited set of fields — name, kind, home organisation, dates — and each read is audited.
 */

export type HostedKind = 'report_in' | 'mobile_inflow';

export async function startHosting(
  tx: Ctx,
  v: { hostOrgId: string; memberId: string | null; kind: HostedKind; sourceId: string; name: string; homeOrgName: string; startedOn: string },
): Promise<void> {
  await tx.db.execute(
    sql`INSERT INTO hosted_member (host_org_id, member_id, kind, source_id, name, home_org_name, started_on, created_at)
        VALUES (${v.hostOrgId}, ${v.memberId}, ${v.kind}, ${v.sourceId}, ${v.name}, ${v.homeOrgName}, ${v.startedOn}, ${tx.clock.now()})`,
  );
}

/** Ends the relation the source row started (idempotent). */
export async function endHosting(tx: Ctx, v: { sourceId: string; endedOn: string }): Promise<void> {
  await tx.db.execute(sql`UPDATE hosted_member SET ended_on = ${v.endedOn} WHERE source_id = ${v.sourceId} AND ended_on IS NULL`);
}

export interface HostedMemberView {
  id: string;
  kind: HostedKind;
  name: string;
  homeOrgName: string;
  startedOn: string;
  endedOn: string | null;
  onPlatform: boolean;
}

/** GET /api/orgs/:id/hosted-members — the host's limited view (member.read over the host org), audited. */
export async function listHostedMembers(ctx: Ctx, input: { orgId: string; current: boolean }): Promise<HostedMemberView[]> {
  const actor = requirePermission(ctx, 'member.read');
  const org = await findOrgForActor(ctx, input.orgId, 'member.read');
  const found = await rows<HostedMemberView>(
    ctx.db,
    sql`SELECT id, kind, name, home_org_name AS "homeOrgName", started_on::text AS "startedOn", ended_on::text AS "endedOn", member_id IS NOT NULL AS "onPlatform"
        FROM hosted_member WHERE host_org_id = ${org.id} ${input.current ? sql`AND ended_on IS NULL` : sql``} ORDER BY started_on DESC, name LIMIT 500`,
  );
  await inTransaction(ctx, (tx) =>
    writeAudit(tx, {
      action: 'member.hosted.read',
      targetType: 'org',
      targetId: org.id,
      targetOrgPath: org.path,
      actingForOrgId: coveringGrant(actor, 'member.read', org.path)?.orgId ?? null,
      details: { rows: found.length },
    }),
  );
  return found;
}
