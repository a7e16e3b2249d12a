import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { errorBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import { createTransferBody, receiptBody, resubmitBody, stepActionBody, transferInboxView, transferSummary, transferView } from '@xianfeng/contracts/transfer/transfer.schemas';
import type { App } from '../../platform/http/app.ts';
import { cancelTransfer, createTransfer, decideStep, resubmitTransfer } from './transfer.workflow.ts';
import { getTransfer, listMemberTransfers, searchTransferTargets, transferInbox } from './transfer.inbox.ts';
import { directoryEntry } from '@xianfeng/contracts/org/org.schemas';
import { letterPdf, registerReceipt, verifyLetter } from './transfer.letter.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const tags = ['transfer'];
const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export function transferRoutes(app: App) {
  app.post('/api/transfers', { schema: { tags, summary: '发起组织关系转接（党员本人或所在支部）', body: createTransferBody, response: { 201: transferView, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await createTransfer(req.ctx, req.body)),
  );
  app.get(
    '/api/transfers/targets',
    {
      schema: {
        tags,
        summary: '可转入的党支部（党员本人申请或工作人员发起时查找；仅党支部类组织）',
        querystring: z.object({ q: z.string().trim().max(50, { error: '查找内容最多 50 字' }).default('') }),
        response: { 200: z.array(directoryEntry), ...errors },
      },
    },
    (req) => searchTransferTargets(req.ctx, req.query),
  );
  app.get('/api/transfers/inbox', { schema: { tags, summary: '转接工作台：待办、未办结、即将超时与超时计数', response: { 200: transferInboxView, ...errors } } }, (req) => transferInbox(req.ctx));
  app.get(
    '/api/transfers',
    { schema: { tags, summary: '某党员的组织关系转接记录', querystring: z.object({ memberId: uuid }), response: { 200: z.array(transferSummary), ...errors } } },
    (req) => listMemberTransfers(req.ctx, req.query),
  );
  app.get(
    '/api/transfers/letters/verify',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '核验组织关系介绍信（公开；伪造、过期、作废、已使用均为无效）',
        querystring: z.object({ token: z.string().max(2000).optional() }),
        response: {
          200: z.object({
            valid: z.boolean(),
            state: z.enum(['valid', 'expired', 'used', 'void', 'invalid']),
            letterNo: z.string().nullable(),
            memberName: z.string().nullable(),
            fromOrgName: z.string().nullable(),
            toOrgName: z.string().nullable(),
            issuedOn: z.string().nullable(),
            validUntil: z.string().nullable(),
          }),
        },
      },
    },
    (req) => verifyLetter(req.ctx, { token: req.query.token }),
  );
  app.get('/api/transfers/:id', { schema: { tags, summary: '组织关系转接详情（含各审批环节）', params: idParams, response: { 200: transferView, ...errors } } }, (req) => getTransfer(req.ctx, req.params));
  for (const decision of ['approve', 'reject', 'return'] as const) {
    const summary = { approve: '同意（本环节）', reject: '不同意（终止转接，须填写意见）', return: '退回修改（须填写意见）' }[decision];
    app.post(`/api/transfers/:id/${decision}`, { schema: { tags, summary, params: idParams, body: stepActionBody, response: { 200: transferView, ...errors } } }, (req) =>
      decideStep(req.ctx, { id: req.params.id, decision, comment: req.body.comment }),
    );
  }
  app.post('/api/transfers/:id/resubmit', { schema: { tags, summary: '修改后重新提交', params: idParams, body: resubmitBody, response: { 200: transferView, ...errors } } }, (req) =>
    resubmitTransfer(req.ctx, { id: req.params.id, ...req.body }),
  );
  app.post('/api/transfers/:id/cancel', { schema: { tags, summary: '撤销转接（办结前）', params: idParams, response: { 200: transferView, ...errors } } }, (req) => cancelTransfer(req.ctx, req.params));
  app.post('/api/transfers/:id/receipt', { schema: { tags, summary: '登记介绍信回执（系统外转出办结）', params: idParams, body: receiptBody, response: { 200: transferView, ...errors } } }, (req) =>
    registerReceipt(req.ctx, { id: req.params.id, ...req.body }),
  );
  app.get(
    '/api/transfers/:id/letter.pdf',
    { schema: { tags, summary: '组织关系介绍信 PDF（存根、介绍信、回执三联）', params: idParams, response: { 200: z.any().describe('application/pdf (A4)'), ...errors } } },
    async (req, reply) => {
      const { pdf, letterNo } = await letterPdf(req.ctx, { id: req.params.id, origin: originOf(req) });
      return reply.type('application/pdf').header('Content-Disposition', `inline; filename="transfer-letter-${letterNo}.pdf"`).send(pdf);
    },
  );
}
