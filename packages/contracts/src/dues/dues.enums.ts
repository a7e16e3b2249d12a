/**
 * 党费 enums (中组发〔2008〕3号; 组电明字〔2017〕5号). `duesCategory` is the member's dues situation,
 * independent of the member `category` (直管/双管/共管/协管).
 */
export const duesCategories = ['in_service', 'annual_salary', 'self_employed', 'retired', 'farmer', 'student', 'unemployed', 'relief', 'dibao'] as const;
export type DuesCategory = (typeof duesCategories)[number];

/** Categories that pay a fixed monthly amount (2008 第六条) and declare no base. */
export const fixedDuesCategories: readonly DuesCategory[] = ['farmer', 'student', 'unemployed', 'relief', 'dibao'];

export const duesCategoryLabels: Record<DuesCategory, string> = {
  in_service: '在职（按月领取工资）',
  annual_salary: '年薪制',
  self_employed: '个体经营（收入不固定）',
  retired: '离退休',
  farmer: '农民',
  student: '学生',
  unemployed: '下岗失业',
  relief: '依靠抚恤或救济生活',
  dibao: '领取最低生活保障金',
};

export const paymentMethods = ['cash', 'bank_transfer', 'online', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export const paymentMethodLabels: Record<PaymentMethod, string> = { cash: '现金', bank_transfer: '银行转账', online: '线上支付', other: '其他' };

/** A bill's state, derived from what was allocated to it; `waived` is a 免交 month. */
export const billStatuses = ['unpaid', 'partial', 'paid', 'waived'] as const;
export type BillStatus = (typeof billStatuses)[number];
export const billStatusLabels: Record<BillStatus, string> = { unpaid: '未交', partial: '部分交纳', paid: '已交', waived: '免交' };

export const paymentKinds = ['payment', 'reversal'] as const;
export type PaymentKind = (typeof paymentKinds)[number];

/** 少交 (a lower monthly amount) or 免交 (nothing), 2008 第七条. */
export const reductionKinds = ['reduce', 'exempt'] as const;
export type ReductionKind = (typeof reductionKinds)[number];
export const reductionStatuses = ['pending', 'approved', 'rejected'] as const;
export type ReductionStatus = (typeof reductionStatuses)[number];
export const reductionStatusLabels: Record<ReductionStatus, string> = { pending: '待上级党委审批', approved: '已批准', rejected: '未批准' };

/** 2008 第十条 (base follows a pay change from that month) or 2017 一(1) (fixed at the start of the year). */
export const duesBaseRules = ['2008', '2017'] as const;
export type DuesBaseRule = (typeof duesBaseRules)[number];

/** Arrears standing: reminded at 3 months, flagged for the branch at 6 (2008 第十三条; 党章 第九条). */
export const arrearsLevels = ['none', 'reminder', 'lapse_review'] as const;
export type ArrearsLevel = (typeof arrearsLevels)[number];
export const arrearsLevelLabels: Record<ArrearsLevel, string> = { none: '正常', reminder: '已欠交 3 个月以上，已提醒', lapse_review: '连续 6 个月未交，待支部按规定处理' };
