import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { errorBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import {
  boardQuery,
  boardView,
  noticeQuery,
  noticeView,
  overridesPage,
  overridesQuery,
  planBody,
  planParams,
  planView,
  yearlyListQuery,
} from '@xianfeng/contracts/development/development.board.schemas';
import type { App } from '../../platform/http/app.ts';
import { getBoard, listOverrides } from './development.board.ts';
import { auditDocument, caseFileData, noticeData, yearlyListData } from './development.documents.ts';
import { renderCaseFilePdf, renderNoticePdf, renderRecordSheetsPdf } from './development.documents.pdf.ts';
import { yearlyListXlsx } from './development.documents.xlsx.ts';
import { getPlan, setPlan } from './development.plan.ts';

const tags = ['development'];
const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A download with an ASCII fallback name and the Chinese one (RFC 6266 / 5987). */
function download(reply: FastifyReply, type: string, name: string, ascii: string, body: Buffer, disposition: 'inline' | 'attachment' = 'attachment') {
  return reply.type(type).header('Content-Disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`).send(body);
}

/**
 * 发展党员 boards, the yearly plan and the generated documents (docs/development.md "Boards and reminders",
 * "Documents"). Registered beside the case routes; every document is audited `development.document.export`.
 */
export function developmentReportRoutes(app: App) {
  app.get(
    '/api/development/board',
    { schema: { tags, summary: '发展党员工作台：各阶段人数、即将到期和超期环节、年度计划完成情况、35岁及以下占比、越过规定办理的环节', querystring: boardQuery, response: { 200: boardView, ...errors } } },
    (req) => getBoard(req.ctx, req.query),
  );
  app.get(
    '/api/development/overrides',
    { schema: { tags, summary: '越过时限或前置条件办理的环节（上级党组织查看）', querystring: overridesQuery, response: { 200: overridesPage, ...errors } } },
    (req) => listOverrides(req.ctx, req.query),
  );
  app.get('/api/development/plans/:orgId/:year', { schema: { tags, summary: '年度发展党员计划及完成情况', params: planParams, response: { 200: planView, ...errors } } }, (req) =>
    getPlan(req.ctx, req.params),
  );
  app.put(
    '/api/development/plans/:orgId/:year',
    { schema: { tags, summary: '设定年度发展党员计划（development.write；记入审计）', params: planParams, body: planBody, response: { 200: planView, ...errors } } },
    (req) => setPlan(req.ctx, { ...req.params, planned: req.body.planned }),
  );
  app.get(
    '/api/development/cases/:id/notice',
    { schema: { tags, summary: '发展对象公示（文本；第十三条，公示期不少于 5 个工作日，不含身份证号码）', params: idParams, querystring: noticeQuery, response: { 200: noticeView, ...errors } } },
    async (req) => {
      const { view, orgPath } = await noticeData(req.ctx, { id: req.params.id, ...req.query });
      await auditDocument(req.ctx, { document: 'notice', target: { type: 'development_case', id: req.params.id, path: orgPath } });
      return view;
    },
  );
  app.get(
    '/api/development/cases/:id/notice.pdf',
    { schema: { tags, summary: '发展对象公示（PDF）', params: idParams, querystring: noticeQuery, produces: [PDF], response: { 200: z.any().describe(PDF), ...errors } } },
    async (req, reply) => {
      const { doc, orgPath } = await noticeData(req.ctx, { id: req.params.id, ...req.query });
      await auditDocument(req.ctx, { document: 'notice_pdf', target: { type: 'development_case', id: req.params.id, path: orgPath } });
      return download(reply, PDF, `${doc.title}.pdf`, 'development-notice.pdf', await renderNoticePdf(doc, req.ctx.clock.now()), 'inline');
    },
  );
  app.get(
    '/api/development/cases/:id/record.pdf',
    { schema: { tags, summary: '发展党员工作全程纪实表（PDF，每个阶段一页）', params: idParams, produces: [PDF], response: { 200: z.any().describe(PDF), ...errors } } },
    async (req, reply) => {
      const { doc, orgPath } = await caseFileData(req.ctx, req.params);
      await auditDocument(req.ctx, { document: 'record_sheets', target: { type: 'development_case', id: req.params.id, path: orgPath } });
      return download(reply, PDF, `${doc.name}-发展党员工作全程纪实表.pdf`, 'development-record.pdf', await renderRecordSheetsPdf(doc), 'inline');
    },
  );
  app.get(
    '/api/development/cases/:id/file.pdf',
    { schema: { tags, summary: '发展党员档案（一人一档，一个 PDF：基本情况、目录、纪实表、公示、考察记录、越过规定办理记录）', params: idParams, produces: [PDF], response: { 200: z.any().describe(PDF), ...errors } } },
    async (req, reply) => {
      const { doc, orgPath } = await caseFileData(req.ctx, req.params);
      await auditDocument(req.ctx, { document: 'case_file', target: { type: 'development_case', id: req.params.id, path: orgPath } });
      return download(reply, PDF, `${doc.name}-发展党员档案.pdf`, 'development-file.pdf', await renderCaseFilePdf(doc), 'inline');
    },
  );
  app.get(
    '/api/development/list.xlsx',
    { schema: { tags, summary: '年度发展党员名册（Excel：当年经支部大会接收或上级党委审批的发展党员）', querystring: yearlyListQuery, produces: [XLSX], response: { 200: z.any().describe(XLSX), ...errors } } },
    async (req, reply) => {
      const { doc, org } = await yearlyListData(req.ctx, req.query);
      await auditDocument(req.ctx, { document: 'yearly_list', target: { type: 'org', id: org.id, path: org.path }, details: { year: doc.year, rowCount: doc.rows.length } });
      reply.header('X-Row-Count', String(doc.rows.length));
      return download(reply, XLSX, `${doc.orgName}-${doc.year}年发展党员名册.xlsx`, `development-list-${doc.year}.xlsx`, await yearlyListXlsx(doc));
    },
  );
}
