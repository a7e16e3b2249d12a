import type { ErrorSpec } from '../common/errors.ts';

export const reportInErrors = {
  REPORT_IN_ID_NUMBER_INVALID: { status: 422, zh: '身份证号码有误', en: 'The ID number is invalid' },
  REPORT_IN_NAME_MISMATCH: { status: 422, zh: '姓名与平台上的党员档案不一致，请核对姓名和身份证号码', en: 'The name does not match the member file on the platform' },
  REPORT_IN_DUPLICATE: { status: 422, zh: '该党员已有待确认或已报到的社区报到，不能重复报到；如居住地变更，请先结束原报到', en: 'This member already has an open registration' },
  REPORT_IN_COMMUNITY_INVALID: { status: 422, zh: '报到社区应为未撤销的社区（村）党组织', en: 'Choose an active community (or village) party organisation' },
  REPORT_IN_NOT_ACTIONABLE: { status: 422, zh: '该报到当前状态下不能进行此操作', en: 'The registration cannot take this action in its current state' },
  REPORT_IN_NOT_CONFIRMED: { status: 422, zh: '社区确认报到后才能认领服务项目、登记服务和评议', en: 'The community has not confirmed this registration yet' },
  REPORT_IN_REASON_REQUIRED: { status: 422, zh: '请填写原因', en: 'A reason is required' },
  REPORT_IN_UNIT_CREDIT_CODE_INVALID: { status: 422, zh: '统一社会信用代码应为 18 位且校验位正确（GB 32100）', en: 'The unified social credit code is invalid' },
  REPORT_IN_UNIT_CREDIT_CODE_TAKEN: { status: 422, zh: '该统一社会信用代码的单位已登记', en: 'A unit with this credit code is already registered' },
  REPORT_IN_POST_FULL: { status: 422, zh: '该服务项目名额已满，请选择其他项目', en: 'This item is full' },
  REPORT_IN_POST_CLOSED: { status: 422, zh: '该服务项目已停止认领', en: 'This item is closed' },
  REPORT_IN_POST_CAPACITY_TOO_LOW: { status: 422, zh: '名额不能少于已认领的人数', en: 'The capacity cannot be below the current claims' },
  REPORT_IN_ALREADY_CLAIMED: { status: 422, zh: '您已认领该服务项目', en: 'Already claimed' },
  REPORT_IN_POST_NOT_CLAIMED: { status: 422, zh: '服务记录所属项目须是本人已认领的项目', en: 'Log service against an item you have claimed' },
  REPORT_IN_SERVICE_DATE_INVALID: { status: 422, zh: '服务日期应在社区确认报到之后、今天之前', en: 'The service date must be between confirmation and today' },
  REPORT_IN_RATER_NOT_ALLOWED: { status: 422, zh: '这一项评议不由您填写', en: 'This grade is recorded by someone else' },
  REPORT_IN_EVALUATION_EXISTS: { status: 422, zh: '该项评议本年度已填写，每年每项只评一次', en: 'This grade was already recorded for the year' },
  REPORT_IN_EVALUATION_YEAR_INVALID: { status: 422, zh: '评议年度应在报到年度与今年之间', en: 'The year must lie between registration and this year' },
} as const satisfies Record<string, ErrorSpec>;
