import { z } from 'zod';

/** One audit event as the 审计管理员 reads it (never PII: details carry field names, counts and reasons). */
export const auditEventView = z.object({
  seq: z.number(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  actorRoles: z.string().nullable(),
  actingForOrgId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetOrgPath: z.string().nullable(),
  result: z.string(),
  ip: z.string().nullable(),
  details: z.unknown(),
  sealNo: z.number().nullable(),
});
export type AuditEventView = z.infer<typeof auditEventView>;
