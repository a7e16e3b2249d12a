import { z } from 'zod';
import { errorBody, pageOf, pageQuery } from '@xianfeng/contracts/common/common.schemas';
import { auditEventView } from '@xianfeng/contracts/audit/audit.schemas';
import type { App } from '../../platform/http/app.ts';
import { listAuditEvents, verifyAudit } from './audit.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody };
const event = auditEventView;

export function auditRoutes(app: App) {
  app.get(
    '/api/audit/events',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志（仅审计管理员）',
        querystring: z.object({
          actor: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
          targetId: z.string().max(64).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          ...pageQuery,
        }),
        response: { 200: pageOf(event), ...errors },
      },
    },
    (req) => listAuditEvents(req.ctx, req.query),
  );
  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: '校验审计哈希链',
        response: {
          200: z.object({
            ok: z.boolean(),
            sealed: z.number(),
            unsealed: z.number(),
            firstBroken: z.object({ sealNo: z.number(), seq: z.number(), reason: z.string() }).nullable(),
          }),
          ...errors,
        },
      },
    },
    (req) => verifyAudit(req.ctx),
  );
}
