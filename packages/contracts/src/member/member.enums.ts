import codes from '../reference/statistics-codes.json' with { type: 'json' };

export const memberStatuses = ['full', 'probationary'] as const;
export const memberStates = ['active', 'suspended', 'left'] as const;
/** 直管 / 双管 / 共管 / 协管 */
export const memberCategories = ['resident', 'in_service', 'mobile', 'retired'] as const;
export const genders = ['male', 'female'] as const;
export const disciplineKinds = ['warning', 'serious_warning', 'removal_from_post', 'probation', 'expulsion'] as const;
export const leaveKinds = ['death', 'withdrawal', 'removal', 'expulsion', 'other'] as const;
/** Leaving that is a disciplinary decision (除名, 开除党籍): it needs its 文号, and only it may be overturned on appeal. */
export const decidedLeaveKinds = ['removal', 'expulsion'] as const;
/**
 * Why membership is suspended (停止党籍), 党员教育管理工作条例 第二十四条: lost contact ≥ 6 months and untraceable;
 * settled abroad, or studying abroad > 5 years without returning; `other` for a case the rules name elsewhere.
 */
export const suspensionBases = ['lost_contact', 'abroad', 'other'] as const;

export type MemberStatus = (typeof memberStatuses)[number];
export type MemberState = (typeof memberStates)[number];
export type MemberCategory = (typeof memberCategories)[number];
export type DisciplineKind = (typeof disciplineKinds)[number];
export type LeaveKind = (typeof leaveKinds)[number];
export type SuspensionBasis = (typeof suspensionBases)[number];

/** GB/T 3304-1991 民族代码 (01 汉族 … 56 基诺族, 97, 98). */
export const ethnicityCodes: Record<string, string> = codes.ethnicity_codes;
/** GB/T 4658-2006 学历代码 (top level). */
export const educationCodes: Record<string, string> = codes.education_codes_GB_T_4658_2006_top_level;
/** 党内统计 职业 categories. */
export const occupations: readonly string[] = codes.occupation;
export const ageBandLabels: readonly string[] = codes.age_bands;

export const ageBands = ['le30', '31_35', '36_40', '41_45', '46_50', '51_55', '56_60', 'ge61'] as const;
export type AgeBand = (typeof ageBands)[number];

export const memberStatusLabels = { full: '正式党员', probationary: '预备党员' } as const;
export const memberStateLabels = { active: '在册', suspended: '停止党籍', left: '已出党/离开' } as const;
export const memberCategoryLabels = { resident: '直管', in_service: '双管', mobile: '共管', retired: '协管' } as const;
export const disciplineKindLabels = {
  warning: '警告',
  serious_warning: '严重警告',
  removal_from_post: '撤销党内职务',
  probation: '留党察看',
  expulsion: '开除党籍',
} as const;
export const leaveKindLabels = { death: '去世', withdrawal: '退党', removal: '除名', expulsion: '开除党籍', other: '其他' } as const;
export const suspensionBasisLabels = { lost_contact: '失去联系满六个月', abroad: '出国（境）定居或留学逾期', other: '其他' } as const;
