import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { errorBody } from '@xianfeng/contracts/common/common.schemas';
import { collectionSheetQuery, memberLedgerQuery, yearlyReportQuery } from '@xianfeng/contracts/dues/dues.schemas';
import type { Ctx } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { auditReportExport, collectionSheetData, memberLedgerData, yearlyReportData, type ReportFormat, type ReportKind } from './dues.reports.ts';
import { collectionSheetPdf, memberLedgerPdf, yearlyPdf } from './dues.reports.pdf.ts';
import { collectionSheetXlsx, memberLedgerXlsx, yearlyXlsx } from './dues.reports.xlsx.ts';

const tags = ['dues'];
const TYPES: Record<ReportFormat, string> = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' };
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };
const produces = [TYPES.xlsx, TYPES.pdf];

interface Rendered {
  buffer: Buffer;
  /** The Chinese file name, without the extension. */
  name: string;
  /** The ASCII fallback name, without the extension. */
  ascii: string;
  rowCount: number;
  audit: { report: ReportKind; target: { type: 'member' | 'org'; id: string; path: string }; period: string };
}

/** Audits the export, then sends it as a download: an ASCII fallback name and the Chinese one (RFC 6266 / 5987). */
async function send(ctx: Ctx, reply: FastifyReply, format: ReportFormat, file: Rendered) {
  await auditReportExport(ctx, { ...file.audit, format, rowCount: file.rowCount });
  return reply
    .type(TYPES[format])
    .header('Content-Disposition', `attachment; filename="${file.ascii}.${format}"; filename*=UTF-8''${encodeURIComponent(`${file.name}.${format}`)}`)
    .header('X-Row-Count', String(file.rowCount))
    .send(file.buffer);
}

/**
 * 党费 documents generated from the bills and the ledger, never typed (docs/dues-ledger.md): a member's
 * year, a branch's month for signatures, a subtree's year with the 两新 returns; `format=xlsx|pdf`.
 * Every export is audited `dues.report.export`.
 */
export function duesReportRoutes(app: App) {
  app.get(
    '/api/dues/reports/member-ledger',
    {
      schema: {
        tags,
        summary: '党员党费缴纳明细（按年；dues.read 或本人；format=xlsx|pdf）',
        querystring: memberLedgerQuery,
        produces,
        response: { 200: z.any().describe('xlsx / pdf'), ...errors },
      },
    },
    async (req, reply) => {
      const { memberId, year, format } = req.query;
      const doc = await memberLedgerData(req.ctx, { memberId, year });
      return send(req.ctx, reply, format, {
        buffer: await (format === 'pdf' ? memberLedgerPdf(doc) : memberLedgerXlsx(doc)),
        name: `${doc.member.name}-${year}年党费缴纳明细`,
        ascii: `dues-member-ledger-${year}`,
        rowCount: doc.payments.length,
        audit: { report: 'member_ledger', target: { type: 'member', id: doc.member.id, path: doc.member.orgPath }, period: String(year) },
      });
    },
  );
  app.get(
    '/api/dues/reports/collection-sheet',
    {
      schema: {
        tags,
        summary: '党费收缴登记表（某月，按账单所属月份；党支部以上按支部分组；format=xlsx|pdf）',
        querystring: collectionSheetQuery,
        produces,
        response: { 200: z.any().describe('xlsx / pdf'), ...errors },
      },
    },
    async (req, reply) => {
      const { orgId, month, format } = req.query;
      const doc = await collectionSheetData(req.ctx, { orgId, month });
      return send(req.ctx, reply, format, {
        buffer: await (format === 'pdf' ? collectionSheetPdf(doc) : collectionSheetXlsx(doc)),
        name: `${doc.org.name}-${month}党费收缴登记表`,
        ascii: `dues-collection-sheet-${month}`,
        rowCount: doc.totals.members,
        audit: { report: 'collection_sheet', target: { type: 'org', id: doc.org.id, path: doc.org.path }, period: month },
      });
    },
  );
  app.get(
    '/api/dues/reports/yearly',
    {
      schema: {
        tags,
        summary: '党费收缴年度报表（下级党组织逐月收缴、收缴率，两新组织党费返还；format=xlsx|pdf）',
        querystring: yearlyReportQuery,
        produces,
        response: { 200: z.any().describe('xlsx / pdf'), ...errors },
      },
    },
    async (req, reply) => {
      const { orgId, year, format } = req.query;
      const doc = await yearlyReportData(req.ctx, { orgId, year });
      return send(req.ctx, reply, format, {
        buffer: await (format === 'pdf' ? yearlyPdf(doc) : yearlyXlsx(doc)),
        name: `${doc.org.name}-${year}年党费收缴年度报表`,
        ascii: `dues-yearly-${year}`,
        rowCount: doc.rows.length,
        audit: { report: 'yearly', target: { type: 'org', id: doc.org.id, path: doc.org.path }, period: String(year) },
      });
    },
  );
}
