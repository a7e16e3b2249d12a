import type { Ctx } from '../context.ts';
import { auditEvent } from './audit.schema.ts';

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string | null;
  /** The target's org path as it was at the time (kept even if the org later moves). */
  targetOrgPath?: string | null;
  actingForOrgId?: string | null;
  result?: 'ok' | 'denied' | 'failed';
  /** Never plaintext PII: field names, counts and reasons only. */
  details?: Record<string, unknown>;
}

/**
 * Writes one audit event in the caller's transaction: if this insert fails, the change fails with it.
 * The sealer is woken after commit to chain the event.
 */
export async function writeAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  const actor = ctx.actor;
  await ctx.db.insert(auditEvent).values({
    at: ctx.clock.now(),
    actorAccountId: actor?.accountId ?? null,
    actorUsername: actor?.username ?? null,
    actorRoles: actor ? [...new Set(actor.grants.map((g) => g.role))].join(',') : null,
    actingForOrgId: input.actingForOrgId ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    targetOrgPath: input.targetOrgPath ?? null,
    result: input.result ?? 'ok',
    ip: ctx.ip,
    details: input.details ?? {},
  });
  ctx.afterCommit(() => auditWakeups.forEach((w) => w()));
}

export const auditWakeups = new Set<() => void>();

