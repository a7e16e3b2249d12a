import { z } from 'zod';
import { errorBody, pageOf, pageQuery, uuid } from '@xianfeng/contracts/common/common.schemas';
import {
  createGridBody,
  createOrgBody,
  directoryEntry,
  dissolveOrgBody,
  gridView,
  leadershipBody,
  moveOrgBody,
  orgTreeNode,
  orgTreeQuery,
  orgView,
  orgWarning,
  updateOrgBody,
} from '@xianfeng/contracts/org/org.schemas';
import type { App } from '../../platform/http/app.ts';
import { createGrid, createOrg, dissolveOrg, listGrids, moveOrg, setLeadership, updateOrg } from './org.service.ts';
import { getOrgTree, getOrgView, listSubtreeWarnings, searchOrgDirectory } from './org.view.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const tags = ['org'];

export function orgRoutes(app: App) {
  app.get('/api/orgs/tree', { schema: { tags, summary: '组织树（本人管辖范围的根）', querystring: orgTreeQuery, response: { 200: z.array(orgTreeNode), ...errors } } }, (req) =>
    getOrgTree(req.ctx, { rootId: req.query.rootId, depth: req.query.depth, includeDissolved: req.query.includeDissolved === 'true' }),
  );
  app.get(
    '/api/orgs/directory',
    { schema: { tags, summary: '组织目录（所有工作人员可查，用于选择目标组织）', querystring: z.object({ q: z.string().trim().max(50).default(''), ...pageQuery }), response: { 200: pageOf(directoryEntry), ...errors } } },
    (req) => searchOrgDirectory(req.ctx, req.query),
  );
  app.get('/api/orgs/:id', { schema: { tags, summary: '组织详情', params: idParams, response: { 200: orgView, ...errors } } }, (req) => getOrgView(req.ctx, { id: req.params.id }));
  app.post('/api/orgs', { schema: { tags, summary: '新建党组织', body: createOrgBody, response: { 201: orgView, ...errors } } }, async (req, reply) => {
    const org = await createOrg(req.ctx, req.body);
    reply.status(201);
    return getOrgView(req.ctx, { id: org.id });
  });
  app.patch('/api/orgs/:id', { schema: { tags, summary: '修改党组织（含更名）', params: idParams, body: updateOrgBody, response: { 200: orgView, ...errors } } }, async (req) => {
    await updateOrg(req.ctx, { id: req.params.id, patch: req.body });
    return getOrgView(req.ctx, { id: req.params.id });
  });
  app.post('/api/orgs/:id/move', { schema: { tags, summary: '调整隶属关系（整棵子树）', params: idParams, body: moveOrgBody, response: { 200: orgView, ...errors } } }, async (req) => {
    await moveOrg(req.ctx, { id: req.params.id, newParentId: req.body.newParentId });
    return getOrgView(req.ctx, { id: req.params.id });
  });
  app.post('/api/orgs/:id/dissolve', { schema: { tags, summary: '撤销党组织（保留历史）', params: idParams, body: dissolveOrgBody, response: { 200: orgView, ...errors } } }, async (req) => {
    await dissolveOrg(req.ctx, { id: req.params.id, ...req.body });
    return getOrgView(req.ctx, { id: req.params.id });
  });
  app.put('/api/orgs/:id/leadership', { schema: { tags, summary: '设置班子（换届）', params: idParams, body: leadershipBody, response: { 200: orgView, ...errors } } }, async (req) => {
    await setLeadership(req.ctx, { id: req.params.id, ...req.body });
    return getOrgView(req.ctx, { id: req.params.id });
  });
  app.get(
    '/api/orgs/:id/warnings',
    { schema: { tags, summary: '子树内的组织设置预警', params: idParams, querystring: z.object(pageQuery), response: { 200: pageOf(orgWarning), ...errors } } },
    (req) => listSubtreeWarnings(req.ctx, { id: req.params.id, ...req.query }),
  );
  app.get('/api/orgs/:id/grids', { schema: { tags, summary: '可用网格、楼院', params: idParams, response: { 200: z.array(gridView), ...errors } } }, (req) => listGrids(req.ctx, { orgId: req.params.id }));
  app.post('/api/grids', { schema: { tags, summary: '新建网格或楼院', body: createGridBody, response: { 201: gridView, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return createGrid(req.ctx, req.body);
  });
}
