/** 三会一课 and other organisational-life meetings (支部工作条例 第十一–十九条). */
export const meetingTypes = [
  'branch_general_meeting',
  'branch_committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'org_life_meeting',
  'democratic_appraisal',
  'heart_talk',
] as const;
export type MeetingType = (typeof meetingTypes)[number];

export const meetingTypeLabels: Record<MeetingType, string> = {
  branch_general_meeting: '支部党员大会',
  branch_committee_meeting: '支部委员会会议',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  org_life_meeting: '组织生活会',
  democratic_appraisal: '民主评议党员',
  heart_talk: '谈心谈话',
};

/** planned → in_progress → minutes_draft → confirmed → approved (locked); returned → minutes_draft; cancelled. */
export const meetingStatuses = ['planned', 'in_progress', 'minutes_draft', 'confirmed', 'approved', 'returned', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const meetingStatusLabels: Record<MeetingStatus, string> = {
  planned: '已计划',
  in_progress: '进行中',
  minutes_draft: '记录待确认',
  confirmed: '已确认待审核',
  approved: '已审核',
  returned: '已退回',
  cancelled: '已取消',
};

/** How a member attended: by scanning the venue QR, marked by the organiser, or online (mobile members). */
export const attendanceKinds = ['present', 'online', 'leave', 'absent'] as const;
export type AttendanceKind = (typeof attendanceKinds)[number];
/** qr: the venue code; link: a 流动党员 through the online link; manual: marked by the organiser with a reason. */
export const checkInMethods = ['qr', 'link', 'manual'] as const;
export const leaveRequestStatuses = ['pending', 'approved', 'refused'] as const;
