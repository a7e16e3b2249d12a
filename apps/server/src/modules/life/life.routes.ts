import { z } from 'zod';
import { errorBody, pageOf, uuid } from '@xianfeng/contracts/common/common.schemas';
import {
  branchComplianceView,
  cancelMeetingBody,
  complianceBranchesQuery,
  complianceItemView,
  complianceQuery,
  complianceSummaryView,
  lifePlanQuery,
  lifePlanView,
  checkInBody,
  checkInTokenView,
  checkInView,
  createMeetingBody,
  leaveDecisionBody,
  leaveRequestBody,
  leaveRequestView,
  meetingListItem,
  meetingListQuery,
  myMeetingItem,
  myMeetingsQuery,
  meetingTypeOptionsView,
  meetingView,
  minutesBody,
  minutesView,
  reviewBody,
  addAttendeesBody,
  appendCorrectionBody,
  appendedCorrectionView,
  attachmentView,
} from '@xianfeng/contracts/life/life.schemas';
import type { App } from '../../platform/http/app.ts';
import { checkIn, checkInToken, decideLeave, requestLeave } from './life.checkin.ts';
import { complianceBranches, complianceSummary, lifePlan, orgCompliance } from './life.compliance.ts';
import { appendCorrection, confirmMinutes, getMinutes, reviewMinutes, writeMinutes } from './life.minutes.ts';
import { ATTACHMENT_MAX_BYTES, addAttachment, checkCanAttach, getAttachment } from './life.attachments.ts';
import { receiveUpload } from '../../platform/files/upload.ts';
import { addAttendees, cancelMeeting, createMeeting, getMeeting, listMeetings, meetingTypeOptions, myMeetings, removeAttendee } from './life.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const tags = ['life'];

export function lifeRoutes(app: App) {
  app.post('/api/meetings', { schema: { tags, summary: '计划会议（会议开始后登记为补录，须填补录原因）', body: createMeetingBody, response: { 201: meetingView, ...errors } } }, async (req, reply) => {
    const m = await createMeeting(req.ctx, req.body);
    reply.status(201);
    return m;
  });
  app.get('/api/meetings', { schema: { tags, summary: '会议列表（管辖范围内）', querystring: meetingListQuery, response: { 200: pageOf(meetingListItem), ...errors } } }, (req) =>
    listMeetings(req.ctx, req.query),
  );
  app.get('/api/meetings/mine', { schema: { tags, summary: '我的会议（本人在名单中的会议，含本人出勤和请假）', querystring: myMeetingsQuery, response: { 200: pageOf(myMeetingItem), ...errors } } }, (req) =>
    myMeetings(req.ctx, req.query),
  );
  app.get('/api/meetings/:id', { schema: { tags, summary: '会议详情（应到、签到、请假）', params: idParams, response: { 200: meetingView, ...errors } } }, (req) =>
    getMeeting(req.ctx, { id: req.params.id }),
  );
  app.post(
    '/api/meetings/:id/cancel',
    { schema: { tags, summary: '取消会议（须填原因；已开始记录的会议不能取消）', params: idParams, body: cancelMeetingBody, response: { 200: meetingView, ...errors } } },
    (req) => cancelMeeting(req.ctx, { id: req.params.id, reason: req.body.reason }),
  );
  app.get(
    '/api/meetings/:id/check-in-token',
    { schema: { tags, summary: '会场签到二维码（每 30 秒更换，组织者）', params: idParams, response: { 200: checkInTokenView, ...errors } } },
    (req) => checkInToken(req.ctx, { id: req.params.id, origin: `${req.protocol}://${req.host}` }),
  );
  app.post(
    '/api/meetings/:id/check-ins',
    { schema: { tags, summary: '签到：党员扫码 {token}，或组织者补签 {memberId, reason}', params: idParams, body: checkInBody, response: { 200: checkInView, ...errors } } },
    (req) => checkIn(req.ctx, { id: req.params.id, body: req.body }),
  );
  app.post(
    '/api/meetings/:id/leave-requests',
    { schema: { tags, summary: '请假申请（本人）', params: idParams, body: leaveRequestBody, response: { 201: leaveRequestView, ...errors } } },
    async (req, reply) => {
      const r = await requestLeave(req.ctx, { id: req.params.id, reason: req.body.reason });
      reply.status(201);
      return r;
    },
  );
  app.post(
    '/api/meetings/:id/leave-requests/:requestId/decision',
    {
      schema: { tags, summary: '批准或不批准请假（组织者，须说明理由）', params: z.object({ id: uuid, requestId: uuid }), body: leaveDecisionBody, response: { 200: leaveRequestView, ...errors } },
    },
    (req) => decideLeave(req.ctx, { id: req.params.id, requestId: req.params.requestId, ...req.body }),
  );
  app.put(
    '/api/meetings/:id/minutes',
    { schema: { tags, summary: '填写或修改会议记录（已确认或被退回的须说明修改原因）', params: idParams, body: minutesBody, response: { 200: minutesView, ...errors } } },
    (req) => writeMinutes(req.ctx, { id: req.params.id, body: req.body }),
  );
  app.get(
    '/api/meetings/:id/minutes',
    { schema: { tags, summary: '会议记录（未填写时为 null）', params: idParams, response: { 200: minutesView.nullable(), ...errors } } },
    (req) => getMinutes(req.ctx, { id: req.params.id }),
  );
  app.post(
    '/api/meetings/:id/confirm',
    { schema: { tags, summary: '记录人、主持人确认会议记录（两人都确认后核对法定人数）', params: idParams, response: { 200: minutesView, ...errors } } },
    (req) => confirmMinutes(req.ctx, { id: req.params.id }),
  );
  app.post(
    '/api/meetings/:id/review',
    { schema: { tags, summary: '上级党组织审核：通过（锁定）或退回（须填意见）', params: idParams, body: reviewBody, response: { 200: minutesView, ...errors } } },
    (req) => reviewMinutes(req.ctx, { id: req.params.id, decision: req.body.decision, comment: req.body.comment }),
  );
  app.post(
    '/api/meetings/:id/attendees',
    { schema: { tags, summary: '增加参会人员（会前或会中；被增加者收到会议通知）', params: idParams, body: addAttendeesBody, response: { 200: meetingView, ...errors } } },
    (req) => addAttendees(req.ctx, { id: req.params.id, memberIds: req.body.memberIds }),
  );
  app.delete(
    '/api/meetings/:id/attendees/:memberId',
    { schema: { tags, summary: '移除误列的参会人员（会前，且未签到、未请假）', params: z.object({ id: uuid, memberId: uuid }), response: { 200: meetingView, ...errors } } },
    (req) => removeAttendee(req.ctx, { id: req.params.id, memberId: req.params.memberId }),
  );
  app.post(
    '/api/meetings/:id/attachments',
    {
      schema: {
        tags,
        summary: '上传会议附件（multipart 字段 file；JPG/PNG/PDF/docx/xlsx，按文件内容识别类型，最大 10 MB）',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: attachmentView, ...errors },
      },
    },
    async (req, reply) => {
      // Refused before the upload is streamed to disk: anonymous, out-of-scope or locked.
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
    '/api/meetings/:id/attachments/:attachmentId',
    { schema: { tags, summary: '下载会议附件', params: z.object({ id: uuid, attachmentId: uuid }), response: { 200: z.any(), ...errors } } },
    async (req, reply) => {
      const f = await getAttachment(req.ctx, { id: req.params.id, attachmentId: req.params.attachmentId });
      return reply
        .type(f.mediaType)
        .header('Content-Disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .header('Cache-Control', 'private, no-store')
        .send(f.content);
    },
  );
  app.post(
    '/api/meetings/:id/corrections',
    { schema: { tags, summary: '为已审核锁定的会议记录追加更正（原记录不变）', params: idParams, body: appendCorrectionBody, response: { 201: appendedCorrectionView, ...errors } } },
    async (req, reply) => reply.code(201).send(await appendCorrection(req.ctx, { id: req.params.id, ...req.body })),
  );
  app.get(
    '/api/orgs/:id/meeting-types',
    { schema: { tags, summary: '本组织可以计划的会议类型（规定类型和本组织设置的自定义类型）', params: idParams, response: { 200: meetingTypeOptionsView, ...errors } } },
    (req) => meetingTypeOptions(req.ctx, { id: req.params.id }),
  );
  app.get(
    '/api/orgs/:id/compliance',
    {
      schema: {
        tags,
        summary: '组织生活达标情况（党支部或党小组；period=2026-11 / 2026-Q4 / 2026）',
        params: idParams,
        querystring: complianceQuery,
        response: { 200: z.object({ items: z.array(complianceItemView) }), ...errors },
      },
    },
    (req) => orgCompliance(req.ctx, { id: req.params.id, period: req.query.period }),
  );
  app.get(
    '/api/orgs/:id/compliance/summary',
    {
      schema: { tags, summary: '下级党支部组织生活达标汇总（按最差一项的状态计数）', params: idParams, querystring: complianceQuery, response: { 200: complianceSummaryView, ...errors } },
    },
    (req) => complianceSummary(req.ctx, { id: req.params.id, period: req.query.period }),
  );
  app.get(
    '/api/orgs/:id/compliance/branches',
    {
      schema: { tags, summary: '下级党支部达标情况列表（最差的在前，可按状态筛选，分页）', params: idParams, querystring: complianceBranchesQuery, response: { 200: pageOf(branchComplianceView), ...errors } },
    },
    (req) => complianceBranches(req.ctx, { id: req.params.id, ...req.query }),
  );
  app.get(
    '/api/orgs/:id/life-plan',
    {
      schema: { tags, summary: '本月组织生活安排建议：固定组织生活日和尚未完成的会议', params: idParams, querystring: lifePlanQuery, response: { 200: lifePlanView, ...errors } },
    },
    (req) => lifePlan(req.ctx, { id: req.params.id, month: req.query.month }),
  );
}
