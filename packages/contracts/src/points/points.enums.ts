/**
 * Kinds of points events (党员积分). Each kind is also the key of its value in the `points.rules` setting,
 * so a rule set and the events it produces use the same words.
 */
export const pointsKinds = ['attended', 'attendedOnline', 'onLeave', 'absentWithoutLeave', 'gaveLecture', 'hosted', 'recorded'] as const;
export type PointsKind = (typeof pointsKinds)[number];

export const pointsKindLabels: Record<PointsKind, string> = {
  attended: '参加组织生活',
  attendedOnline: '线上参加组织生活',
  onLeave: '请假',
  absentWithoutLeave: '无故缺席',
  gaveLecture: '讲党课',
  hosted: '主持会议',
  recorded: '记录会议',
};

/** Where an event comes from: so far only confirmed meetings (through the `points.meeting_confirmed` job). */
export const pointsSourceTypes = ['meeting'] as const;
export type PointsSourceType = (typeof pointsSourceTypes)[number];
