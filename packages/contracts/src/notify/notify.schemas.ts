import { z } from 'zod';
import { pageQuery, uuid } from '../common/common.schemas.ts';

export const channels = ['inbox', 'sms', 'wechat', 'log'] as const;
export type Channel = (typeof channels)[number];
/** External channels a member may choose; the inbox is always on. */
export const optionalChannels = ['sms', 'wechat'] as const;

export const notificationView = z.object({
  id: uuid,
  template: z.string(),
  category: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** Set when this account receives it on someone else's behalf (family contact, grid worker). */
  onBehalfOf: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationListQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  category: z.enum(['greeting', 'reminder', 'notice']).optional(),
  ...pageQuery,
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:MM' });
const phone = z.string().trim().regex(/^1[3-9]\d{9}$/, { error: '手机号码应为 11 位，以 1 开头' });

/** Who receives on a member's behalf (elderly members without a phone of their own). */
export const proxyKinds = ['self', 'family', 'grid_worker'] as const;

export const memberCareView = z.object({
  memberId: uuid,
  birthdayGreetings: z.boolean(),
  deliverTo: z.enum(proxyKinds),
  familyName: z.string().nullable(),
  /** Masked like every phone in responses. */
  familyPhone: z.string().nullable(),
  gridWorkerAccountId: uuid.nullable(),
});
export type MemberCareView = z.infer<typeof memberCareView>;

export const updateCareBody = z
  .object({
    birthdayGreetings: z.boolean().optional(),
    deliverTo: z.enum(proxyKinds, { error: '代收方式应为 self / family / grid_worker' }).optional(),
    familyName: z.string().trim().min(1).max(30).nullable().optional(),
    familyPhone: phone.nullable().optional(),
    gridWorkerAccountId: uuid.nullable().optional(),
  })
  .strict();

export const preferencesView = z.object({
  channels: z.array(z.enum(optionalChannels)),
  quietStart: hhmm,
  quietEnd: hhmm,
  language: z.enum(['zh', 'en']),
  /** The caller's own member care settings, when the account is a member's. */
  care: memberCareView.nullable(),
});
export type PreferencesView = z.infer<typeof preferencesView>;

export const updatePreferencesBody = z
  .object({
    channels: z.array(z.enum(optionalChannels, { error: '渠道只能是 sms 或 wechat' })).max(2).optional(),
    quietStart: hhmm.optional(),
    quietEnd: hhmm.optional(),
    language: z.enum(['zh', 'en']).optional(),
    care: updateCareBody.optional(),
  })
  .strict();

export const receiptBody = z.object({
  deliveryId: uuid,
  status: z.enum(['delivered', 'failed']),
  providerMessageId: z.string().max(128).optional(),
  error: z.string().max(500).optional(),
});
