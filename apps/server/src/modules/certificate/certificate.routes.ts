import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { errorBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import { certificateVerifyQuery, certificateVerifyView, certificateView } from '@xianfeng/contracts/certificate/certificate.schemas';
import type { App } from '../../platform/http/app.ts';
import { getCertificate, getCertificatePdf, verifyCertificate } from './certificate.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const tags = ['certificate'];
/** The QR code carries an absolute URL so a phone camera opens the verify page directly. */
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export function certificateRoutes(app: App) {
  app.get(
    '/api/members/:id/certificate',
    { schema: { tags, summary: '党员电子活动证（本人或管辖范围内的工作人员）', params: idParams, response: { 200: certificateView, ...errors } } },
    (req) => getCertificate(req.ctx, { memberId: req.params.id, origin: originOf(req) }),
  );
  app.get(
    '/api/members/:id/certificate.pdf',
    { schema: { tags, summary: '党员电子活动证 PDF（A6）', params: idParams, response: { 200: z.any().describe('application/pdf (A6)'), ...errors } } },
    async (req, reply) => {
      const pdf = await getCertificatePdf(req.ctx, { memberId: req.params.id, origin: originOf(req) });
      return reply.type('application/pdf').header('Content-Disposition', 'inline; filename="certificate.pdf"').send(pdf);
    },
  );
  app.get(
    '/api/certificates/verify',
    {
      config: { public: true },
      schema: { tags, summary: '核验电子活动证（公开；伪造、过期、出党均为无效）', querystring: certificateVerifyQuery, response: { 200: certificateVerifyView } },
    },
    (req) => verifyCertificate(req.ctx, { token: req.query.token }),
  );
}
