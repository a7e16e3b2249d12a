import type { ErrorSpec } from '../common/errors.ts';

export const certificateErrors = {
  CERTIFICATE_MEMBER_NOT_ACTIVE: { status: 422, zh: '该党员不在册（已出党或停止党籍），不能签发电子活动证', en: 'Certificates are issued to active members only' },
} as const satisfies Record<string, ErrorSpec>;
