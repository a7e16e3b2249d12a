import codes from '../reference/statistics-codes.json' with { type: 'json' };

/**
 * Keys of the 党内统计 breakdowns (regulations digest §5, §10). Keys are identifiers; the Chinese labels below
 * are what the web shows. Every breakdown also has `unknown` (data missing or not one of the listed values), so
 * each one sums to the total.
 */

export const UNKNOWN = 'unknown' as const;

/**
 * 职业 — the 8 categories of the 党内统计公报, in its order. The member file stores the category's Chinese name
 * (`statistics-codes.json` `occupation`); statistics map it to these identifiers.
 */
export const statsOccupations = ['worker', 'farmer', 'professional', 'manager', 'government_staff', 'student', 'other', 'retired'] as const;
export type StatsOccupation = (typeof statsOccupations)[number];
export const statsOccupationLabels: Record<StatsOccupation, string> = Object.fromEntries(
  statsOccupations.map((k, i) => [k, codes.occupation[i]!]),
) as Record<StatsOccupation, string>;

/**
 * 入党时间 periods (regulations digest §10): before 1949-10-01; 1949-10-01 to 1978-12-17; 1978-12-18 to
 * 2012-11-07; from 2012-11-08.
 */
export const joinPeriods = ['before_1949_10', 'to_1978_12', 'to_2012_11', 'since_2012_11'] as const;
export type JoinPeriod = (typeof joinPeriods)[number];
export const joinPeriodLabels: Record<JoinPeriod, string> = Object.fromEntries(joinPeriods.map((k, i) => [k, codes.join_period[i]!])) as Record<JoinPeriod, string>;

/** 汉族 (GB/T 3304 code 01), 少数民族 (02–56), and `other` for 97 其他 and 98 外国血统中国籍人士, which are neither. */
export const ethnicityGroups = ['han', 'minority', 'other'] as const;
export type EthnicityGroup = (typeof ethnicityGroups)[number];
export const ethnicityGroupLabels: Record<EthnicityGroup, string> = { han: '汉族', minority: '少数民族', other: '其他（含外国血统中国籍人士）' };

/** GB/T 3304-1991 codes (01 … 56, 97, 98), in code order. */
export const ethnicityCodeKeys: readonly string[] = Object.keys(codes.ethnicity_codes).sort();
/** GB/T 4658-2006 top-level codes (10 研究生 … 90 其他). */
export const educationKeys: readonly string[] = Object.keys(codes.education_codes_GB_T_4658_2006_top_level).sort();

/** Structural and module warnings on the dashboard (red / yellow when counted, green when none). */
export const statsWarningCodes = [
  'BRANCH_TOO_FEW_FULL_MEMBERS',
  'BRANCH_TOO_MANY_MEMBERS',
  'TERM_EXPIRED',
  'ELECTION_DUE_SOON',
  'TRANSFER_STEPS_OVERDUE',
  'MOBILE_LOST_CONTACT',
  'MOBILE_TRANSFER_DUE',
  'COMPLIANCE_NOT_MET',
  'DUES_ARREARS_SIX_MONTHS',
  'SECRETARY_MISSING',
] as const;
export type StatsWarningCode = (typeof statsWarningCodes)[number];
export const statsWarningLevels = ['red', 'yellow', 'green'] as const;
export type StatsWarningLevel = (typeof statsWarningLevels)[number];

export const statsWarningLabels: Record<StatsWarningCode, string> = {
  BRANCH_TOO_FEW_FULL_MEMBERS: '正式党员不足设立党支部人数的党支部',
  BRANCH_TOO_MANY_MEMBERS: '党员人数超过上限、宜分设的党支部',
  TERM_EXPIRED: '任期届满未换届的党组织',
  ELECTION_DUE_SOON: '即将到期需换届的党组织',
  TRANSFER_STEPS_OVERDUE: '超时未办理的组织关系转接环节',
  MOBILE_LOST_CONTACT: '失去联系的流动党员',
  MOBILE_TRANSFER_DUE: '外出满六个月应转接组织关系的流动党员',
  COMPLIANCE_NOT_MET: '组织生活未达标的党支部',
  DUES_ARREARS_SIX_MONTHS: '连续六个月以上未交纳党费的党员',
  SECRETARY_MISSING: '书记空缺的党组织',
};

/** The realtime topic: `GET /api/stats/ws?orgId=` pushes these messages (JSON text frames). */
export const statsSocketMessageTypes = ['hello', 'stats.changed'] as const;
