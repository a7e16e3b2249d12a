import { ethnicityCodes, educationCodes, memberCategoryLabels, memberStatusLabels } from '@xianfeng/contracts/member/member.enums';
import { orgDomainLabels, orgKindLabels, type OrgDomain, type OrgKind } from '@xianfeng/contracts/org/org.enums';
import {
  CHANGE_SHEET,
  changeKinds,
  changeLabels,
  memberTables,
  NOTES_SHEET,
  ORG_SHEET,
  orgDomainColumns,
  orgKindColumns,
  totalColumn,
  type ChangeKind,
  type MemberColumn,
  type MemberDim,
  type MemberTable,
} from './stats.tables.layout.ts';
import { memberListSheet, orgListSheet, type ListLine, type ListSheet } from './stats.tables.lists.ts';
import { cellRef, columnLetter, type Cell, type RichCell, type SheetSpec } from './stats.tables.xlsx.ts';

/** The workbook's sheets from the figures and the members behind them (pure; the service gathers the data). */

export interface ReportRow {
  key: string;
  label: string;
  orgId: string;
  /** The report org's own members only (本级), not its subtree. */
  self: boolean;
  /** The 合计 row: the report org's whole subtree. */
  total: boolean;
}

export type Figures = Record<MemberDim, Record<string, number>>;

export interface MemberFacts {
  id: string;
  name: string;
  orgName: string;
  maskedId: string;
  keys: Record<Exclude<MemberDim, 'total'>, string>;
  ethnicity: string;
  education: string | null;
  occupation: string | null;
  age: number | null;
  joinedOn: string;
}

export interface OrgFacts {
  id: string;
  name: string;
  code: string;
  kind: OrgKind;
  domain: OrgDomain;
  parentName: string | null;
}

export interface OrgRowData {
  total: number;
  byKind: Record<string, number>;
  byDomain: Record<string, number>;
}

export interface ChangeFact {
  kind: ChangeKind;
  member: { id: string; name: string; orgName: string; maskedId: string };
  on: string;
  detail: string;
}

export interface ChangeRowData {
  start: number;
  changes: ChangeFact[];
}

/** Members of a row by name, at most `limit`, on the report date (`asOf`) or on the year's start (`yearStart`). */
export type MemberLoader = (input: { rowKey: string; on: 'asOf' | 'yearStart'; limit: number }) => Promise<MemberFacts[]>;
/** Orgs of a row on the report date by code, at most `limit`. */
export type OrgLoader = (input: { rowKey: string; limit: number }) => Promise<OrgFacts[]>;

export interface TablesData {
  org: { id: string; name: string };
  asOf: string;
  /** The last day before the year's changes (31 December of the previous year). */
  yearStart: string;
  generatedAt: string;
  rows: ReportRow[];
  figures: Map<string, Figures>;
  orgs: Map<string, OrgRowData>;
  changes: Map<string, ChangeRowData>;
  loadMembers: MemberLoader;
  loadOrgs: OrgLoader;
  listLimit: number;
  exportHint: string;
}

/**
 * Each row's members (or orgs) are read once, when its first list is written, and never more than the lists can
 * still take: a row's first list is its total, so either all of the row is read or the cap is reached on that list.
 */
function rowCache<T>(budget: { left: number }, load: (key: string, limit: number) => Promise<T[]>) {
  const cache = new Map<string, Promise<T[]>>();
  return (key: string): Promise<T[]> => {
    let hit = cache.get(key);
    if (!hit) {
      hit = load(key, Math.max(0, budget.left));
      cache.set(key, hit);
    }
    return hit;
  };
}
type RowMembers = (rowKey: string, on: 'asOf' | 'yearStart') => Promise<MemberFacts[]>;

export const figureOf = (f: Figures, c: MemberColumn): number => c.keys.reduce((n, k) => n + (f[c.dim]?.[k] ?? 0), 0);

const matches = (m: MemberFacts, c: MemberColumn): boolean => c.dim === 'total' || c.keys.includes(m.keys[c.dim]);

/** What the list shows as "项目取值" for a member in a column. */
function shownValue(m: MemberFacts, dim: MemberDim): string {
  switch (dim) {
    case 'total':
    case 'status':
      return memberStatusLabels[m.keys.status as 'full'] ?? '不详';
    case 'gender':
      return m.keys.gender === 'female' ? '女' : m.keys.gender === 'male' ? '男' : '不详';
    case 'ethnicity':
      return ethnicityCodes[m.ethnicity] ?? '不详';
    case 'education':
      return m.education ? (educationCodes[m.education] ?? `${m.education}（${educationCodes[m.keys.education] ?? '不详'}）`) : '未填';
    case 'age':
      return m.age === null ? '不详' : `${m.age}岁`;
    case 'join':
      return `入党日期 ${m.joinedOn}`;
    case 'category':
      return memberCategoryLabels[m.keys.category as 'resident'] ?? '不详';
    case 'occupation':
      return m.occupation ?? '未填';
  }
}

const memberLine = (m: MemberFacts, dim: MemberDim): ListLine => ({ cells: [m.name, m.orgName, m.maskedId, shownValue(m, dim)] });

function titleRows(title: string, data: TablesData, width: number, unit: string): { rows: Cell[][]; merges: string[] } {
  return {
    rows: [
      [{ v: title, style: 'title' }],
      [{ v: `统计范围：${data.org.name}（含所属各级党组织）\u3000统计日期：${data.asOf}\u3000单位：${unit}`, style: 'subtitle' }],
    ],
    merges: [`A1:${columnLetter(width)}1`, `A2:${columnLetter(width)}2`],
  };
}

/** Two header rows: the groups (merged) above the column labels; the first column and total span both. */
function headerRows(first: string, columns: { label: string; group: string }[], extra: string[], top: number): { rows: Cell[][]; merges: string[] } {
  const h = (v: string): RichCell => ({ v, style: 'header' });
  const upper: Cell[] = [h(first)];
  const lower: Cell[] = [h('')];
  const merges = [`A${top}:A${top + 1}`];
  columns.forEach((c, i) => {
    const col = i + 2;
    const startsGroup = c.group && (i === 0 || columns[i - 1]!.group !== c.group);
    upper.push(h(c.group ? (startsGroup ? c.group : '') : c.label));
    lower.push(h(c.group ? c.label : ''));
    if (!c.group) merges.push(`${cellRef(top, col)}:${cellRef(top + 1, col)}`);
    if (startsGroup) {
      let end = i;
      while (end + 1 < columns.length && columns[end + 1]!.group === c.group) end++;
      if (end > i) merges.push(`${cellRef(top, col)}:${cellRef(top, end + 2)}`);
    }
  });
  extra.forEach((e, j) => {
    const col = columns.length + 2 + j;
    upper.push(h(e));
    lower.push(h(''));
    merges.push(`${cellRef(top, col)}:${cellRef(top + 1, col)}`);
  });
  return { rows: [upper, lower], merges };
}

/** Display width of a label (CJK characters count two), for the header row's height. */
const displayWidth = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);

/** Row 4 (the column labels) tall enough for the longest label to wrap within its column. */
function labelRowHeight(labels: string[], widths: number[]): Record<number, number> {
  const lines = Math.max(1, ...labels.map((l, i) => Math.ceil(displayWidth(l) / Math.max(1, (widths[i] ?? 10) - 1))));
  return { 3: 18, 4: 4 + 14 * lines };
}

const figureCell = (n: number, link: string | null, total: boolean): RichCell => ({ v: n, ...(n > 0 && link ? { link } : {}), style: total ? (n > 0 && link ? 'total' : 'number') : n > 0 && link ? 'link' : 'number' });

/** The check column: each breakdown group sums to the total (a formula, with the value it must show). */
function checkCell(r: number, groups: { from: number; to: number }[], ok: boolean): RichCell {
  const parts = groups.map((g) => `SUM(${cellRef(r, g.from)}:${cellRef(r, g.to)})=B${r}`);
  return { v: ok ? '平衡' : '不平衡', f: `IF(AND(${parts.join(',')}),"平衡","不平衡")`, style: 'check' };
}

async function memberTableSheet(t: MemberTable, no: number, data: TablesData, lists: ListSheet, rowMembers: RowMembers): Promise<SheetSpec> {
  const columns = [totalColumn, ...t.subsets, ...t.groups.flat()];
  const width = columns.length + 2;
  const title = titleRows(`表${no} ${t.title}`, data, width, '人');
  const header = headerRows('党组织', columns, ['校验'], 3);
  const groups: { from: number; to: number }[] = [];
  let at = 2 + t.subsets.length + 1;
  for (const g of t.groups) {
    groups.push({ from: at, to: at + g.length - 1 });
    at += g.length;
  }
  const body: Cell[][] = [];
  for (const [i, row] of data.rows.entries()) {
    const r = 5 + i;
    const figures = data.figures.get(row.key)!;
    const cells: Cell[] = [{ v: row.label, style: row.total ? 'label' : 'text' }];
    for (const c of columns) {
      const n = figureOf(figures, c);
      const label = { table: `表${no}`, row: row.label, column: c.group ? `${c.group}·${c.label}` : c.label };
      const lines = async () => (await rowMembers(row.key, 'asOf')).filter((m) => matches(m, c)).map((m) => memberLine(m, c.dim));
      const ref = n > 0 ? await lists.list(`${row.key}|${c.id}`, label, n, lines) : null;
      cells.push(figureCell(n, ref?.link ?? null, row.total));
    }
    const total = figureOf(figures, totalColumn);
    cells.push(checkCell(r, groups, t.groups.every((g) => g.reduce((sum, c) => sum + figureOf(figures, c), 0) === total)));
    body.push(cells);
  }
  const notes = [...t.notes, '单击数字可查看对应党员名单（“名单”表）。“未填/不详”为档案中该项缺失或不在标准代码内的党员。'];
  const widths = [30, ...columns.map((c) => (c.label.length > 6 ? 14 : 9)), 8];
  return {
    name: t.sheet,
    widths,
    heights: labelRowHeight(['', ...columns.map((c) => (c.group ? c.label : ''))], widths),
    freeze: { rows: 4, cols: 1 },
    landscape: true,
    merges: [...title.merges, ...header.merges],
    rows: [...title.rows, ...header.rows, ...body, [], ...notes.map((n) => [{ v: n, style: 'note' as const }])],
  };
}

function orgLine(o: OrgFacts): ListLine {
  return { cells: [o.name, o.code, orgKindLabels[o.kind] ?? o.kind, orgDomainLabels[o.domain] ?? o.domain, o.parentName] };
}

async function orgTableSheet(data: TablesData, lists: ListSheet, rowOrgs: (rowKey: string) => Promise<OrgFacts[]>): Promise<SheetSpec> {
  const columns = [{ id: 'total', label: '党组织总数', group: '' }, ...orgKindColumns, ...orgDomainColumns];
  const width = columns.length + 2;
  const title = titleRows(`表6 党组织`, data, width, '个');
  const header = headerRows('党组织', columns, ['校验'], 3);
  const kinds = { from: 3, to: 2 + orgKindColumns.length };
  const domains = { from: kinds.to + 1, to: kinds.to + orgDomainColumns.length };
  const body: Cell[][] = [];
  for (const [i, row] of data.rows.entries()) {
    const d = data.orgs.get(row.key)!;
    const cells: Cell[] = [{ v: row.label, style: row.total ? 'label' : 'text' }];
    for (const c of columns) {
      const n = c.id === 'total' ? d.total : 'dim' in c && c.dim === 'kind' ? (d.byKind[c.key] ?? 0) : 'key' in c ? (d.byDomain[c.key] ?? 0) : 0;
      const pick = (o: OrgFacts) => c.id === 'total' || ('dim' in c && (c.dim === 'kind' ? o.kind === c.key : o.domain === c.key));
      const label = { table: '表6', row: row.label, column: c.group ? `${c.group}·${c.label}` : c.label };
      const ref = n > 0 ? await lists.list(`${row.key}|${c.id}`, label, n, async () => (await rowOrgs(row.key)).filter(pick).map(orgLine)) : null;
      cells.push(figureCell(n, ref?.link ?? null, row.total));
    }
    const sum = (rec: Record<string, number>) => Object.values(rec).reduce((a, b) => a + b, 0);
    cells.push(checkCell(5 + i, [kinds, domains], sum(d.byKind) === d.total && sum(d.byDomain) === d.total));
    body.push(cells);
  }
  const notes = ['党组织按统计日期时仍存续（未撤销）的计算，含本级组织和党小组；按组织类型、按所在领域两组各自之和等于党组织总数。单击数字可查看对应组织名单（“组织名单”表）。'];
  const widths = [30, ...columns.map(() => 10), 8];
  return {
    name: ORG_SHEET,
    widths,
    heights: labelRowHeight(['', ...columns.map((c) => (c.group ? c.label : ''))], widths),
    freeze: { rows: 4, cols: 1 },
    landscape: true,
    merges: [...title.merges, ...header.merges],
    rows: [...title.rows, ...header.rows, ...body, [], ...notes.map((n) => [{ v: n, style: 'note' as const }])],
  };
}

async function changeTableSheet(data: TablesData, lists: ListSheet, rowMembers: RowMembers): Promise<SheetSpec> {
  const increases = changeKinds.filter((k) => changeLabels[k].sign > 0);
  const decreases = changeKinds.filter((k) => changeLabels[k].sign < 0);
  const columns = [
    { label: `年初党员数（${data.yearStart}）`, group: '' },
    ...increases.map((k) => ({ label: changeLabels[k].label, group: '本年增加' })),
    ...decreases.map((k) => ({ label: changeLabels[k].label, group: '本年减少' })),
    { label: '其他/未分类（差额）', group: '' },
    { label: `期末党员数（${data.asOf}）`, group: '' },
  ];
  const width = columns.length + 2;
  const title = titleRows(`表7 年度变化（${data.asOf.slice(0, 4)}年 1月1日至${data.asOf.slice(5, 7)}月${data.asOf.slice(8, 10)}日）`, data, width, '人');
  const header = headerRows('党组织', columns, ['校验'], 3);
  const incFrom = 3;
  const decFrom = incFrom + increases.length;
  const otherCol = decFrom + decreases.length;
  const endCol = otherCol + 1;
  const body: Cell[][] = [];
  for (const [i, row] of data.rows.entries()) {
    const r = 5 + i;
    const d = data.changes.get(row.key)!;
    const end = data.figures.get(row.key)!.total[''] ?? 0;
    const label = (column: string) => ({ table: '表7', row: row.label, column });
    const cells: Cell[] = [{ v: row.label, style: row.total ? 'label' : 'text' }];
    const startLines = async () => (await rowMembers(row.key, 'yearStart')).map((m) => memberLine(m, 'total'));
    const startRef = d.start > 0 ? await lists.list(`${row.key}|year-start`, label(columns[0]!.label), d.start, startLines) : null;
    cells.push(figureCell(d.start, startRef?.link ?? null, row.total));
    const counts = new Map<ChangeKind, number>();
    for (const k of changeKinds) {
      const facts = d.changes.filter((c) => c.kind === k);
      counts.set(k, facts.length);
      const lines = () => Promise.resolve(facts.map((c) => ({ cells: [c.member.name, c.member.orgName, c.member.maskedId, `${c.on} ${c.detail}`] })));
      const ref = facts.length > 0 ? await lists.list(`${row.key}|change:${k}`, label(changeLabels[k].label), facts.length, lines) : null;
      cells.push(figureCell(facts.length, ref?.link ?? null, row.total));
    }
    const inc = increases.reduce((s, k) => s + counts.get(k)!, 0);
    const dec = decreases.reduce((s, k) => s + counts.get(k)!, 0);
    const other = end - d.start - inc + dec;
    cells.push({ v: other, style: 'number' });
    // The end figure is the same list as 表1's total for this row.
    const endLines = async () => (await rowMembers(row.key, 'asOf')).map((m) => memberLine(m, 'total'));
    const endRef = end > 0 ? await lists.list(`${row.key}|total`, label(columns[columns.length - 1]!.label), end, endLines) : null;
    cells.push(figureCell(end, endRef?.link ?? null, row.total));
    const f = `B${r}+SUM(${cellRef(r, incFrom)}:${cellRef(r, decFrom - 1)})-SUM(${cellRef(r, decFrom)}:${cellRef(r, otherCol - 1)})+${cellRef(r, otherCol)}=${cellRef(r, endCol)}`;
    cells.push({ v: '平衡', f: `IF(${f},"平衡","不平衡")`, style: 'check' });
    body.push(cells);
  }
  const notes = [
    `年初 + 本年增加 − 本年减少 + 其他/未分类 = 期末。增减按党员档案记录的历史逐人计算：发展党员按入党日期，转入转出按组织关系转接办结日期（含系统外转出），出党、停止党籍、恢复党籍按决定日期。`,
    '“其他/未分类”是期末减年初与已分类增减之差，为 0 表示全部变化均已归类；不为 0 时表示有档案历史无法解释的变化（如档案补录、历史数据缺失），请核对。',
    '各下级组织行按该组织计算：下级组织之间的转接在该行计为转入或转出，在合计行不计。',
  ];
  const widths = [30, ...columns.map(() => 14), 8];
  return {
    name: CHANGE_SHEET,
    widths,
    heights: { ...labelRowHeight(['', ...columns.map((c) => (c.group ? c.label : ''))], widths), 3: 4 + 14 * 3 },
    freeze: { rows: 4, cols: 1 },
    landscape: true,
    merges: [...title.merges, ...header.merges],
    rows: [...title.rows, ...header.rows, ...body, [], ...notes.map((n) => [{ v: n, style: 'note' as const }])],
  };
}

function notesSheet(data: TablesData, truncated: number): SheetSpec {
  const lines = [
    `党内统计报表\u3000${data.org.name}\u3000统计日期 ${data.asOf}\u3000生成时间 ${data.generatedAt}`,
    '本文件按本系统的文档格式编制（docs/stats.md “党内统计 tables”），在上级下发正式报表格式之前使用；分类依据《中国共产党党内统计公报》口径。',
    '统计对象：统计日期时在册（未出党、未停止党籍）的党员，按其当日所在党组织归入各行；“本级”为直接隶属本组织的党员，各下级组织行含其所属全部组织。',
    '年龄按统计日期计算周岁；入党时间分段：新中国成立前（1949-10-01 前）、至十一届三中全会前（1978-12-17 止）、至党的十八大前（2012-11-07 止）、党的十八大以来（2012-11-08 起）。',
    '每个数字都链接到其名单：单击数字跳转到“名单”或“组织名单”表中该名单的第一行；名单按表、行、列的顺序排列，相同口径的数字（如表1与表5的年龄）共用一个名单。',
    `名单中身份证号码均已脱敏。本文件的名单最多 ${data.listLimit} 行${truncated > 0 ? `；本次有 ${truncated} 个名单因超出上限未完整列出，完整名单请导出党员名单（${data.exportHint}）` : ''}。`,
  ];
  return { name: NOTES_SHEET, widths: [120], rows: [[{ v: '说明', style: 'title' }], ...lines.map((l) => [{ v: l, style: 'note' as const }])] };
}

/** All sheets in order: 表1–表7, 名单, 组织名单, 说明. Lists are written in table, row, column order. */
export async function buildSheets(data: TablesData): Promise<SheetSpec[]> {
  // Each list sheet has its own cap: the org lists stay complete however long the member lists run.
  const budget = { left: data.listLimit, limit: data.listLimit };
  const members = memberListSheet(budget, data.exportHint);
  const orgBudget = { left: data.listLimit, limit: data.listLimit };
  const orgs = orgListSheet(orgBudget);
  const memberRows = rowCache(budget, (key, limit) => {
    const [on, rowKey] = key.split('|') as ['asOf' | 'yearStart', string];
    return data.loadMembers({ rowKey, on, limit });
  });
  const rowMembers: RowMembers = (rowKey, on) => memberRows(`${on}|${rowKey}`);
  const rowOrgs = rowCache(orgBudget, (rowKey, limit) => data.loadOrgs({ rowKey, limit }));
  const tables: SheetSpec[] = [];
  for (const [i, t] of memberTables.entries()) tables.push(await memberTableSheet(t, i + 1, data, members, rowMembers));
  const orgTable = await orgTableSheet(data, orgs, rowOrgs);
  const changes = await changeTableSheet(data, members, rowMembers);
  return [...tables, orgTable, changes, members.sheet(), orgs.sheet(), notesSheet(data, members.truncatedLists + orgs.truncatedLists)];
}
