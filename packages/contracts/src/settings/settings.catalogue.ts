import { z } from 'zod';

/**
 * Typed settings keys. A value is set on an org and inherited down the tree (nearest ancestor wins);
 * the default is the regulation's value. Later modules add their keys here.
 */
export interface SettingSpec<T extends z.ZodType = z.ZodType> {
  schema: T;
  default: z.infer<T>;
  zh: string;
  article?: string;
  /** Security policy keys are changed by the 安全管理员 (security.settings.write), not by org admins. */
  security?: boolean;
}

function spec<T extends z.ZodType>(s: SettingSpec<T>): SettingSpec<T> {
  return s;
}

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const settingsCatalogue = {
  'org.branchMinFullMembers': spec({
    schema: int(1, 20),
    default: 3,
    zh: '设立党支部所需正式党员最少人数',
    article: '支部工作条例 第四条',
  }),
  'org.branchMaxMembers': spec({ schema: int(10, 500), default: 50, zh: '党支部党员人数上限（一般）', article: '支部工作条例 第四条' }),
  'org.committeeThreshold': spec({
    schema: int(3, 50),
    default: 7,
    zh: '设立支部委员会的正式党员人数',
    article: '支部工作条例 第二十条',
  }),
  'org.termYears.committee': spec({ schema: int(3, 5), default: 5, zh: '基层党委任期（年）', article: '中办 2018 任期意见' }),
  'org.termYears.branch': spec({
    schema: int(3, 5),
    default: 3,
    zh: '党总支、党支部任期（年，社区和农村除外）',
    article: '支部工作条例 第二十一条',
  }),
  'org.termYears.communityBranch': spec({
    schema: int(3, 5),
    default: 5,
    zh: '社区、农村党总支和党支部任期（年）',
    article: '支部工作条例 第二十一条',
  }),
  'org.electionWarningMonths': spec({ schema: int(1, 24), default: 6, zh: '换届提醒提前月数', article: '基层组织选举工作条例 第三条' }),
  'auth.maxFailedLogins': spec({ schema: int(3, 10), default: 5, zh: '连续登录失败锁定次数', article: 'GB/T 22239-2019 8.1.4.1', security: true }),
  'auth.lockMinutes': spec({ schema: int(5, 1440), default: 30, zh: '登录失败锁定时长（分钟）', article: 'GB/T 22239-2019 8.1.4.1', security: true }),
  'auth.idleMinutes': spec({ schema: int(5, 120), default: 30, zh: '会话空闲超时（分钟）', article: 'GB/T 22239-2019 8.1.4.1', security: true }),
  'auth.absoluteHours': spec({ schema: int(1, 24), default: 12, zh: '会话绝对超时（小时）', security: true }),
  'auth.rateLimitPerMinute': spec({ schema: int(0, 100000), default: 600, zh: '每个 IP 每分钟请求上限（0 为不限制）', security: true }),
  'notify.greetingHour': spec({ schema: int(6, 21), default: 9, zh: '两个生日祝福的发送时刻（时，北京时间）' }),
  'notify.electionReminderMonths': spec({
    schema: z.array(int(1, 12)).min(1).max(4),
    default: [6, 1],
    zh: '换届提醒：任期届满前几个月提醒',
    article: '基层组织选举工作条例 第三条',
  }),
  'notify.defaultQuietStart': spec({ schema: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), default: '21:30', zh: '默认免打扰开始时间（短信、微信）' }),
  'notify.defaultQuietEnd': spec({ schema: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), default: '08:00', zh: '默认免打扰结束时间（短信、微信）' }),
  'life.checkInWindowMinutes': spec({ schema: int(5, 240), default: 20, zh: '会议签到时间窗口：开始前后各多少分钟可扫码签到' }),
  'life.minutesDueDays': spec({ schema: int(1, 30), default: 7, zh: '会议记录应在会后几天内完成' }),
  'life.dueSoonDays': spec({ schema: int(1, 60), default: 10, zh: '组织生活“即将到期”提醒：周期结束前几天' }),
  'life.fixedDay': spec({
    schema: z.object({ week: z.union([int(1, 4), z.literal(-1)]), weekday: int(1, 7) }),
    default: { week: 1, weekday: 2 },
    zh: '固定组织生活日：每月第几周（-1 为最后一周）的星期几（1 为星期一）',
    article: '支部工作条例 第十六条',
  }),
  'life.customTypes': spec({
    schema: z
      .array(
        z.object({
          id: z.string().regex(/^custom_[a-z0-9_]{1,32}$/, { error: '自定义会议类型编号应为 custom_ 开头的小写字母、数字或下划线' }),
          label: z.string().trim().min(1).max(20),
          appliesTo: z.enum(['branch', 'group']).default('branch'),
          every: z.enum(['month', 'quarter', 'year']).optional(),
          required: int(1, 12).optional(),
          source: z.string().trim().max(100).optional(),
        }),
      )
      .max(20),
    default: [],
    zh: '自定义组织生活类型（如“三务公开日”）；填写频次的计入达标检查',
  }),
  'life.localRules': spec({
    schema: z
      .array(
        z.object({
          rule: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
          every: z.enum(['month', 'quarter', 'year']),
          required: int(1, 12),
          source: z.string().trim().min(1).max(100),
        }),
      )
      .max(20),
    default: [],
    zh: '组织生活频次的地方规定（如“党课每季度一次”），覆盖全国默认频次',
    article: '支部工作条例 第十五条（党课频次由各地规定）',
  }),
  'points.rules': spec({
    schema: z.object({
      attended: int(-100, 100),
      attendedOnline: int(-100, 100),
      onLeave: int(-100, 100),
      absentWithoutLeave: int(-100, 100),
      gaveLecture: int(-100, 100),
      hosted: int(-100, 100),
      recorded: int(-100, 100),
    }),
    default: { attended: 2, attendedOnline: 2, onLeave: 0, absentWithoutLeave: -2, gaveLecture: 5, hosted: 1, recorded: 1 },
    zh: '党员积分规则：参加组织生活、线上参加、请假、无故缺席、讲党课、主持、记录各计几分',
  }),
  'points.rankingEnabled': spec({
    schema: z.boolean(),
    default: false,
    zh: '是否在支部内显示积分排名（默认关闭：不搞强制打卡和排名）',
    article: '2023 年整治形式主义为基层减负有关要求',
  }),
  'dues.baseRule': spec({
    schema: z.enum(['2008', '2017']),
    default: '2017',
    zh: '党费计算基数核定方式：2017（每年年初核定，年内一般不变）或 2008（工资变动当月起按新基数）',
    article: '组电明字〔2017〕5号 一(1)；中组发〔2008〕3号 第十条',
  }),
  'dues.farmerMonthlyFen': spec({ schema: int(20, 100), default: 20, zh: '农民党员每月交纳党费（分，0.20–1.00 元，由省级党委确定）', article: '中组发〔2008〕3号 第六条' }),
  'dues.capEnabled': spec({ schema: z.boolean(), default: true, zh: '每月党费是否设上限（超过上限部分自愿多交）', article: '组电明字〔2017〕5号 一(1)' }),
  'dues.capFen': spec({ schema: int(10000, 1000000), default: 100000, zh: '每月党费上限（分，默认 1000 元）', article: '组电明字〔2017〕5号 一(1)' }),
  'dues.backPaymentMonths': spec({ schema: int(1, 24), default: 6, zh: '补交党费一般不超过的月数（预备党员自支部大会通过之月起补交的不受此限）', article: '中组发〔2008〕3号 第十二条' }),
  'dues.reminderMonths': spec({ schema: int(1, 5), default: 3, zh: '欠交党费几个月时提醒本人和支部' }),
  'dues.lianxinReturnPercent': spec({ schema: int(0, 100), default: 100, zh: '两新组织党组织党费返还比例（%）', article: '各地党费返还规定' }),
  'transfer.stepDays': spec({ schema: int(1, 60), default: 7, zh: '组织关系转接每个审批环节的办理时限（天），超时提醒本环节和上一级', article: '中组部 组通字〔2006〕45号：不得无故拒转拒接（时限由各地确定）' }),
  'transfer.dueSoonDays': spec({ schema: int(1, 10), default: 2, zh: '审批环节剩余几天内显示为“即将超时”' }),
  'transfer.commonAncestorStep': spec({ schema: z.boolean(), default: false, zh: '跨基层党委转接时，是否增加双方共同上级党组织审批环节' }),
  'transfer.letterValidityMonths': spec({ schema: int(1, 6), default: 3, zh: '组织关系介绍信有效期（月，一般不超过 3 个月）', article: '组通字〔2006〕45号（各地通行做法；中央未统一规定）' }),
  'transfer.receiptOverdueMonths': spec({ schema: int(1, 6), default: 1, zh: '介绍信开出后几个月未收到回执视为逾期' }),
  'mobile.fixedPlaceTransferMonths': spec({ schema: int(1, 24), default: 6, zh: '外出到相对固定地点满几个月仍未转接组织关系时提醒（应转移组织关系）', article: '党员教育管理工作条例 第二十五条、第三十二条' }),
  'mobile.lostContactMonths': spec({ schema: int(1, 24), default: 6, zh: '流动党员几个月未与党组织联系时提醒（失去联系满 6 个月、经多方寻找仍无法取得联系的，停止党籍）', article: '党员教育管理工作条例 第二十四条' }),
  'mobile.reportIntervalMonths': spec({ schema: int(1, 24), default: 12, zh: '流动党员向流出党组织汇报的最长间隔（月，每年至少一次）', article: '中组部 流动党员管理规定（2006）；中组发〔2008〕3号 第九条' }),
  // 发展党员 boards and reminders (docs/development.md "Boards and reminders"); plan and quota dates are local practice.
  'development.dueSoonDays': spec({ schema: int(1, 60), default: 14, zh: '发展党员环节剩余几天内显示为“即将到期”并提醒支部' }),
  'development.planDueDate': spec({
    schema: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 MM-DD' }),
    default: '03-31',
    zh: '年度发展党员计划应于每年几月几日前下达（MM-DD；逾期未下达时工作台提示。各地做法，非全国规定）',
  }),
  'development.quotaDueDate': spec({
    schema: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 MM-DD' }),
    default: '11-30',
    zh: '年度发展计划（指标）应于每年几月几日前完成审批（MM-DD；工作台显示剩余指标和剩余天数。各地做法，非全国规定）',
  }),
  'development.youthAge': spec({ schema: int(18, 60), default: 35, zh: '统计“新发展党员中青年”所用年龄（审批时该年龄及以下）', article: '党内统计公报：新发展党员 35 岁及以下' }),
  // 发展党员 limits that are local practice or a bounded choice (the national ones are in development.rules.ts).
  'development.activistMinMonthsAfterApplication': spec({
    schema: int(0, 12),
    default: 0,
    zh: '递交入党申请书后至少几个月才能确定为入党积极分子（全国细则未规定，0 为不限；各地常见 3–6 个月）',
    article: '细则 第八条（地方做法）',
  }),
  'development.approvalSpecialMonths': spec({ schema: int(3, 6), default: 6, zh: '特殊情况下上级党委审批预备党员的最长期限（月）', article: '细则 第二十五条：一般不超过三个月，特殊情况可延长，最长不超过六个月' }),
  'member.unmaskReasonMinLength': spec({ schema: int(2, 50), default: 2, zh: '查看敏感信息事由最少字数', article: 'PIPL 第六条' }),
  'stats.tablesListRowLimit': spec({
    schema: int(100, 1000000),
    default: 50000,
    zh: '党内统计报表 Excel 中“名单”最多列出的行数（超出部分不列出，请按党组织导出党员名单）',
  }),
} as const;

export type SettingKey = keyof typeof settingsCatalogue;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingsCatalogue)[K]['schema']>;
export const settingKeys = Object.keys(settingsCatalogue) as SettingKey[];

export const settingErrors = {
  SETTING_UNKNOWN_KEY: { status: 404, zh: '设置项不存在', en: 'Unknown setting key' },
  SETTING_VALUE_INVALID: { status: 400, zh: '设置值无效', en: 'Invalid setting value' },
} as const;
