import type { MemberStatistics } from '@xianfeng/contracts/stats/stats.schemas';
import {
  educationKeys,
  ethnicityCodeKeys,
  ethnicityGroups,
  joinPeriodLabels,
  joinPeriods,
  statsOccupationLabels,
  statsOccupations,
  UNKNOWN,
} from '@xianfeng/contracts/stats/stats.enums';
import { ageBandLabels, ageBands, ethnicityCodes, genders, memberCategories, memberCategoryLabels, memberStatuses, memberStatusLabels } from '@xianfeng/contracts/member/member.enums';

/**
 * zh labels for every breakdown key of GET /api/stats/orgs/:id/members (the API sends identifiers only,
 * ARCHITECTURE §8). Categories as the 党内统计公报 prints them (regulations digest §5).
 */
export type BreakdownName = Exclude<keyof MemberStatistics, 'total' | 'asOf'>;

export const UNKNOWN_LABEL = '未填写';

/** GB/T 4658-2006 top level without the trailing 教育 (10 研究生教育 → 研究生), as tables show them. */
const educationLabels: Record<string, string> = {
  '10': '研究生',
  '20': '大学本科',
  '30': '大学专科',
  '40': '中等职业',
  '60': '普通高中',
  '70': '初中',
  '80': '小学',
  '90': '其他',
};

const ethnicityGroupShort: Record<(typeof ethnicityGroups)[number], string> = { han: '汉族', minority: '少数民族', other: '其他' };
const genderLabels: Record<(typeof genders)[number], string> = { male: '男', female: '女' };

/** Keys in the order the charts draw them, and their labels. */
export const breakdownKeys: Record<BreakdownName, readonly string[]> = {
  byCategory: memberCategories,
  byStatus: memberStatuses,
  byGender: genders,
  byEthnicity: ethnicityGroups,
  byEthnicityCode: ethnicityCodeKeys,
  byAgeBand: ageBands,
  byEducation: educationKeys,
  byOccupation: statsOccupations,
  byJoinPeriod: joinPeriods,
};

const labelMaps: Record<BreakdownName, Record<string, string>> = {
  byCategory: memberCategoryLabels,
  byStatus: memberStatusLabels,
  byGender: genderLabels,
  byEthnicity: ethnicityGroupShort,
  byEthnicityCode: ethnicityCodes,
  byAgeBand: Object.fromEntries(ageBands.map((k, i) => [k, ageBandLabels[i] ?? k])),
  byEducation: educationLabels,
  byOccupation: statsOccupationLabels,
  byJoinPeriod: joinPeriodLabels,
};

/** Short axis labels where the official wording is long (the tooltip shows the full one). */
const shortLabels: Partial<Record<BreakdownName, Record<string, string>>> = {
  byOccupation: {
    worker: '工人',
    farmer: '农牧渔民',
    professional: '专业技术人员',
    manager: '管理人员',
    government_staff: '党政机关',
    student: '学生',
    other: '其他职业',
    retired: '离退休',
  },
  byEducation: { '10': '研究生', '20': '本科', '30': '专科', '40': '中职', '60': '高中', '70': '初中', '80': '小学', '90': '其他' },
  // Boundaries of regulations digest §10, on two lines so four periods fit under narrow bars.
  byJoinPeriod: { before_1949_10: '1949.10\n以前', to_1978_12: '1949.10—\n1978.12', to_2012_11: '1978.12—\n2012.11', since_2012_11: '2012.11\n以来' },
};

export function breakdownLabel(name: BreakdownName, key: string): string {
  if (key === UNKNOWN) return UNKNOWN_LABEL;
  return labelMaps[name][key] ?? key;
}

export interface BreakdownEntry {
  key: string;
  /** Axis label (short). */
  label: string;
  /** The official wording. */
  full: string;
  value: number;
}

/**
 * One breakdown in its fixed order. `unknown` is listed only when it is not zero, so a chart shows missing
 * data without an empty 未填写 bar on every chart; `skipZero` drops empty keys (long code lists).
 */
export function breakdownEntries(stats: MemberStatistics, name: BreakdownName, opts: { skipZero?: boolean } = {}): BreakdownEntry[] {
  const values = stats[name] as Record<string, number>;
  const out: BreakdownEntry[] = [];
  for (const key of [...breakdownKeys[name], UNKNOWN]) {
    const value = values[key] ?? 0;
    if (value === 0 && (key === UNKNOWN || opts.skipZero)) continue;
    const full = breakdownLabel(name, key);
    out.push({ key, label: shortLabels[name]?.[key] ?? full, full, value });
  }
  return out;
}

/** Breakdown titles as the dashboard shows them. */
export const breakdownTitles: Record<BreakdownName, string> = {
  byCategory: '党员类别',
  byStatus: '正式/预备',
  byGender: '性别',
  byEthnicity: '民族',
  byEthnicityCode: '民族（代码）',
  byAgeBand: '年龄',
  byEducation: '学历',
  byOccupation: '职业',
  byJoinPeriod: '入党时间',
};

/** 12.3% (one decimal); a dash when there is nothing to divide. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%` : '—';
}

/** 1234567 → '1,234,567'. */
export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}
