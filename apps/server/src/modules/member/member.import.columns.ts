import type { XlsxRow } from '../../platform/files/xlsx-reader.ts';
import { normaliseText } from './member.import.cells.ts';

/**
 * The columns of the member import sheet. Headers are matched by label or a common alias (districts'
 * own spreadsheets say 身份证号 or 公民身份号码, 入党时间, 所在支部 …), ignoring spaces, `*`, and notes in
 * brackets; columns we don't know (序号, 状态 …) are ignored. The export writes the same labels, so an
 * exported list (unmasked) can be imported elsewhere.
 */
export type ImportField =
  | 'name'
  | 'gender'
  | 'ethnicity'
  | 'birthDate'
  | 'idNumber'
  | 'phone'
  | 'address'
  | 'education'
  | 'occupation'
  | 'joinedOn'
  | 'fullMemberOn'
  | 'status'
  | 'category'
  | 'org'
  | 'group'
  | 'workUnit'
  | 'notes';

export interface ImportColumn {
  field: ImportField;
  label: string;
  aliases: string[];
  required: boolean;
  /** The note printed in the template. */
  note: string;
  width: number;
}

export const importColumns: ImportColumn[] = [
  { field: 'name', label: '姓名', aliases: ['党员姓名'], required: true, note: '必填。2–30 个字，汉字、字母或间隔号“·”', width: 10 },
  { field: 'idNumber', label: '身份证号码', aliases: ['身份证号', '公民身份号码', '身份证', '身份证件号码', '证件号码'], required: true, note: '必填。18 位居民身份证号码，末位可为 X；本列已设为文本格式，请勿改成数字', width: 22 },
  { field: 'gender', label: '性别', aliases: [], required: false, note: '男 / 女。可留空：按身份证号码第 17 位确定', width: 6 },
  { field: 'birthDate', label: '出生日期', aliases: ['出生年月日'], required: false, note: '可留空：按身份证号码确定；填写时须与身份证号码一致', width: 12 },
  { field: 'ethnicity', label: '民族', aliases: [], required: false, note: '见“可选值”表，如 汉族；可留空，视为汉族', width: 8 },
  { field: 'joinedOn', label: '入党日期', aliases: ['入党时间'], required: true, note: '必填。如 2001-07-01；入党时应年满 18 周岁', width: 12 },
  { field: 'status', label: '党员类型', aliases: ['党员类别', '人员类别'], required: true, note: '必填。正式党员 / 预备党员', width: 10 },
  { field: 'fullMemberOn', label: '转正日期', aliases: ['转正时间'], required: false, note: '正式党员填写；预备党员留空', width: 12 },
  { field: 'org', label: '所在党组织', aliases: ['所在支部', '所在党支部', '所属党组织', '所属支部', '党组织', '党支部', '支部'], required: false, note: '党支部名称或组织编码（见“可选值”表）；重名时请填编码。导入到某个支部时可留空', width: 26 },
  { field: 'group', label: '党小组', aliases: ['所在党小组'], required: false, note: '该支部下党小组的名称，可留空', width: 14 },
  { field: 'category', label: '管理类别', aliases: ['党员管理类别'], required: false, note: '直管 / 双管 / 共管 / 协管；可留空，视为直管', width: 10 },
  { field: 'phone', label: '手机号码', aliases: ['手机号', '手机', '联系电话', '联系方式', '电话'], required: false, note: '11 位手机号码，可留空', width: 14 },
  { field: 'education', label: '学历', aliases: ['文化程度'], required: false, note: '见“可选值”表，如 大学本科', width: 12 },
  { field: 'occupation', label: '职业', aliases: [], required: false, note: '可留空，最多 50 个字', width: 12 },
  { field: 'workUnit', label: '工作单位', aliases: ['单位', '工作单位及职务'], required: false, note: '可留空，最多 100 个字', width: 24 },
  { field: 'address', label: '住址', aliases: ['家庭住址', '现住址', '居住地址', '地址'], required: false, note: '可留空，最多 200 个字', width: 28 },
  { field: 'notes', label: '备注', aliases: [], required: false, note: '可留空', width: 16 },
];

const byHeader = new Map<string, ImportField>(importColumns.flatMap((c) => [c.label, ...c.aliases].map((h) => [h, c.field] as const)));
export const columnLabel = (field: ImportField) => importColumns.find((c) => c.field === field)!.label;

/** `* 身份证号码（必填）` → `身份证号码`. */
export function headerKey(text: string): string {
  return normaliseText(text)
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s*:：]/g, '');
}

export interface HeaderLayout {
  /** Excel row number of the header row; data start below it. */
  headerRow: number;
  /** 0-based column → field. */
  columns: Map<number, ImportField>;
  /** field → 0-based column (the same map turned round, built once per file rather than per row). */
  fields: Map<ImportField, number>;
}

const rowText = (row: XlsxRow, col: number) => {
  const c = row.cells.get(col);
  return c?.kind === 'text' ? headerKey(c.text) : '';
};

/**
 * Finds the header among the first rows: the row naming the most known columns (a title row above it
 * names none). A merged header cell keeps its text in its top-left cell only, so a column with no name
 * in the header row takes the nearest name above it — a vertically merged 姓名 over a two-row header —
 * while a group caption merged across the top (基本信息) is overridden by the sub-headers below.
 */
export function locateHeader(first: XlsxRow[]): HeaderLayout | null {
  let best: { at: number; hits: number } | null = null;
  first.forEach((row, at) => {
    let hits = 0;
    for (const col of row.cells.keys()) if (byHeader.has(rowText(row, col))) hits++;
    if (hits >= 2 && (!best || hits >= best.hits)) best = { at, hits };
  });
  const found = best as { at: number; hits: number } | null;
  if (!found) return null;
  const columns = new Map<number, ImportField>();
  const taken = new Set<ImportField>();
  const maxCol = Math.max(...first.slice(0, found.at + 1).flatMap((r) => [...r.cells.keys()]));
  for (let col = 0; col <= maxCol; col++) {
    for (let at = found.at; at >= 0; at--) {
      const text = rowText(first[at]!, col);
      if (!text) continue;
      const field = byHeader.get(text);
      // The first column with a name wins; a repeated column (two 备注) is ignored rather than merged.
      if (field && !taken.has(field)) {
        columns.set(col, field);
        taken.add(field);
      }
      break;
    }
  }
  return { headerRow: first[found.at]!.row, columns, fields: new Map([...columns].map(([c, f]) => [f, c])) };
}
