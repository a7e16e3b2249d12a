import type { ErrorSpec } from '../common/errors.ts';

export const lifeErrors = {
  LIFE_LATE_ENTRY_REASON_REQUIRED: { status: 422, zh: '会议开始后才登记的为补录，须填写补录原因', en: 'A meeting entered after its start is a late entry and needs a reason' },
  LIFE_TYPE_NOT_ALLOWED: { status: 422, zh: '该组织不能召开这种会议', en: 'This organisation cannot hold this type of meeting' },
  LIFE_TIMES_INVALID: { status: 400, zh: '结束时间应晚于开始时间，且会议不超过 24 小时', en: 'endsAt must be after startsAt, within 24 hours' },
  LIFE_STATUS_INVALID: { status: 422, zh: '会议当前状态不允许此操作', en: 'The meeting’s status does not allow this' },
  LIFE_CHECK_IN_TOKEN_INVALID: { status: 422, zh: '签到二维码无效或已过期，请扫描会场屏幕上的最新二维码', en: 'The check-in code is invalid or expired' },
  LIFE_CHECK_IN_CLOSED: { status: 422, zh: '不在签到时间内', en: 'Check-in is closed' },
  LIFE_NOT_EXPECTED: { status: 422, zh: '您不在本次会议的应到人员中', en: 'You are not expected at this meeting' },
  LIFE_LEAVE_ALREADY_REQUESTED: { status: 422, zh: '已提交过请假申请', en: 'A leave request already exists' },
} as const satisfies Record<string, ErrorSpec>;
