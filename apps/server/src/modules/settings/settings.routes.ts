import { z } from 'zod';
import { errorBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import { effectiveSetting } from '@xianfeng/contracts/settings/settings.schemas';
import type { App } from '../../platform/http/app.ts';
import { listEffectiveSettings, setSetting } from './settings.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };
const effective = effectiveSetting;

export function settingsRoutes(app: App) {
  app.get(
    '/api/orgs/:id/settings',
    { schema: { tags: ['settings'], summary: '组织的有效设置及其来源', params: z.object({ id: uuid }), response: { 200: z.array(effective), ...errors } } },
    (req) => listEffectiveSettings(req.ctx, { orgId: req.params.id }),
  );
  app.put(
    '/api/orgs/:id/settings/:key',
    {
      schema: {
        tags: ['settings'],
        summary: '设置（value 为 null 时恢复继承）',
        params: z.object({ id: uuid, key: z.string().max(100) }),
        body: z.object({ value: z.unknown() }),
        response: { 200: z.array(effective), ...errors },
      },
    },
    (req) => setSetting(req.ctx, { orgId: req.params.id, key: req.params.key, value: req.body.value ?? null }),
  );
}
