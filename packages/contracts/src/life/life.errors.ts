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
  LIFE_MINUTES_TOO_EARLY: { status: 422, zh: '会议开始后才能填写会议记录', en: 'Minutes can be written once the meeting has started' },
  LIFE_MINUTES_PERSON_INVALID: { status: 422, zh: '主持人和记录人须是本次会议的参会人员', en: 'Host and recorder must be attendees' },
  LIFE_CORRECTION_REASON_REQUIRED: { status: 422, zh: '修改已确认或被退回的会议记录须说明修改原因', en: 'A correction needs a reason' },
  LIFE_NOT_CONFIRMER: { status: 403, zh: '只有本次会议的主持人或记录人可以确认会议记录', en: 'Only the host or the recorder confirms the minutes' },
  LIFE_QUORUM_NOT_MET: { status: 422, zh: '到会人数未达到规定，会议决定无效', en: 'The quorum was not met' },
  LIFE_REVIEW_NOT_UPPER_LEVEL: { status: 403, zh: '会议记录由上级党组织审核', en: 'The upper level reviews the minutes' },
  LIFE_RETURN_COMMENT_REQUIRED: { status: 400, zh: '退回须填写审核意见', en: 'A return needs a comment' },
  LIFE_TALK_PARTIES_REQUIRED: { status: 422, zh: '谈心谈话须写明谈话双方（两名本支部党员）', en: 'A talk names its two parties' },
  LIFE_ONLINE_NOT_OFFERED: { status: 422, zh: '本次会议没有线上参会方式', en: 'This meeting offers no online attendance' },
} as const satisfies Record<string, ErrorSpec>;
