import { z } from 'zod';
import { createGrantBody, grantRecord, loginBody, meView } from '@xianfeng/contracts/account/account.schemas';
import { errorBody, okBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import type { App } from '../../platform/http/app.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/app.ts';
import { currentActor, grantRole, login, logout, revokeGrant, toMe } from './account.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };

export function accountRoutes(demo: boolean) {
  return (app: App) => {
    app.post(
      '/api/auth/login',
      { config: { public: true }, schema: { tags: ['auth'], summary: '登录', body: loginBody, response: { 200: meView, ...errors } } },
      async (req, reply) => {
        const { token, actor } = await login(req.ctx, req.body);
        setSessionCookie(req, reply, token);
        return toMe(actor, demo);
      },
    );
    app.post('/api/auth/logout', { config: { public: true }, schema: { tags: ['auth'], summary: '退出登录', response: { 200: okBody } } }, async (req, reply) => {
      if (req.sessionToken) await logout(req.ctx, req.sessionToken);
      clearSessionCookie(reply);
      return { ok: true as const };
    });
    app.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前账号', response: { 200: meView, ...errors } } }, async (req) => toMe(currentActor(req.ctx), demo));

    app.post('/api/grants', { schema: { tags: ['account'], summary: '授权（逐级授权）', body: createGrantBody, response: { 201: grantRecord, ...errors } } }, async (req, reply) => {
      reply.status(201);
      return grantRole(req.ctx, req.body);
    });
    app.delete('/api/grants/:id', { schema: { tags: ['account'], summary: '撤销授权', params: z.object({ id: uuid }), response: { 200: okBody, ...errors } } }, async (req) => {
      await revokeGrant(req.ctx, { grantId: req.params.id });
      return { ok: true as const };
    });
  };
}
