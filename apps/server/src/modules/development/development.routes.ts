import { z } from 'zod';
import { errorBody, pageOf, uuid } from '@xianfeng/contracts/common/common.schemas';
import { addStepEnvelope, caseListQuery, caseSummary, caseView, createCaseBody, developmentAttachmentView, recordedStepView, stopCaseBody } from '@xianfeng/contracts/development/development.schemas';
import type { App } from '../../platform/http/app.ts';
import { receiveUpload } from '../../platform/files/upload.ts';
import { ATTACHMENT_MAX_BYTES, addAttachment, checkCanAttach, getAttachment } from './development.attachments.ts';
import { createCase, listCases, stopCase } from './development.cases.ts';
import { recordStep } from './development.record.ts';
import { getCase } from './development.view.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const tags = ['development'];

/** 发展党员 (《中国共产党发展党员工作细则》2026): cases, the 25 steps, admission. */
export function developmentRoutes(app: App) {
  app.post(
    '/api/development/cases',
    { schema: { tags, summary: '建立发展党员档案（递交入党申请书，第 1 步随档案登记）', body: createCaseBody, response: { 201: caseView, ...errors } } },
    async (req, reply) => reply.code(201).send(await createCase(req.ctx, req.body)),
  );
  app.get(
    '/api/development/cases',
    { schema: { tags, summary: '发展党员档案列表（管辖范围内，按阶段、状态、姓名或身份证号筛选）', querystring: caseListQuery, response: { 200: pageOf(caseSummary), ...errors } } },
    (req) => listCases(req.ctx, req.query),
  );
  app.get(
    '/api/development/cases/:id',
    { schema: { tags, summary: '发展党员档案：阶段、已办环节、下一步及时限', params: idParams, response: { 200: caseView, ...errors } } },
    (req) => getCase(req.ctx, req.params),
  );
  app.post(
    '/api/development/cases/:id/steps',
    {
      schema: {
        tags,
        summary: '办理一个环节（step 为编号或标识；时限或前置条件不符返回 422 并列明细则条款；经授权可说明理由越过）',
        params: idParams,
        body: addStepEnvelope,
        response: { 201: recordedStepView, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await recordStep(req.ctx, { id: req.params.id, body: req.body })),
  );
  app.post(
    '/api/development/cases/:id/stop',
    { schema: { tags, summary: '终止发展（本人撤回申请或不予发展，须说明原因）', params: idParams, body: stopCaseBody, response: { 200: caseView, ...errors } } },
    (req) => stopCase(req.ctx, { id: req.params.id, reason: req.body.reason }),
  );
  // Attachments: uploaded to the case first, then listed by id in a step's `attachments`.
  app.post(
    '/api/development/cases/:id/attachments',
    {
      schema: {
        tags,
        summary: '上传发展党员档案附件（multipart 字段 file；JPG/PNG/PDF/docx/xlsx，按文件内容识别类型，最大 10 MB）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: developmentAttachmentView, ...errors },
      },
    },
    async (req, reply) => {
      // Refused before the upload is streamed to disk: anonymous, out of scope, no right or a closed case.
      await checkCanAttach(req.ctx, req.params.id);
      const upload = await receiveUpload(req, { field: 'file', maxBytes: ATTACHMENT_MAX_BYTES });
      try {
        return reply.code(201).send(await addAttachment(req.ctx, { id: req.params.id, upload }));
      } finally {
        await upload.remove();
      }
    },
  );
  app.get(
    '/api/development/cases/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载发展党员档案附件', params: z.object({ id: uuid, attachmentId: uuid }), response: { 200: z.any(), ...errors } } },
    async (req, reply) => {
      const f = await getAttachment(req.ctx, { id: req.params.id, attachmentId: req.params.attachmentId });
      return reply
        .type(f.mediaType)
        .header('Content-Disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('Cache-Control', 'private, no-store')
        .send(f.content);
    },
  );
}
