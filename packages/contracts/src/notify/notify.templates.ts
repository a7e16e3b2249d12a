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
  'mobile.transfer_due': {
    zh: { title: '流动党员应转接组织关系：{memberName}', body: '{orgName} 党员 {memberName} 于 {leftOn} 外出到 {destination}（相对固定地点），已满 {months} 个月仍未转接组织关系。按党员教育管理工作条例第二十五条，应及时转移组织关系；暂不具备条件的，继续作为流动党员管理并保持联系。' },
    en: { title: 'Mobile member should transfer: {memberName}', body: '{memberName} of {orgName} has lived at {destination} since {leftOn} ({months} months) without transferring the relation.' },
    link: '/admin/mobile?outflow={outflowId}',
    category: 'reminder',
  },
  'mobile.lost_contact': {
    zh: { title: '流动党员长期未联系：{memberName}', body: '{orgName} 党员 {memberName} 自 {since} 起已 {months} 个月未与党组织联系。请多方寻找、恢复联系并登记；失去联系满 6 个月、经多方寻找仍无法取得联系的，按党员教育管理工作条例第二十四条停止党籍。' },
    en: { title: 'Mobile member out of contact: {memberName}', body: '{memberName} of {orgName} has had no contact since {since} ({months} months).' },
    link: '/admin/mobile?outflow={outflowId}',
    category: 'reminder',
  },
  'mobile.report_due': {
    zh: { title: '流动党员汇报逾期：{memberName}', body: '{orgName} 党员 {memberName} 外出流动期间应每年至少一次向流出党组织汇报思想、工作和参加组织生活情况；自 {since} 以来已超过 {months} 个月未汇报，请联系督促并登记。' },
    en: { title: 'Mobile member report due: {memberName}', body: '{memberName} of {orgName} has not reported since {since} ({months} months).' },
    link: '/admin/mobile?outflow={outflowId}',
    category: 'reminder',
  },
  'mobile.inflow_transfer_due': {
    zh: { title: '流入党员应转接组织关系：{name}', body: '{name} 同志（组织关系在 {homeOrgName}）自 {arrivedOn} 起在 {orgName} 参加组织生活，已满 {months} 个月。在相对固定地点满 6 个月的应转移组织关系（党员教育管理工作条例第二十五条），请与其原党组织联系。' },
    en: { title: 'Inflow member should transfer: {name}', body: '{name} (relation at {homeOrgName}) has taken part at {orgName} since {arrivedOn} ({months} months).' },
    link: '/admin/mobile/inflows',
    category: 'reminder',
  },
  'report_in.pending_confirm': {
    zh: { title: '在职党员报到待确认：{unitName}', body: '{unitName} 有 {count} 名在职党员到 {communityName} 报到，请核实后确认（开具回执）或退回。' },
    en: { title: 'Registrations to confirm: {unitName}', body: '{count} in-service member(s) of {unitName} registered with {communityName}; please confirm or decline.' },
    link: '/admin/report-in',
    category: 'reminder',
  },
  'report_in.confirmed': {
    zh: { title: '社区已确认报到：{name}', body: '{name} 同志已到 {communityName} 报到（回执 {receiptNo}）。可在“双报到”中认领岗位、结对或服务队，参加服务后登记服务记录。' },
    en: { title: 'Registration confirmed: {name}', body: '{name} is now registered with {communityName} (receipt {receiptNo}).' },
    link: '/m/report-in',
    category: 'notice',
  },
  'report_in.unit_confirmed': {
    zh: { title: '社区已确认报到：{name}', body: '{communityName} 已确认 {name} 同志报到（回执 {receiptNo}），可在“双报到”中打印回执留存，并查看其认岗、服务和评议情况。' },
    en: { title: 'Registration confirmed: {name}', body: '{communityName} confirmed the registration of {name} (receipt {receiptNo}).' },
    link: '/admin/report-in',
    category: 'notice',
  },
  'report_in.declined': {
    zh: { title: '社区退回报到：{name}', body: '{communityName} 退回了 {name} 同志的报到，原因：{reason}。请核实居住社区后重新登记。' },
    en: { title: 'Registration declined: {name}', body: '{communityName} declined the registration of {name}: {reason}.' },
    link: '/admin/report-in',
    category: 'notice',
  },
  'report_in.service_decided': {
    zh: { title: '服务记录{outcome}', body: '您 {servedOn} 的服务记录（{minutes} 分钟）{outcome}。{note}——{communityName}' },
    en: { title: 'Service record {outcome}', body: 'Your service on {servedOn} ({minutes} min): {outcome}. {note} — {communityName}' },
    link: '/m/report-in',
    category: 'notice',
  },
  'development.step_due_soon': {
    zh: { title: '发展党员环节即将到期：{name}', body: '{orgName} {stageName}{name}：“{stepName}”应于 {dueBy} 前办理（还有 {days} 天；{rule}，依据细则{article}）。' },
    en: { title: 'Development step due soon: {name}', body: '{name} of {orgName}: "{stepName}" is due by {dueBy} (in {days} day(s)).' },
    link: '/admin/development/{caseId}',
    category: 'reminder',
  },
  'development.step_overdue': {
    zh: { title: '发展党员环节已超期：{name}', body: '{orgName} {stageName}{name}：“{stepName}”应于 {dueBy} 前办理，已超期 {days} 天（{rule}，依据细则{article}）。请尽快办理；确因特殊情况超期的，办理时须说明理由并经授权。' },
    en: { title: 'Development step overdue: {name}', body: '{name} of {orgName}: "{stepName}" was due by {dueBy} ({days} day(s) ago).' },
    link: '/admin/development/{caseId}',
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
