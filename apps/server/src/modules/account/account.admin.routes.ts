import { z } from 'zod';
import { accountListQuery, accountPage, accountView, createAccountBody, createdAccountView, temporaryPasswordView } from '@xianfeng/contracts/account/account.schemas';
import { errorBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import type { App } from '../../platform/http/app.ts';
import { createManagedAccount, getAccount, listAccounts, resetAccountPassword, setAccountLocked } from './account.admin.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };
const params = z.object({ id: uuid });

export function accountAdminRoutes(app: App) {
  app.get('/api/accounts', { schema: { tags: ['account'], summary: '账号列表', querystring: accountListQuery, response: { 200: accountPage, ...errors } } }, (req) => listAccounts(req.ctx, req.query));
  app.get('/api/accounts/:id', { schema: { tags: ['account'], summary: '账号详情', params, response: { 200: accountView, ...errors } } }, (req) => getAccount(req.ctx, { id: req.params.id }));
  app.post(
    '/api/accounts',
    { schema: { tags: ['account'], summary: '创建账号（含首个授权，返回一次性临时密码）', body: createAccountBody, response: { 201: createdAccountView, ...errors } } },
    async (req, reply) => {
      reply.status(201);
      return createManagedAccount(req.ctx, req.body);
    },
  );
  app.post(
    '/api/accounts/:id/reset-password',
    { schema: { tags: ['account'], summary: '重置密码（返回一次性临时密码）', params, response: { 200: temporaryPasswordView, ...errors } } },
    (req) => resetAccountPassword(req.ctx, { id: req.params.id }),
  );
  app.post('/api/accounts/:id/lock', { schema: { tags: ['account'], summary: '停用账号并注销其会话', params, response: { 200: accountView, ...errors } } }, (req) =>
    setAccountLocked(req.ctx, { id: req.params.id, locked: true }),
  );
  app.post('/api/accounts/:id/unlock', { schema: { tags: ['account'], summary: '启用账号', params, response: { 200: accountView, ...errors } } }, (req) =>
    setAccountLocked(req.ctx, { id: req.params.id, locked: false }),
  );
}
