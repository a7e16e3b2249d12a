import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { errorBody, pageOf, uuid } from '@xianfeng/contracts/common/common.schemas';
import {
  endOutflowBody,
  inflowListQuery,
  inflowView,
  leaveInflowBody,
  lostContactBody,
  mobileCertificateVerifyView,
  mobileCertificateView,
  mobileSummaryView,
  myMobileView,
  outflowDetailView,
  outflowListQuery,
  outflowView,
  registerInflowBody,
  registerOutflowBody,
  reportBody,
  updateInflowBody,
  updateOutflowBody,
} from '@xianfeng/contracts/mobile/mobile.schemas';
import type { App } from '../../platform/http/app.ts';
import { endOutflow, markLostContact, recordReport, registerOutflow, updateOutflow } from './mobile.outflow.ts';
import { getInflow, leaveInflow, listInflows, registerInflow, updateInflow } from './mobile.inflow.ts';
import { issueMobileCertificate, mobileCertificatePdf, myMobile, verifyMobileCertificate } from './mobile.certificate.ts';
import { listOutflows, summarizeMobile } from './mobile.lists.ts';
import { viewOutflow } from './mobile.views.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const tags = ['mobile'];
/** The QR code carries an absolute URL so a phone camera opens the verify page directly. */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** 流动党员: outflow and inflow registries, reports, 活动证, roll-ups (member.read / member.write over the branch). */
export function mobileRoutes(app: App) {
  app.get('/api/mobile/outflows', { schema: { tags, summary: '流出党员名册（管辖范围内，分页、按状态和提醒筛选）', querystring: outflowListQuery, response: { 200: pageOf(outflowView), ...errors } } }, (req) =>
    listOutflows(req.ctx, req.query),
  );
  app.post('/api/mobile/outflows', { schema: { tags, summary: '登记流出党员（外出地点、原因、联系方式、预计返回）', body: registerOutflowBody, response: { 201: outflowDetailView, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await registerOutflow(req.ctx, req.body)),
  );
  app.get('/api/mobile/outflows/:id', { schema: { tags, summary: '流出党员登记详情（含联系与汇报记录）', params: idParams, response: { 200: outflowDetailView, ...errors } } }, (req) => viewOutflow(req.ctx, req.params.id));
  app.patch('/api/mobile/outflows/:id', { schema: { tags, summary: '修改流出登记', params: idParams, body: updateOutflowBody, response: { 200: outflowDetailView, ...errors } } }, (req) =>
    updateOutflow(req.ctx, { id: req.params.id, patch: req.body }),
  );
  app.post('/api/mobile/outflows/:id/end', { schema: { tags, summary: '结束流出登记（已返回或已转出组织关系）', params: idParams, body: endOutflowBody, response: { 200: outflowDetailView, ...errors } } }, (req) =>
    endOutflow(req.ctx, { id: req.params.id, ...req.body }),
  );
  app.post('/api/mobile/outflows/:id/reports', { schema: { tags, summary: '登记联系情况或党员汇报', params: idParams, body: reportBody, response: { 201: outflowDetailView, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await recordReport(req.ctx, { id: req.params.id, ...req.body })),
  );
  app.post('/api/mobile/outflows/:id/lost-contact', { schema: { tags, summary: '标记失去联系（第二十四条）', params: idParams, body: lostContactBody, response: { 200: outflowDetailView, ...errors } } }, (req) =>
    markLostContact(req.ctx, { id: req.params.id, ...req.body }),
  );
  app.post('/api/mobile/outflows/:id/certificate', { schema: { tags, summary: '开具流动党员活动证（编号一经开具不变）', params: idParams, response: { 200: mobileCertificateView, ...errors } } }, (req) =>
    issueMobileCertificate(req.ctx, req.params),
  );
  app.get(
    '/api/mobile/outflows/:id/certificate.pdf',
    { schema: { tags, summary: '流动党员活动证 PDF（A6，带签名二维码）', params: idParams, response: { 200: z.any().describe('application/pdf (A6)'), ...errors } } },
    async (req, reply) => {
      const { pdf, certificateNo } = await mobileCertificatePdf(req.ctx, { id: req.params.id, origin: originOf(req) });
      return reply.type('application/pdf').header('Content-Disposition', `inline; filename="mobile-certificate-${certificateNo}.pdf"`).send(pdf);
    },
  );
  app.get(
    '/api/mobile/certificates/verify',
    {
      config: { public: true },
      schema: { tags, summary: '核验流动党员活动证（公开；伪造、已返回或已转出均为无效）', querystring: z.object({ token: z.string().max(2000).optional() }), response: { 200: mobileCertificateVerifyView } },
    },
    (req) => verifyMobileCertificate(req.ctx, { token: req.query.token }),
  );
  app.get('/api/mobile/my', { schema: { tags, summary: '我的流动党员登记与活动证（党员本人）', response: { 200: myMobileView, ...errors } } }, (req) => myMobile(req.ctx));
  app.get('/api/mobile/summary', { schema: { tags, summary: '流动党员统计：本组织及各下级组织汇总', querystring: z.object({ orgId: uuid.optional() }), response: { 200: mobileSummaryView, ...errors } } }, (req) =>
    summarizeMobile(req.ctx, req.query),
  );

  app.get('/api/mobile/inflows', { schema: { tags, summary: '流入党员名册（管辖范围内的接收支部）', querystring: inflowListQuery, response: { 200: pageOf(inflowView), ...errors } } }, (req) =>
    listInflows(req.ctx, req.query),
  );
  app.post('/api/mobile/inflows', { schema: { tags, summary: '登记流入党员（编入本支部参加活动，挂靠查看）', body: registerInflowBody, response: { 201: inflowView, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await registerInflow(req.ctx, req.body)),
  );
  app.get('/api/mobile/inflows/:id', { schema: { tags, summary: '流入党员登记详情', params: idParams, response: { 200: inflowView, ...errors } } }, (req) => getInflow(req.ctx, req.params));
  app.patch('/api/mobile/inflows/:id', { schema: { tags, summary: '修改流入党员登记', params: idParams, body: updateInflowBody, response: { 200: inflowView, ...errors } } }, (req) =>
    updateInflow(req.ctx, { id: req.params.id, patch: req.body }),
  );
  app.post('/api/mobile/inflows/:id/leave', { schema: { tags, summary: '流入党员离开（结束挂靠）', params: idParams, body: leaveInflowBody, response: { 200: inflowView, ...errors } } }, (req) =>
    leaveInflow(req.ctx, { id: req.params.id, ...req.body }),
  );
}
