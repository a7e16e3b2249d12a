import type { ErrorSpec } from '../common/errors.ts';

export const transferErrors = {
  TRANSFER_TARGET_REQUIRED: { status: 422, zh: '请选择转入的党组织，或填写系统外党组织的名称', en: 'Choose a target organisation or name one outside the platform' },
  TRANSFER_TARGET_INVALID: { status: 422, zh: '转入党组织应为党支部（含联合、临时党支部）或有审批权的基层党委，且未撤销', en: 'The target must be an active branch or a grassroots committee' },
  TRANSFER_SAME_ORG: { status: 422, zh: '转入党组织与现所在党组织相同', en: 'The target is the member’s current organisation' },
  TRANSFER_MEMBER_NOT_ACTIVE: { status: 422, zh: '该党员不在册，不能办理组织关系转接', en: 'The member is not active' },
  TRANSFER_IN_PROGRESS: { status: 422, zh: '该党员已有正在办理的组织关系转接', en: 'A transfer for this member is already under way' },
  TRANSFER_NO_COMMITTEE: { status: 422, zh: '找不到有审批权的基层党委办理转接，请先在组织设置中指定', en: 'No grassroots committee can handle this transfer' },
  TRANSFER_NOT_ACTIONABLE: { status: 422, zh: '该转接当前状态下不能进行此操作', en: 'The transfer cannot take this action in its current state' },
  TRANSFER_NOT_YOUR_STEP: { status: 403, zh: '当前审批环节不在您的管理范围内', en: 'The current step is not yours to act on' },
  TRANSFER_COMMENT_REQUIRED: { status: 422, zh: '退回或拒绝须填写意见', en: 'A comment is required to return or reject' },
  TRANSFER_LETTER_EXPIRED: { status: 422, zh: '介绍信已过有效期，不能登记回执；请撤销后重新开具', en: 'The letter has expired' },
  TRANSFER_NO_LETTER: { status: 422, zh: '该转接没有开具介绍信', en: 'No letter was issued for this transfer' },
} as const satisfies Record<string, ErrorSpec>;
