import type { ErrorSpec } from '../common/errors.ts';

export const memberErrors = {
  MEMBER_ID_NUMBER_INVALID: { status: 400, zh: '身份证号码无效', en: 'Invalid ID number' },
  MEMBER_ID_NUMBER_DUPLICATE: { status: 422, zh: '该身份证号码已登记为党员，一个党员只有一份电子档案', en: 'This ID number is already registered' },
  MEMBER_GENDER_MISMATCH: { status: 422, zh: '性别与身份证号码不一致', en: 'Gender does not match the ID number' },
  MEMBER_BIRTH_DATE_MISMATCH: { status: 422, zh: '出生日期与身份证号码不一致', en: 'Birth date does not match the ID number' },
  MEMBER_ORG_NOT_BRANCH: { status: 422, zh: '党员只能编入党支部（含联合、临时党支部）或直接管理党员的党总支', en: 'Members belong to a branch-type organisation' },
  MEMBER_GROUP_INVALID: { status: 422, zh: '党小组必须属于该党员所在支部', en: 'The party group must belong to the member’s branch' },
  MEMBER_DATES_INCONSISTENT: { status: 422, zh: '日期不合理', en: 'Dates are inconsistent' },
  MEMBER_UNMASK_REASON_REQUIRED: { status: 400, zh: '查看完整敏感信息须填写查看事由', en: 'A reason is required to unmask' },
  MEMBER_NOT_ACTIVE: { status: 422, zh: '该党员不在册，不能执行此操作', en: 'The member is not active' },
  MEMBER_FULL_MEMBER_ON_REQUIRED: { status: 422, zh: '正式党员须填写转正日期', en: 'fullMemberOn is required for full members' },
} as const satisfies Record<string, ErrorSpec>;
