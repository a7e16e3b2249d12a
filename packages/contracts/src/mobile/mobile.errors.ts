import type { ErrorSpec } from '../common/errors.ts';

export const mobileErrors = {
  MOBILE_MEMBER_NOT_ACTIVE: { status: 422, zh: '该党员不在册（已停止党籍或已出党），不能登记为流动党员', en: 'The member is not active' },
  MOBILE_OUTFLOW_EXISTS: { status: 422, zh: '该党员已有未结束的流出登记', en: 'The member already has an open outflow registration' },
  MOBILE_DATES_INVALID: { status: 422, zh: '日期不合理：应不晚于今天，且不早于外出日期', en: 'The date is out of range' },
  MOBILE_INFLOW_ORG_INVALID: { status: 422, zh: '流入党组织不存在、已撤销，或与流出党组织相同', en: 'The inflow organisation is invalid' },
  MOBILE_NOT_ACTIONABLE: { status: 422, zh: '该登记当前状态下不能进行此操作', en: 'The registration cannot take this action in its current state' },
  MOBILE_NO_CERTIFICATE: { status: 422, zh: '尚未开具流动党员活动证', en: 'No mobile member certificate was issued' },
  MOBILE_HOST_ORG_INVALID: { status: 422, zh: '流入党员应编入党支部（含联合、临时党支部）参加活动，且该支部未撤销', en: 'The host must be an active branch' },
  MOBILE_ID_NUMBER_INVALID: { status: 422, zh: '身份证号码无效（应为 18 位，出生日期和校验位正确）', en: 'The ID number is invalid' },
  MOBILE_INFLOW_DUPLICATE: { status: 422, zh: '该流入党员已在本支部登记，尚未离开', en: 'This inflow member is already registered here' },
  MOBILE_CERTIFICATE_MISMATCH: { status: 422, zh: '活动证号与姓名不符，或该活动证已失效', en: 'The certificate number does not match the name, or is void' },
} as const satisfies Record<string, ErrorSpec>;
