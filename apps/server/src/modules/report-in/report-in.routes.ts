import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { errorBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import {
  certificateBatchQuery,
  certificateVerifyView,
  communityEntry,
  communityQuery,
  createdUnitView,
  createUnitBody,
  declineBody,
  endBody,
  importResult,
  inboxView,
  registerBody,
  reportInListQuery,
  reportInPage,
  reportInView,
  unitAdminBody,
  unitView,
} from '@xianfeng/contracts/report-in/report-in.schemas';
import type { App } from '../../platform/http/app.ts';
import { receiveUpload } from '../../platform/files/upload.ts';
import { requireActor } from '../../platform/access/access.ts';
import { addUnitAdmin, createUnit, getUnit, listCommunities, listUnits } from './report-in.units.ts';
import { confirmReportIn, declineReportIn, endReportIn, getReportIn, registerReportIn } from './report-in.workflow.ts';
import { listReportIns, reportInInbox } from './report-in.lists.ts';
import { certificatePdf, certificatesBatchPdf, receiptPdf, verifyCertificate } from './report-in.documents.ts';
import { importReportIns, importTemplate } from './report-in.import.ts';
import { reportInMenuRoutes } from './report-in.menu.routes.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const tags = ['report-in'];
const PDF = z.any().describe('application/pdf (A4)');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
const pdfName = (ascii: string, zh: string) => `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(zh)}`;

/** 在职党员双报到: units, registrations, 报到证 and 回执 (this file); the menu, service, 五评议 and figures (menu routes). */
export function reportInRoutes(app: App) {
  app.post('/api/report-in/units', { schema: { tags, summary: '登记报到单位及其管理员账号（返回一次性临时密码）', body: createUnitBody, response: { 201: createdUnitView, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await createUnit(req.ctx, req.body)),
  );
  app.get('/api/report-in/units', { schema: { tags, summary: '报到单位（单位管理员只见本单位）', response: { 200: z.array(unitView), ...errors } } }, (req) => listUnits(req.ctx));
  app.get('/api/report-in/units/:id', { schema: { tags, summary: '报到单位详情', params: idParams, response: { 200: unitView, ...errors } } }, (req) => getUnit(req.ctx, req.params));
  app.post('/api/report-in/units/:id/admins', { schema: { tags, summary: '为报到单位增加管理员账号', params: idParams, body: unitAdminBody, response: { 201: createdUnitView, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await addUnitAdmin(req.ctx, { unitId: req.params.id, ...req.body })),
  );
  app.get('/api/report-in/communities', { schema: { tags, summary: '可报到的社区（村）党组织；mine=true 为本人管辖的社区', querystring: communityQuery, response: { 200: z.array(communityEntry), ...errors } } }, (req) =>
    listCommunities(req.ctx, req.query),
  );

  app.post('/api/report-in', { schema: { tags, summary: '单位登记在职党员到居住地社区报到', body: registerBody, response: { 201: reportInView, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await registerReportIn(req.ctx, req.body)),
  );
  app.get('/api/report-in', { schema: { tags, summary: '报到党员（单位见本单位；社区见报到到本社区的）', querystring: reportInListQuery, response: { 200: reportInPage, ...errors } } }, (req) => listReportIns(req.ctx, req.query));
  app.get('/api/report-in/inbox', { schema: { tags, summary: '社区待办：待确认报到、待审核服务记录', response: { 200: inboxView, ...errors } } }, (req) => reportInInbox(req.ctx));
  app.get('/api/report-in/template', { schema: { tags, summary: '报到党员导入模板（含社区目录）', produces: [XLSX], response: { 200: z.any().describe(XLSX), ...errors } } }, async (req, reply) =>
    reply
      .type(XLSX)
      .header('Content-Disposition', `attachment; filename="report-in-template.xlsx"; filename*=UTF-8''${encodeURIComponent('在职党员报到导入模板.xlsx')}`)
      .send(await importTemplate(req.ctx)),
  );
  app.post(
    '/api/report-in/import',
    { schema: { tags, summary: '导入报到党员（multipart 字段 file；逐行校验，正确的行登记，错误的行列出原因）', consumes: ['multipart/form-data'], querystring: z.object({ unitId: uuid }), response: { 200: importResult, ...errors } } },
    async (req) => {
      requireActor(req.ctx);
      const upload = await receiveUpload(req, { field: 'file', maxBytes: 8 * 1024 * 1024 });
      try {
        return await importReportIns(req.ctx, { file: upload.path, unitId: req.query.unitId });
      } finally {
        await upload.remove();
      }
    },
  );
  app.get('/api/report-in/certificates.pdf', { schema: { tags, summary: '批量打印报到证（默认本单位待确认的）', querystring: certificateBatchQuery, response: { 200: PDF, ...errors } } }, async (req, reply) => {
    const pdf = await certificatesBatchPdf(req.ctx, { ...req.query, origin: originOf(req) });
    return reply.type('application/pdf').header('Content-Disposition', pdfName('report-in-certificates.pdf', '在职党员报到证.pdf')).send(pdf);
  });
  app.get(
    '/api/report-in/certificates/verify',
    { config: { public: true }, schema: { tags, summary: '核验报到证（公开；伪造、退回、已结束均为无效）', querystring: z.object({ token: z.string().max(2000).optional() }), response: { 200: certificateVerifyView } } },
    (req) => verifyCertificate(req.ctx, { token: req.query.token }),
  );

  app.get('/api/report-in/:id', { schema: { tags, summary: '报到详情（认领、服务记录、评议）', params: idParams, response: { 200: reportInView, ...errors } } }, (req) => getReportIn(req.ctx, req.params));
  app.post('/api/report-in/:id/confirm', { schema: { tags, summary: '社区确认报到（开具回执；成为本社区挂靠党员）', params: idParams, response: { 200: reportInView, ...errors } } }, (req) =>
    confirmReportIn(req.ctx, req.params),
  );
  app.post('/api/report-in/:id/decline', { schema: { tags, summary: '社区退回报到（须说明原因）', params: idParams, body: declineBody, response: { 200: reportInView, ...errors } } }, (req) =>
    declineReportIn(req.ctx, { id: req.params.id, reason: req.body.reason }),
  );
  app.post('/api/report-in/:id/end', { schema: { tags, summary: '结束报到（单位或社区；单位可撤回未确认的）', params: idParams, body: endBody, response: { 200: reportInView, ...errors } } }, (req) =>
    endReportIn(req.ctx, { id: req.params.id, reason: req.body.reason }),
  );
  app.get('/api/report-in/:id/certificate.pdf', { schema: { tags, summary: '在职党员到社区报到证 PDF（含核验二维码和存根）', params: idParams, response: { 200: PDF, ...errors } } }, async (req, reply) => {
    const { pdf, certificateNo } = await certificatePdf(req.ctx, { id: req.params.id, origin: originOf(req) });
    return reply.type('application/pdf').header('Content-Disposition', pdfName(`report-in-${certificateNo}.pdf`, `报到证-${certificateNo}.pdf`)).send(pdf);
  });
  app.get('/api/report-in/:id/receipt.pdf', { schema: { tags, summary: '社区报到回执 PDF（含存根）', params: idParams, response: { 200: PDF, ...errors } } }, async (req, reply) => {
    const { pdf, receiptNo } = await receiptPdf(req.ctx, req.params);
    return reply.type('application/pdf').header('Content-Disposition', pdfName(`report-in-receipt-${receiptNo}.pdf`, `报到回执-${receiptNo}.pdf`)).send(pdf);
  });
  reportInMenuRoutes(app);
}
