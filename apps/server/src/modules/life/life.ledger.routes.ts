import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { errorBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import type { App } from '../../platform/http/app.ts';
import { lifeCompletionPdf, lifeCompletionXlsx } from './life.completion.ts';
import { lifeLedger, lifeLedgerPdf } from './life.ledger.ts';

const tags = ['life'];
const idParams = z.object({ id: uuid });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };
const yearQuery = z.object({ year: z.coerce.number().int().min(2000, { error: '年份不正确' }).max(2100, { error: '年份不正确' }) });
const periodQuery = z.object({ period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, { error: '统计周期应为 2026-11、2026-Q4 或 2026 的形式' }) });

interface ExportFile {
  buffer: Buffer;
  filename: string;
  rowCount: number;
}

/** A generated document as a download: an ASCII fallback name and the Chinese one (RFC 6266 / 5987). */
function sendFile(reply: FastifyReply, file: ExportFile, type: string, asciiName: string) {
  return reply
    .type(type)
    .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('X-Row-Count', String(file.rowCount))
    .send(file.buffer);
}

/**
 * Ledgers generated from the meetings, never typed: a branch's year as a PDF record book, and the
 * completion sheet of a subtree's branches for upper levels. Every export is audited by its service.
 */
export function lifeLedgerRoutes(app: App) {
  ledgerXlsxRoute(app);
  app.get(
    '/api/orgs/:id/life-ledger.pdf',
    {
      schema: {
        tags,
        summary: '三会一课记录 PDF（按年，党支部工作手册记录页版式，由会议记录自动生成）',
        params: idParams,
        querystring: yearQuery,
        produces: [PDF],
        response: { 200: z.any().describe(PDF), ...errors },
      },
    },
    async (req, reply) => sendFile(reply, await lifeLedgerPdf(req.ctx, { id: req.params.id, year: req.query.year }), PDF, `life-ledger-${req.query.year}.pdf`),
  );
  app.get(
    '/api/orgs/:id/life-completion.xlsx',
    {
      schema: {
        tags,
        summary: '下级党支部组织生活完成情况表 Excel（period=2026-Q4 / 2026-11 / 2026；最差的在前）',
        params: idParams,
        querystring: periodQuery,
        produces: [XLSX],
        response: { 200: z.any().describe(XLSX), ...errors },
      },
    },
    async (req, reply) => sendFile(reply, await lifeCompletionXlsx(req.ctx, { id: req.params.id, period: req.query.period }), XLSX, `life-completion-${req.query.period}.xlsx`),
  );
  app.get(
    '/api/orgs/:id/life-completion.pdf',
    {
      schema: {
        tags,
        summary: '下级党支部组织生活完成情况表 PDF（period=2026-Q4 / 2026-11 / 2026；最差的在前）',
        params: idParams,
        querystring: periodQuery,
        produces: [PDF],
        response: { 200: z.any().describe(PDF), ...errors },
      },
    },
    async (req, reply) => sendFile(reply, await lifeCompletionPdf(req.ctx, { id: req.params.id, period: req.query.period }), PDF, `life-completion-${req.query.period}.pdf`),
  );
}

/** GET /api/orgs/:id/life-ledger.xlsx — the same record book as the PDF, one row per meeting. */
function ledgerXlsxRoute(app: App) {
  app.get(
    '/api/orgs/:id/life-ledger.xlsx',
    {
      schema: {
        tags,
        summary: '三会一课台账 Excel（按年，由会议记录自动生成）',
        params: idParams,
        querystring: yearQuery,
        produces: [XLSX],
        response: { 200: z.any().describe(XLSX), ...errors },
      },
    },
    async (req, reply) => sendFile(reply, await lifeLedger(req.ctx, { id: req.params.id, year: req.query.year }), XLSX, `life-ledger-${req.query.year}.xlsx`),
  );
}
