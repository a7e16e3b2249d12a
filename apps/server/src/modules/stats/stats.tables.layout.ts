import { ageBandLabels, ageBands, educationCodes, memberCategories, memberCategoryLabels } from '@xianfeng/contracts/member/member.enums';
import { orgDomainLabels, orgDomains, orgKindLabels, orgKinds } from '@xianfeng/contracts/org/org.enums';
import { educationKeys, joinPeriodLabels, joinPeriods, statsOccupationLabels, statsOccupations, UNKNOWN } from '@xianfeng/contracts/stats/stats.enums';

/**
 * The project's documented layout of the 党内统计 tables (regulations digest §10: "forms not found → the project's
 * documented layout, listing its fields, until the official form is supplied"; categories from §5). Pure data: the
 * sheets, their columns and which member attribute each column counts. docs/stats.md `## 党内统计 tables` lists the
 * same fields; change both together.
 */

/** Member dimensions a column can count by; the keys are those of GET /api/stats/orgs/:id/members. */
export const memberDims = ['total', 'gender', 'ethnicity', 'status', 'education', 'age', 'join', 'category', 'occupation'] as const;
export type MemberDim = (typeof memberDims)[number];

/** A figure column: members of the row whose `dim` key is one of `keys` (`total`: all of the row's members). */
export interface MemberColumn {
  id: string;
  label: string;
  /** Header of the merged group above the column ('' when none). */
  group: string;
  dim: MemberDim;
  keys: readonly string[];
}

/** One column per key of a breakdown, `unknown` (data missing) last, so the group sums to the total. */
function breakdownColumns(dim: MemberDim, group: string, keys: readonly string[], label: (k: string) => string): MemberColumn[] {
  return [...keys, UNKNOWN].map((k) => ({ id: `${dim}:${k}`, label: k === UNKNOWN ? '未填/不详' : label(k), group, dim, keys: [k] }));
}

export const totalColumn: MemberColumn = { id: 'total', label: '党员总数', group: '', dim: 'total', keys: [''] };

/** 大专及以上: GB/T 4658-2006 10 研究生, 20 大学本科, 30 大学专科 (the communiqué's only education figure, §5). */
export const COLLEGE_KEYS = ['10', '20', '30'] as const;

const ageLabel = (k: string) => ageBandLabels[ageBands.indexOf(k as (typeof ageBands)[number])] ?? k;
const educationLabel = (k: string) => (educationCodes[k] ?? k).replace(/教育$/, '');

export const ageColumns = breakdownColumns('age', '年龄', ageBands, ageLabel);
export const joinColumns = breakdownColumns('join', '入党时间', joinPeriods, (k) => joinPeriodLabels[k as (typeof joinPeriods)[number]]);
export const categoryColumns = breakdownColumns('category', '管理类别', memberCategories, (k) => memberCategoryLabels[k as (typeof memberCategories)[number]]);
export const educationColumns = breakdownColumns('education', '学历', educationKeys, educationLabel);
export const occupationColumns = breakdownColumns('occupation', '职业', statsOccupations, (k) => statsOccupationLabels[k as (typeof statsOccupations)[number]]);

/** A breakdown group of a table: its columns sum to the total (the check column tests it with a formula). */
export interface MemberTable {
  sheet: string;
  title: string;
  /** Subset figures (女, 少数民族 …) shown after the total: not part of any sum. */
  subsets: MemberColumn[];
  groups: MemberColumn[][];
  notes: string[];
}

export const memberTables: MemberTable[] = [
  {
    sheet: '表1 党员基本情况',
    title: '党员基本情况',
    subsets: [
      { id: 'gender:female', label: '女', group: '其中', dim: 'gender', keys: ['female'] },
      { id: 'ethnicity:minority', label: '少数民族', group: '其中', dim: 'ethnicity', keys: ['minority'] },
      { id: 'status:probationary', label: '预备党员', group: '其中', dim: 'status', keys: ['probationary'] },
      { id: 'education:college', label: '大专及以上学历', group: '其中', dim: 'education', keys: COLLEGE_KEYS },
    ],
    groups: [ageColumns, joinColumns, categoryColumns],
    notes: ['“其中”各列是党员总数的一部分，不参与合计；年龄、入党时间、管理类别各组之和等于党员总数（“校验”列以公式复核）。'],
  },
  { sheet: '表2 党员学历', title: '党员学历', subsets: [], groups: [educationColumns], notes: ['学历按 GB/T 4658-2006 一级代码归类；“大专及以上”= 研究生 + 大学本科 + 大学专科。'] },
  { sheet: '表3 党员职业', title: '党员职业', subsets: [], groups: [occupationColumns], notes: ['职业按《中国共产党党内统计公报》的 8 类归类。'] },
  { sheet: '表4 入党时间', title: '党员入党时间', subsets: [], groups: [joinColumns], notes: ['分段界线：1949-10-01、1978-12-18（十一届三中全会）、2012-11-08（党的十八大）。'] },
  { sheet: '表5 年龄', title: '党员年龄', subsets: [], groups: [ageColumns], notes: ['年龄按统计日期计算周岁（年度报表以 12 月 31 日为统计日期）。'] },
];

/** 表6: organisations by kind and by domain; each group sums to the total. */
export const orgKindColumns = orgKinds.map((k) => ({ id: `kind:${k}`, label: orgKindLabels[k], group: '按组织类型', dim: 'kind' as const, key: k }));
export const orgDomainColumns = orgDomains.map((k) => ({ id: `domain:${k}`, label: orgDomainLabels[k], group: '按所在领域', dim: 'domain' as const, key: k }));
export type OrgColumn = (typeof orgKindColumns)[number] | (typeof orgDomainColumns)[number];
export const ORG_SHEET = '表6 党组织';

/** 表7 年度变化: each member's change during the year, by the cause recorded in the file's history. */
export const changeKinds = ['developed', 'transferred_in', 'restored', 'other_in', 'transferred_out', 'left', 'suspended', 'died', 'other_out'] as const;
export type ChangeKind = (typeof changeKinds)[number];
export const changeLabels: Record<ChangeKind, { label: string; sign: 1 | -1 }> = {
  developed: { label: '发展党员（新接收预备党员）', sign: 1 },
  transferred_in: { label: '转入（从本组织以外转入）', sign: 1 },
  restored: { label: '恢复党籍', sign: 1 },
  other_in: { label: '其他增加（组织隶属调整等）', sign: 1 },
  transferred_out: { label: '转出（转至本组织以外）', sign: -1 },
  left: { label: '出党（退党、除名、开除党籍、取消预备党员资格等）', sign: -1 },
  suspended: { label: '停止党籍', sign: -1 },
  died: { label: '死亡', sign: -1 },
  other_out: { label: '其他减少（组织隶属调整等）', sign: -1 },
};
export const CHANGE_SHEET = '表7 年度变化';

export const LIST_SHEET = '名单';
export const ORG_LIST_SHEET = '组织名单';
export const NOTES_SHEET = '说明';

/** Header of the member list sheet (名单): one list after another, each starting at its anchor row. */
export const listHeaders = ['名单', '表', '党组织（行）', '项目（列）', '序号', '姓名', '所在党组织', '身份证号码（脱敏）', '项目取值'] as const;
export const orgListHeaders = ['名单', '表', '党组织（行）', '项目（列）', '序号', '组织名称', '统一编码', '组织类型', '所在领域', '上级组织'] as const;
