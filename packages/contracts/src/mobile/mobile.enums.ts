/**
 * 流动党员 (党员教育管理工作条例 第三十二条): the outflow registry kept by the member's own branch, the inflow
 * registry of members from elsewhere taking part here, their reports and the alerts the registry raises.
 */

/** An outflow registration is open while `away` or `lost_contact`; it ends as `returned` or `transferred`. */
export const outflowStatuses = ['away', 'lost_contact', 'returned', 'transferred'] as const;
export type OutflowStatus = (typeof outflowStatuses)[number];
export const openOutflowStatuses: readonly OutflowStatus[] = ['away', 'lost_contact'];
export const outflowStatusLabels: Record<OutflowStatus, string> = {
  away: '外出流动',
  lost_contact: '失去联系',
  returned: '已返回',
  transferred: '已转出组织关系',
};

/** How an outflow ends: back home, or the relation moved to the place they live now (第二十五条). */
export const outflowOutcomes = ['returned', 'transferred'] as const;
export type OutflowOutcome = (typeof outflowOutcomes)[number];

/**
 * `contact`: the branch got in touch with the member; `activity` / `thought`: the member's own report on the
 * organisational life they joined or on their thinking and work — the yearly report to the outflow org.
 */
export const reportKinds = ['contact', 'activity', 'thought'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportKindLabels: Record<ReportKind, string> = {
  contact: '联系情况',
  activity: '参加组织生活情况汇报',
  thought: '思想工作情况汇报',
};

export const inflowStatuses = ['hosted', 'left'] as const;
export type InflowStatus = (typeof inflowStatuses)[number];
export const inflowStatusLabels: Record<InflowStatus, string> = {
  hosted: '在本地参加活动',
  left: '已离开',
};

/** What an open registration needs attention for (each has its own setting). */
export const mobileAlerts = ['transfer_due', 'lost_contact', 'report_due'] as const;
export type MobileAlert = (typeof mobileAlerts)[number];
export const mobileAlertLabels: Record<MobileAlert, string> = {
  transfer_due: '应转接组织关系',
  lost_contact: '长期未联系',
  report_due: '汇报逾期',
};

/** Common reasons for going away, offered in forms (the field itself is free text). */
export const outflowReasonSuggestions = ['外出务工', '外出经商', '外出学习', '随子女居住', '异地就医', '参军入伍'] as const;
