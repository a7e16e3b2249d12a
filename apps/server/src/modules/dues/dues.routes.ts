import { z } from 'zod';
import { errorBody, okBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import {
  arrearsPage,
  arrearsQuery,
  arrearsReasonInput,
  baseInput,
  baseView,
  billPage,
  billsQuery,
  collectionQuery,
  collectionTrendQuery,
  collectionTrendView,
  collectionView,
  generateInput,
  generateView,
  memberDuesQuery,
  memberDuesView,
  openingInput,
  paymentInput,
  paymentPage,
  paymentsQuery,
  paymentView,
  quoteInput,
  quoteView,
  reductionDecisionInput,
  reductionInput,
  reductionPage,
  reductionsQuery,
  reductionView,
  reverseInput,
} from '@xianfeng/contracts/dues/dues.schemas';
import type { App } from '../../platform/http/app.ts';
import { idempotent } from '../../platform/http/idempotency.ts';
import { listArrears } from './dues.arrears.ts';
import { declareDuesBase, quoteMonthlyDues, recordArrearsReason, setOpeningPaidUntil } from './dues.bases.ts';
import { generateMonthlyBills, listDuesBills } from './dues.bills.ts';
import { collectionForMonth, collectionTrend } from './dues.collection.ts';
import { memberDues, myDues } from './dues.member.ts';
import { listDuesPayments, recordDuesPayment, reverseDuesPayment } from './dues.payments.ts';
import { baseImportTemplate, importBases } from './dues.import.ts';
import { receiveUpload } from '../../platform/files/upload.ts';
import { requirePermission } from '../../platform/access/access.ts';
import { baseImportResult } from '@xianfeng/contracts/dues/dues.schemas';
import { decideDuesReduction, listDuesReductions, requestDuesReduction } from './dues.reductions.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const tags = ['dues'];
const idempotencyHeader = z.object({ 'idempotency-key': z.string().optional() });

export function duesRoutes(app: App) {
  app.post('/api/dues/quote', { schema: { tags, summary: '党费测算：按类别和计算基数（分）算每月应交（全额累进，四舍五入到分，封顶）', body: quoteInput, response: { 200: quoteView, ...errors } } }, (req) =>
    quoteMonthlyDues(req.ctx, req.body),
  );
  app.post('/api/dues/bills/generate', { schema: { tags, summary: '生成某月党费账单（管辖子树，幂等：重复生成不新增）', body: generateInput, response: { 200: generateView, ...errors } } }, (req) =>
    generateMonthlyBills(req.ctx, req.body),
  );
  app.get('/api/dues/bills', { schema: { tags, summary: '党费账单（管辖子树）', querystring: billsQuery, response: { 200: billPage, ...errors } } }, (req) => listDuesBills(req.ctx, req.query));
  app.post(
    '/api/dues/payments',
    {
      schema: {
        tags,
        summary: '登记交纳党费（须带 Idempotency-Key；按账单或按党员，按党员时先交最早欠交月份，余额预交）',
        headers: idempotencyHeader,
        body: paymentInput,
        response: { 201: paymentView, ...errors },
      },
    },
    (req, reply) => idempotent(req, reply, (call) => recordDuesPayment(req.ctx, req.body, call)),
  );
  app.get('/api/dues/payments', { schema: { tags, summary: '党费交纳记录（台账，含冲正）', querystring: paymentsQuery, response: { 200: paymentPage, ...errors } } }, (req) =>
    listDuesPayments(req.ctx, req.query),
  );
  app.post(
    '/api/dues/payments/:id/reverse',
    { schema: { tags, summary: '冲正一笔交纳（须带 Idempotency-Key 和原因；记一笔反向记录，不修改原记录）', headers: idempotencyHeader, params: idParams, body: reverseInput, response: { 201: paymentView, ...errors } } },
    (req, reply) => idempotent(req, reply, (call) => reverseDuesPayment(req.ctx, { id: req.params.id, reason: req.body.reason }, call)),
  );
  app.get('/api/members/:id/dues', { schema: { tags, summary: '党员党费：党费交至、欠交、账单、交纳记录、计算基数', params: idParams, querystring: memberDuesQuery, response: { 200: memberDuesView, ...errors } } }, (req) =>
    memberDues(req.ctx, { memberId: req.params.id, year: req.query.year }),
  );
  app.get('/api/dues/me', { schema: { tags, summary: '我的党费', querystring: memberDuesQuery, response: { 200: memberDuesView, ...errors } } }, (req) => myDues(req.ctx, { year: req.query.year }));
  app.post('/api/members/:id/dues/base', { schema: { tags, summary: '申报党费计算基数', params: idParams, body: baseInput, response: { 201: baseView, ...errors } } }, async (req, reply) => {
    const v = await declareDuesBase(req.ctx, { memberId: req.params.id, ...req.body });
    reply.status(201);
    return v;
  });
  app.post('/api/members/:id/dues/opening', { schema: { tags, summary: '登记党费交至月份（上线前纸质记录、系统外转入）', params: idParams, body: openingInput, response: { 200: okBody, ...errors } } }, async (req) => {
    await setOpeningPaidUntil(req.ctx, { memberId: req.params.id, paidUntil: req.body.paidUntil });
    return { ok: true as const };
  });
  app.post('/api/members/:id/dues/arrears-reason', { schema: { tags, summary: '登记未按时交纳党费的正当理由', params: idParams, body: arrearsReasonInput, response: { 200: okBody, ...errors } } }, async (req) => {
    await recordArrearsReason(req.ctx, { memberId: req.params.id, ...req.body });
    return { ok: true as const };
  });
  app.get('/api/dues/bases/template', { schema: { tags, summary: '计算基数导入模板（Excel）' } }, async (req, reply) => {
    const buf = await baseImportTemplate(req.ctx);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="dues-bases.xlsx"; filename*=UTF-8''${encodeURIComponent('党费计算基数导入模板.xlsx')}`)
      .send(buf);
  });
  app.post(
    '/api/dues/bases/import',
    { schema: { tags, summary: '批量导入计算基数（multipart 字段 file；逐行校验，正确的行导入，错误的行列出原因）', consumes: ['multipart/form-data'], querystring: z.object({ orgId: uuid }), response: { 200: baseImportResult, ...errors } } },
    async (req) => {
      requirePermission(req.ctx, 'dues.collect');
      const upload = await receiveUpload(req, { field: 'file', maxBytes: 16 * 1024 * 1024 });
      try {
        return await importBases(req.ctx, { file: upload.path, orgId: req.query.orgId });
      } finally {
        await upload.remove();
      }
    },
  );
  app.get('/api/dues/arrears', { schema: { tags, summary: '欠交党费党员（连续 3 个月提醒，连续 6 个月提请支部处理）', querystring: arrearsQuery, response: { 200: arrearsPage, ...errors } } }, (req) =>
    listArrears(req.ctx, req.query),
  );
  app.post('/api/dues/reductions', { schema: { tags, summary: '申请党费减免（支部提出，上级党委审批）', body: reductionInput, response: { 201: reductionView, ...errors } } }, async (req, reply) => {
    const v = await requestDuesReduction(req.ctx, req.body);
    reply.status(201);
    return v;
  });
  app.get('/api/dues/reductions', { schema: { tags, summary: '党费减免申请', querystring: reductionsQuery, response: { 200: reductionPage, ...errors } } }, (req) => listDuesReductions(req.ctx, req.query));
  app.post(
    '/api/dues/reductions/:id/decision',
    { schema: { tags, summary: '审批党费减免（上一级党委；申请人不能审批）', params: idParams, body: reductionDecisionInput, response: { 200: reductionView, ...errors } } },
    (req) => decideDuesReduction(req.ctx, { id: req.params.id, approve: req.body.approve, note: req.body.note }),
  );
  app.get('/api/dues/collection', { schema: { tags, summary: '党费收缴率（某月，含下级逐级钻取）', querystring: collectionQuery, response: { 200: collectionView, ...errors } } }, (req) =>
    collectionForMonth(req.ctx, req.query),
  );
  app.get('/api/dues/collection/trend', { schema: { tags, summary: '党费收缴率逐月（某年）', querystring: collectionTrendQuery, response: { 200: collectionTrendView, ...errors } } }, (req) =>
    collectionTrend(req.ctx, req.query),
  );
}
