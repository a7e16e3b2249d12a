import type { ErrorSpec } from '../common/errors.ts';

/** 发展党员 refusals: each 422 carries `error.details[]` with the field (`path`), the reason and the 细则 `article`. */
export const developmentErrors = {
  DEVELOPMENT_TIME_LIMIT: { status: 422, zh: '不符合发展党员工作细则规定的时限', en: 'A time limit of the development rules is not met' },
  DEVELOPMENT_PRECONDITION: { status: 422, zh: '不符合发展党员工作细则规定的前置条件', en: 'A precondition of the development rules is not met' },
  DEVELOPMENT_STEP_UNKNOWN: { status: 400, zh: '没有这个发展党员环节', en: 'No such development step' },
  DEVELOPMENT_STEP_DONE: { status: 422, zh: '该环节已办理', en: 'This step has already been recorded' },
  DEVELOPMENT_CASE_CLOSED: { status: 422, zh: '该发展党员档案已归档或终止，不能再办理环节', en: 'The case is archived or stopped' },
  DEVELOPMENT_CASE_OPEN: { status: 422, zh: '此人已有正在办理的发展党员档案', en: 'This person already has an open case' },
  DEVELOPMENT_ALREADY_MEMBER: { status: 422, zh: '此人已是党员', en: 'This person is already a member' },
  DEVELOPMENT_UNDER_AGE: { status: 422, zh: '申请入党须年满十八岁', en: 'The applicant must be at least 18 on the application date' },
  DEVELOPMENT_ORG_INVALID: { status: 422, zh: '发展党员档案应建在党支部（含联合、临时党支部）', en: 'A case belongs to a branch' },
  DEVELOPMENT_NOT_APPROVER: { status: 403, zh: '该环节须由有审批预备党员权限的上级党委办理', en: 'This step needs a committee with approval power' },
  DEVELOPMENT_OVERRIDE_FORBIDDEN: { status: 403, zh: '无权越过时限或前置条件办理', en: 'No right to override a development rule' },
} as const satisfies Record<string, ErrorSpec>;
