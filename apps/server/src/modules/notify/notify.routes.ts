import { z } from 'zod';
import { errorBody, okBody, pageOf, uuid } from '@xianfeng/contracts/common/common.schemas';
import {
  memberCareView,
  notificationListQuery,
  notificationView,
  preferencesView,
  receiptBody,
  updateCareBody,
  updatePreferencesBody,
} from '@xianfeng/contracts/notify/notify.schemas';
import type { App } from '../../platform/http/app.ts';
import type { RealtimeHub } from '../../platform/realtime.ts';
import { countMyUnread, listMyNotifications, markAllMyNotificationsRead, markMyNotificationRead } from './notify.inbox.service.ts';
import { getMemberCare, getMyPreferences, updateMemberCare, updateMyPreferences } from './notify.care.service.ts';
import { recordReceipt } from './notify.delivery.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };
const tags = ['notify'];
const unread = z.object({ count: z.number().int() });

export function notifyRoutes(hub: RealtimeHub | null) {
  return (app: App) => {
    app.get('/api/notifications', { schema: { tags, summary: '我的通知（收件箱）', querystring: notificationListQuery, response: { 200: pageOf(notificationView), ...errors } } }, (req) =>
      listMyNotifications(req.ctx, req.query),
    );
    app.get('/api/notifications/unread-count', { schema: { tags, summary: '未读通知数', response: { 200: unread, ...errors } } }, (req) => countMyUnread(req.ctx));
    app.post('/api/notifications/:id/read', { schema: { tags, summary: '标记已读', params: z.object({ id: uuid }), response: { 200: unread, ...errors } } }, (req) =>
      markMyNotificationRead(req.ctx, { id: req.params.id }),
    );
    app.post('/api/notifications/read-all', { schema: { tags, summary: '全部标记已读', response: { 200: unread, ...errors } } }, (req) => markAllMyNotificationsRead(req.ctx));
    app.get('/api/notifications/preferences', { schema: { tags, summary: '我的通知偏好', response: { 200: preferencesView, ...errors } } }, (req) => getMyPreferences(req.ctx));
    app.put('/api/notifications/preferences', { schema: { tags, summary: '修改通知偏好（渠道、免打扰、代收、两个生日）', body: updatePreferencesBody, response: { 200: preferencesView, ...errors } } }, (req) =>
      updateMyPreferences(req.ctx, req.body),
    );
    app.get('/api/members/:id/care', { schema: { tags, summary: '党员关怀设置（两个生日、代收人）', params: z.object({ id: uuid }), response: { 200: memberCareView, ...errors } } }, (req) =>
      getMemberCare(req.ctx, { memberId: req.params.id }),
    );
    app.put(
      '/api/members/:id/care',
      { schema: { tags, summary: '修改党员关怀设置（书记为老党员设置家属或网格员代收）', params: z.object({ id: uuid }), body: updateCareBody, response: { 200: memberCareView, ...errors } } },
      (req) => updateMemberCare(req.ctx, { memberId: req.params.id, care: req.body }),
    );
    app.post(
      '/api/notify/receipts/:channel',
      {
        config: { public: true },
        schema: { tags, summary: '短信、微信网关的送达回执（签名校验）', params: z.object({ channel: z.enum(['sms', 'wechat']) }), body: receiptBody, response: { 200: okBody, ...errors } },
      },
      (req) => recordReceipt(req.ctx, { channel: req.params.channel, signature: req.headers['x-xianfeng-signature'] as string | undefined, receipt: req.body }),
    );
    // Realtime: open pages hear about new notifications and the unread count (the session cookie authenticates).
    app.get('/api/notifications/ws', { websocket: true, schema: { hide: true } }, (socket, req) => {
      const actor = req.ctx.actor;
      if (!actor || !hub) {
        socket.close(4401, 'login required');
        return;
      }
      const push = async (type: string) => {
        const { count } = await countMyUnread(req.ctx);
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type, unread: count }));
      };
      const off = hub.subscribe(actor.accountId, (msg) => void push(msg.type).catch(() => undefined));
      socket.on('close', off);
      void push('hello').catch(() => undefined);
    });
  };
}
