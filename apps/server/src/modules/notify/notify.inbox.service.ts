import type { z } from 'zod';
import type { NotificationView, notificationListQuery } from '@xianfeng/contracts/notify/notify.schemas';
import type { Ctx } from '../../platform/context.ts';
import { requireActor } from '../../platform/access/access.ts';
import { notFound } from '../../platform/http/errors.ts';
import * as repo from './notify.repository.ts';

const iso = (s: string | null) => (s ? new Date(s).toISOString() : null);

/** The caller's own inbox (every account has one; no permission needed beyond being logged in). */
export async function listMyNotifications(ctx: Ctx, q: z.infer<typeof notificationListQuery>) {
  const actor = requireActor(ctx);
  const f = { unread: q.unread === undefined ? undefined : q.unread === 'true', category: q.category };
  const [items, total] = await Promise.all([
    repo.findInbox(ctx.db, actor.accountId, f, q.pageSize, (q.page - 1) * q.pageSize),
    repo.countInbox(ctx.db, actor.accountId, f),
  ]);
  const views: NotificationView[] = items.map((n) => ({ ...n, createdAt: iso(n.createdAt)!, readAt: iso(n.readAt) }));
  return { items: views, total, page: q.page, pageSize: q.pageSize };
}

export async function countMyUnread(ctx: Ctx): Promise<{ count: number }> {
  const actor = requireActor(ctx);
  return { count: await repo.countInbox(ctx.db, actor.accountId, { unread: true }) };
}

/** Marks one of the caller's notifications read; someone else's answers 404. */
export async function markMyNotificationRead(ctx: Ctx, input: { id: string }): Promise<{ count: number }> {
  const actor = requireActor(ctx);
  if (!(await repo.markRead(ctx.db, actor.accountId, input.id, ctx.clock.now()))) throw notFound();
  const unread = await countMyUnread(ctx);
  ctx.publish(actor.accountId, { type: 'notification.read', unread: unread.count });
  return unread;
}

export async function markAllMyNotificationsRead(ctx: Ctx): Promise<{ count: number }> {
  const actor = requireActor(ctx);
  await repo.markAllRead(ctx.db, actor.accountId, ctx.clock.now());
  ctx.publish(actor.accountId, { type: 'notification.read', unread: 0 });
  return { count: 0 };
}
