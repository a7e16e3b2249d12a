/**
 * Notification templates: zh-CN and English text with `{placeholders}`. Every module sends by template key,
 * so one inbox shows one voice. `link` is the in-app page the notification is about.
 */
export interface TemplateText {
  title: string;
  body: string;
}

export interface TemplateSpec {
  zh: TemplateText;
  en: TemplateText;
  /** Which in-app page it links to (filled from data); null for none. */
  link: string | null;
  /** Kind for filters and icons in the inbox. */
  category: 'greeting' | 'reminder' | 'notice';
}

export const notifyTemplates = {
  'birthday.greeting': {
    zh: { title: '生日快乐', body: '{name}同志：今天是您的生日，{orgName}祝您生日快乐、身体健康！' },
    en: { title: 'Happy birthday', body: 'Dear {name}: {orgName} wishes you a happy birthday and good health!' },
    link: '/m',
    category: 'greeting',
  },
  'political_birthday.greeting': {
    zh: { title: '政治生日快乐', body: '{name}同志：今天是您入党 {years} 周年的政治生日。不忘初心，牢记使命！——{orgName}' },
    en: { title: 'Happy political birthday', body: 'Dear {name}: today marks {years} years since you joined the Party. — {orgName}' },
    link: '/m',
    category: 'greeting',
  },
  'election.due': {
    zh: { title: '换届提醒', body: '{orgName} 本届任期将于 {termEnd} 届满（还有约 {months} 个月），请按规定做好换届准备。' },
    en: { title: 'Election due', body: 'The term of {orgName} ends on {termEnd} (in about {months} month(s)): prepare the election.' },
    link: '/admin/orgs/{orgId}',
    category: 'reminder',
  },
  'life.meeting_notice': {
    zh: { title: '会议通知：{title}', body: '{orgName} 定于 {startsAt} 在 {place} 召开{typeName}，请准时参加；不能参加请在“我的会议”中请假。' },
    en: { title: 'Meeting: {title}', body: '{orgName} holds a {typeName} at {startsAt}, {place}. If you cannot attend, request leave under My meetings.' },
    link: '/m/meetings/{meetingId}',
    category: 'notice',
  },
  'life.minutes_overdue': {
    zh: { title: '会议记录逾期：{title}', body: '{orgName} {startsAt} 的{typeName}已结束 {days} 天，会议记录尚未完成确认（应在会后 {dueDays} 天内完成），请尽快填写并确认。' },
    en: { title: 'Minutes overdue: {title}', body: 'The {typeName} of {orgName} on {startsAt} ended {days} days ago; its minutes are not confirmed yet (due within {dueDays} days).' },
    link: '/admin/meetings/{meetingId}/venue',
    category: 'reminder',
  },
  'dues.arrears_reminder': {
    zh: { title: '党费交纳提醒', body: '{name}同志：您的党费交至 {paidUntil}，已有 {months} 个月未交（共 {owed} 元）。请按月交纳党费，有困难可向支部说明。——{orgName}' },
    en: { title: 'Party dues reminder', body: 'Dear {name}: your dues are paid until {paidUntil}; {months} months ({owed} yuan) are unpaid. — {orgName}' },
    link: '/m/dues',
    category: 'reminder',
  },
  'dues.lapse_review': {
    zh: { title: '党员连续 6 个月未交党费：{name}', body: '{orgName} 党员 {name} 已连续 {months} 个月未交纳党费（党费交至 {paidUntil}），且未登记正当理由。请支部了解情况、教育督促；确无正当理由的，依照党章第九条按自行脱党处理，由支部研究决定。' },
    en: { title: 'Six months of unpaid dues: {name}', body: '{name} of {orgName} has not paid dues for {months} consecutive months with no reason recorded. The branch should follow up (Party Constitution art. 9).' },
    link: '/admin/dues/arrears',
    category: 'reminder',
  },
  'transfer.step_pending': {
    zh: { title: '组织关系转接待办：{memberName}', body: '{memberName} 同志的组织关系转接已到 {orgName} 办理（{stepLabel}），请在 {dueOn} 前审批。' },
    en: { title: 'Transfer to handle: {memberName}', body: 'The transfer of {memberName} awaits {orgName} ({stepLabel}); please decide by {dueOn}.' },
    link: '/admin/transfers/{transferId}',
    category: 'reminder',
  },
  'transfer.step_overdue': {
    zh: { title: '组织关系转接超时：{memberName}', body: '{memberName} 同志的组织关系转接在 {orgName}（{stepLabel}）已超过办理时限（应于 {dueOn} 前办理）。组织关系转接不得无故拒转拒接，请尽快办理。' },
    en: { title: 'Transfer overdue: {memberName}', body: 'The transfer of {memberName} at {orgName} ({stepLabel}) was due by {dueOn}.' },
    link: '/admin/transfers/{transferId}',
    category: 'reminder',
  },
  'transfer.outcome': {
    zh: { title: '组织关系转接{outcome}：{memberName}', body: '{memberName} 同志转往 {toOrgName} 的组织关系转接{outcome}。{comment}' },
    en: { title: 'Transfer {outcome}: {memberName}', body: 'The transfer of {memberName} to {toOrgName}: {outcome}. {comment}' },
    link: '/m/transfers/{transferId}',
    category: 'notice',
  },
  'transfer.receipt_overdue': {
    zh: { title: '介绍信回执逾期：{memberName}', body: '{memberName} 同志的组织关系介绍信（{letterNo}）回执应于 {dueOn} 前寄回，至今未登记。请与接收党组织联系；收到前本组织仍负责管理该党员。' },
    en: { title: 'Letter receipt overdue: {memberName}', body: 'The receipt of letter {letterNo} for {memberName} was due by {dueOn}.' },
    link: '/admin/transfers/{transferId}',
    category: 'reminder',
  },
  'notice.generic': {
    zh: { title: '{title}', body: '{body}' },
    en: { title: '{title}', body: '{body}' },
    link: null,
    category: 'notice',
  },
} as const satisfies Record<string, TemplateSpec>;

export type NotifyTemplateKey = keyof typeof notifyTemplates;
export const notifyTemplateKeys = Object.keys(notifyTemplates) as NotifyTemplateKey[];

/** Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish. */
export function renderTemplate(text: string, data: Record<string, unknown>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (data[k] === undefined || data[k] === null ? m : String(data[k])));
}
