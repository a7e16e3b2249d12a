import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { rows, one } from '../../platform/db/db.ts';
import { coveredPaths, inSubtrees, requirePermission } from '../../platform/access/access.ts';
import { verifyAuditChain } from '../../platform/audit/audit-chain.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { inTransaction } from '../../platform/context.ts';

export interface AuditQuery {
  actor?: string | undefined;
  action?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

interface AuditEventRow {
  seq: number;
  at: string;
  actorUsername: string | null;
  actorRoles: string | null;
  actingForOrgId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetOrgPath: string | null;
  result: string;
  ip: string | null;
  details: unknown;
  sealNo: number | null;
}

/**
 * Audit events for the 审计管理员 only, within the auditor's subtree. Events with no target org (logins,
 * platform settings) are visible to auditors whose grant is at a top-level org.
 */
export async function listAuditEvents(ctx: Ctx, q: AuditQuery) {
  const actor = requirePermission(ctx, 'audit.read');
  const paths = coveredPaths(actor, 'audit.read');
  const topLevel = paths.some((p) => p.split('/').filter(Boolean).length === 1);
  const parts: SQL[] = [sql`(${inSubtrees(sql`target_org_path`, paths)}${topLevel ? sql` OR target_org_path IS NULL` : sql``})`];
  if (q.actor) parts.push(sql`actor_username = ${q.actor}`);
  if (q.action) parts.push(sql`action LIKE ${q.action.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  if (q.targetId) parts.push(sql`target_id = ${q.targetId}`);
  if (q.from) parts.push(sql`at >= ${new Date(q.from)}`);
  if (q.to) parts.push(sql`at < ${new Date(q.to)}`);
  const where = sql.join(parts, sql` AND `);
  const items = await rows<AuditEventRow>(
    ctx.db,
    sql`SELECT seq, at, actor_username AS "actorUsername", actor_roles AS "actorRoles", acting_for_org_id AS "actingForOrgId",
               action, target_type AS "targetType", target_id AS "targetId", target_org_path AS "targetOrgPath", result, ip,
               details, seal_no AS "sealNo"
        FROM audit_event WHERE ${where} ORDER BY seq DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
  );
  const total = (await one<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_event WHERE ${where}`))?.n ?? 0;
  // Reading the audit trail is itself audited (GB/T 22239-2019 8.1.4.3; 三员 actions 100% audited).
  await inTransaction(ctx, (tx) =>
    writeAudit(tx, { action: 'audit.read', targetType: 'audit_event', details: { filters: { actor: q.actor, action: q.action, targetId: q.targetId, from: q.from, to: q.to }, page: q.page, returned: items.length } }),
  );
  return {
    items: items.map((i) => ({ ...i, at: new Date(i.at).toISOString() })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function verifyAudit(ctx: Ctx) {
  requirePermission(ctx, 'audit.read');
  const report = await verifyAuditChain(ctx.db, ctx.crypto);
  await inTransaction(ctx, (tx) => writeAudit(tx, { action: 'audit.verify', targetType: 'audit_event', details: { ok: report.ok, sealed: report.sealed, firstBroken: report.firstBroken?.sealNo ?? null } }));
  return report;
}
