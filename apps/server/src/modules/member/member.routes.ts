import { z } from 'zod';
import { errorBody, pageOf, uuid } from '@xianfeng/contracts/common/common.schemas';
import {
  hostedMemberView,
  createMemberBody,
  disciplineBody,
  leaveBody,
  memberEventView,
  memberFileView,
  memberExportQuery,
  memberImportQuery,
  memberImportResult,
  memberImportTemplateQuery,
  memberListQuery,
  memberReadQuery,
  memberListItem,
  memberView,
  restoreBody,
  suspendBody,
  updateMemberBody,
} from '@xianfeng/contracts/member/member.schemas';
import type { App } from '../../platform/http/app.ts';
import { exportMembers } from './member.export.ts';
import { importMembers } from './member.import.ts';
import { importTemplate } from './member.import.template.ts';
import { receiveUpload } from '../../platform/files/upload.ts';
import { requirePermission } from '../../platform/access/access.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A 100,000-row member sheet is 8–12 MB; 64 MB leaves room for formatting without inviting abuse. */
const IMPORT_MAX_BYTES = 64 * 1024 * 1024;
import { listHostedMembers } from './member.hosted.ts';
import { createMember, getMemberFile, listMemberHistory, listMembers, recordDiscipline, updateMember } from './member.service.ts';
import { recordMemberLeaving, restoreMembership, suspendMembership } from './member.standing.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const tags = ['member'];

export function memberRoutes(app: App) {
  app.get(
    '/api/orgs/:id/hosted-members',
    {
      schema: {
        tags,
        summary: '挂靠党员（双报到、流入党员）：仅姓名、类型、所在党组织与起止日期，查看留痕',
        params: z.object({ id: uuid }),
        querystring: z.object({ current: z.enum(['true', 'false']).default('true') }),
        response: { 200: z.array(hostedMemberView), ...errors },
      },
    },
    (req) => listHostedMembers(req.ctx, { orgId: req.params.id, current: req.query.current === 'true' }),
  );
  app.get('/api/members', { schema: { tags, summary: '党员列表（管辖范围内，分页、筛选）', querystring: memberListQuery, response: { 200: pageOf(memberListItem), ...errors } } }, (req) =>
    listMembers(req.ctx, req.query),
  );
  app.get(
    '/api/members/export.xlsx',
    {
      schema: {
        tags,
        summary: '导出党员名单 Excel（当前筛选条件；默认脱敏，完整信息须有权限并填写事由，记入审计）',
        querystring: memberExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const { unmask, reason, ...query } = req.query;
      const file = await exportMembers(req.ctx, { query, unmask, reason });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', `attachment; filename="members-${file.filename.slice(5, 15)}.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header('Cache-Control', 'no-store')
        .header('X-Row-Count', String(file.rowCount))
        .send(file.stream);
    },
  );
  app.get(
    '/api/members/import-template',
    {
      schema: {
        tags,
        summary: '下载党员信息导入模板（含填写说明、可选值；给出 orgId 时列出其下党支部及编码）',
        querystring: memberImportTemplateQuery,
        produces: [XLSX],
        response: { 200: z.any().describe(XLSX), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const file = await importTemplate(req.ctx, { orgId: req.query.orgId });
      return reply
        .type(XLSX)
        .header('Content-Disposition', `attachment; filename="member-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('党员信息导入模板.xlsx')}`)
        .send(file);
    },
  );
  app.post(
    '/api/members/import',
    {
      schema: {
        tags,
        summary: '导入党员信息 Excel（multipart 字段 file；mode=all 有错则全部不导入，valid_only 只导入正确的行）',
        consumes: ['multipart/form-data'],
        querystring: memberImportQuery,
        response: { 200: memberImportResult, ...errors },
      },
    },
    async (req) => {
      // Refuse a caller who may not import before accepting 64 MB from them.
      requirePermission(req.ctx, 'member.write');
      const upload = await receiveUpload(req, { field: 'file', maxBytes: IMPORT_MAX_BYTES });
      try {
        return await importMembers(req.ctx, { file: upload.path, mode: req.query.mode, orgId: req.query.orgId });
      } finally {
        await upload.remove();
      }
    },
  );
  app.get(
    '/api/members/:id',
    { schema: { tags, summary: '党员电子档案（敏感信息默认脱敏）', params: idParams, querystring: memberReadQuery, response: { 200: memberFileView, ...errors } } },
    (req) => getMemberFile(req.ctx, { id: req.params.id, unmask: req.query.unmask, reason: req.query.reason }),
  );
  app.post('/api/members', { schema: { tags, summary: '新建党员档案', body: createMemberBody, response: { 201: memberView, ...errors } } }, async (req, reply) => {
    const m = await createMember(req.ctx, req.body);
    reply.status(201);
    return m;
  });
  app.patch('/api/members/:id', { schema: { tags, summary: '修改党员档案（不含组织、类型、状态）', params: idParams, body: updateMemberBody, response: { 200: memberView, ...errors } } }, (req) =>
    updateMember(req.ctx, { id: req.params.id, patch: req.body }),
  );
  app.get('/api/members/:id/history', { schema: { tags, summary: '档案变更记录', params: idParams, response: { 200: z.array(memberEventView), ...errors } } }, (req) =>
    listMemberHistory(req.ctx, { id: req.params.id }),
  );
  app.post(
    '/api/members/:id/leave',
    { schema: { tags, summary: '登记出党（去世、退党、除名、开除党籍；除名、开除须填决定文号）', params: idParams, body: leaveBody, response: { 200: memberView, ...errors } } },
    (req) => recordMemberLeaving(req.ctx, { id: req.params.id, ...req.body }),
  );
  app.post(
    '/api/members/:id/suspend',
    { schema: { tags, summary: '停止党籍（失联六个月以上、出国定居等，党员教育管理工作条例第二十四条）', params: idParams, body: suspendBody, response: { 200: memberView, ...errors } } },
    (req) => suspendMembership(req.ctx, { id: req.params.id, ...req.body }),
  );
  app.post(
    '/api/members/:id/restore',
    { schema: { tags, summary: '恢复党籍（停止党籍后恢复联系，或除名、开除经申诉复议撤销）', params: idParams, body: restoreBody, response: { 200: memberView, ...errors } } },
    (req) => restoreMembership(req.ctx, { id: req.params.id, ...req.body }),
  );
  app.post(
    '/api/members/:id/discipline',
    { schema: { tags, summary: '登记纪律处分', params: idParams, body: disciplineBody, response: { 201: z.object({ id: uuid }), ...errors } } },
    async (req, reply) => {
      reply.status(201);
      return recordDiscipline(req.ctx, { id: req.params.id, ...req.body });
    },
  );
}
