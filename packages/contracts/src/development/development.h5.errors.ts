import type { ErrorSpec } from '../common/errors.ts';

/** Refusals of the applicant's and mentor's H5 (发展党员). */
export const developmentH5Errors = {
  /**
   * One message for both "already registered" and "already a member", so the public registration form does not
   * tell a stranger whether an ID number belongs to a Party member (docs/development.md).
   */
  DEVELOPMENT_APPLICANT_NOT_REGISTRABLE: {
    status: 422,
    zh: '该身份证号不能注册申请人账号：已经注册过（请直接用身份证号登录），或已有党员档案。如有疑问请联系党支部',
    en: 'This ID number cannot register an applicant account (already registered or already on file)',
  },
  DEVELOPMENT_APPLICANT_ID_MISMATCH: { status: 422, zh: '身份证号与注册时填写的不一致', en: 'The ID number is not the one registered' },
  DEVELOPMENT_APPLICANT_HAS_CASE: { status: 422, zh: '您已经递交过入党申请，请查看办理进度', en: 'You have already applied' },
  DEVELOPMENT_APPLICANT_ONLY: { status: 403, zh: '只有申请人账号可以在手机上递交入党申请', en: 'Only an applicant account can apply on the H5' },
  DEVELOPMENT_NOTE_DATE_INVALID: { status: 422, zh: '记录日期不能晚于今天，也不能早于递交申请的日期', en: 'The note date is out of range' },
} as const satisfies Record<string, ErrorSpec>;
