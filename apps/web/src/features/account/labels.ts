import type { AccountKind } from '@xianfeng/contracts/account/account.permissions';

export const kindLabels: Record<AccountKind, string> = {
  staff: '工作人员',
  member: '党员',
  applicant: '入党申请人',
  resident: '群众',
  work_unit_admin: '单位管理员',
};
