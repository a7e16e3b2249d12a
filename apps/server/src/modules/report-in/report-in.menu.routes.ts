import { z } from 'zod';
import { errorBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import {
  claimBody,
  createPostBody,
  evaluationBody,
  mineView,
  postListQuery,
  postView,
  reportInView,
  serviceBody,
  serviceDecisionBody,
  serviceListQuery,
  servicePage,
  serviceView,
  statsQuery,
  statsView,
  updatePostBody,
} from '@xianfeng/contracts/report-in/report-in.schemas';
import type { App } from '../../platform/http/app.ts';
import { claimPost, createPost, listPosts, releaseClaim, updatePost } from './report-in.menu.ts';
import { decideService, listServices, logService } from './report-in.service-log.ts';
import { recordEvaluation } from './report-in.evaluations.ts';
import { reportInStats } from './report-in.stats.ts';
import { myReportIns } from './report-in.lists.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const tags = ['report-in'];

/** The community's menu, claims, service logs, 五评议, statistics and the member's own page. */
export function reportInMenuRoutes(app: App) {
  app.get('/api/report-in/mine', { schema: { tags, summary: '我的双报到（党员本人）：报到、认领、服务记录与社区服务项目', response: { 200: mineView, ...errors } } }, (req) => myReportIns(req.ctx));
  app.get('/api/report-in/posts', { schema: { tags, summary: '社区服务项目（岗位、结对、服务队）', querystring: postListQuery, response: { 200: z.array(postView), ...errors } } }, (req) => listPosts(req.ctx, req.query));
  app.post('/api/report-in/posts', { schema: { tags, summary: '新增社区服务项目', body: createPostBody, response: { 201: postView, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await createPost(req.ctx, req.body)),
  );
  app.patch('/api/report-in/posts/:id', { schema: { tags, summary: '修改、停止或恢复认领服务项目', params: idParams, body: updatePostBody, response: { 200: postView, ...errors } } }, (req) =>
    updatePost(req.ctx, { id: req.params.id, patch: req.body }),
  );
  app.post('/api/report-in/:id/claims', { schema: { tags, summary: '认领服务项目（党员本人，或单位代无账号的党员）', params: idParams, body: claimBody, response: { 200: reportInView, ...errors } } }, (req) =>
    claimPost(req.ctx, { reportInId: req.params.id, postId: req.body.postId }),
  );
  app.post('/api/report-in/claims/:id/release', { schema: { tags, summary: '退出已认领的服务项目', params: idParams, response: { 200: reportInView, ...errors } } }, (req) =>
    releaseClaim(req.ctx, { claimId: req.params.id }),
  );
  app.post('/api/report-in/:id/services', { schema: { tags, summary: '登记服务记录（日期、时长、内容；社区审核后计入）', params: idParams, body: serviceBody, response: { 201: reportInView, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await logService(req.ctx, { reportInId: req.params.id, ...req.body })),
  );
  app.get('/api/report-in/services', { schema: { tags, summary: '服务记录（社区审核列表；单位见本单位的）', querystring: serviceListQuery, response: { 200: servicePage, ...errors } } }, (req) => listServices(req.ctx, req.query));
  app.post('/api/report-in/services/:id/decide', { schema: { tags, summary: '社区审核服务记录（不认定须填写意见）', params: idParams, body: serviceDecisionBody, response: { 200: serviceView, ...errors } } }, (req) =>
    decideService(req.ctx, { id: req.params.id, approve: req.body.approve, note: req.body.note }),
  );
  app.post('/api/report-in/:id/evaluations', { schema: { tags, summary: '五评议（每年每项一次：本人、单位领导、居民、社区、组织）', params: idParams, body: evaluationBody, response: { 201: reportInView, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await recordEvaluation(req.ctx, { reportInId: req.params.id, ...req.body })),
  );
  app.get('/api/report-in/stats', { schema: { tags, summary: '报到统计：按单位、按社区（工作人员含下级汇总）', querystring: statsQuery, response: { 200: statsView, ...errors } } }, (req) => reportInStats(req.ctx, req.query));
}
