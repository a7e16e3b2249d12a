import type { ErrorSpec } from '../common/errors.ts';

export const notifyErrors = {
  NOTIFY_TEMPLATE_UNKNOWN: { status: 422, zh: '通知模板不存在', en: 'Unknown notification template' },
  NOTIFY_FAMILY_CONTACT_REQUIRED: { status: 422, zh: '选择由家属代收时，须填写家属姓名和手机号', en: 'A family contact is required' },
  NOTIFY_GRID_WORKER_REQUIRED: { status: 422, zh: '选择由网格员代收时，须指定负责该党员所在组织的网格员（工作人员）账号', en: 'A grid worker account covering the member’s organisation is required' },
  NOTIFY_RECEIPT_UNAUTHENTICATED: { status: 401, zh: '回执签名无效', en: 'Receipt signature invalid' },
  NOTIFY_NOT_A_MEMBER_ACCOUNT: { status: 422, zh: '只有党员账号可以设置生日祝福和代收', en: 'Only member accounts have these preferences' },
} as const satisfies Record<string, ErrorSpec>;
