import ExcelJS from 'exceljs';
import type { Ctx } from '../../platform/context.ts';
import { coveringGrant, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { neutraliseCell } from '../../platform/files/spreadsheet.ts';
import { findOrgForActor } from '../org/org.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import { subtreeComplianceItems } from './life.compliance.ts';
import { parsePeriod, type ComplianceItem, type ComplianceStatus } from './life.rules.ts';
import { shanghaiTime, typeLabelOf } from './life.service.ts';
import { MUTED, PdfFlow, type Cell } from '../../platform/files/pdf.ts';

/**
 * 组织生活完成情况表 for upper levels: one row per branch of a subtree for a period, per rule "held/required"
 * coloured by status, the late entries (补录) and the branch's worst status; worst first, then by code.
 * Generated from the same set-based compliance evaluation as the board (life.compliance.ts).
 */

type BranchItems = Awaited<ReturnType<typeof subtreeComplianceItems>>['branches'][number];

/** Worst first, as on the board. */
const severity: Record<ComplianceStatus, number> = { overdue: 0, due_soon: 1, not_due: 2, met: 3, not_applicable: 4 };
const worstOf = (statuses: ComplianceStatus[]) => statuses.reduce<ComplianceStatus>((w, s) => (severity[s] < severity[w] ? s : w), 'not_applicable');

export const completionStatusLabels: Record<ComplianceStatus, string> = { overdue: '逾期未完成', due_soon: '即将到期', not_due: '未到期', met: '已完成', not_applicable: '不适用' };
const shortLabels: Record<ComplianceStatus, string> = { overdue: '逾期', due_soon: '将到期', not_due: '未到期', met: '已完成', not_applicable: '' };
/** met green, due_soon amber, overdue red, not_due grey; not_applicable uncoloured and shown as "—". */
const fills: Record<ComplianceStatus, string | null> = { met: 'C6EFCE', due_soon: 'FFE699', overdue: 'F4B6B6', not_due: 'E4E4E4', not_applicable: null };
const inks: Record<ComplianceStatus, string> = { met: '1E6B2E', due_soon: '7A5500', overdue: 'A10E14', not_due: '555555', not_applicable: '555555' };

interface RuleCell {
  held: number;
  required: number;
  status: ComplianceStatus;
}

interface CompletionRow {
  code: string;
  name: string;
  worst: ComplianceStatus;
  lateEntries: number;
  cells: Map<string, RuleCell>;
  items: ComplianceItem[];
}

/**
 * A rule over the period: held and required summed over the rule's own periods inside it (a monthly rule
 * over a quarter: three months), each period's held counted up to its required number, coloured by the
 * worst period — so a month with two theme days never makes up for a month with none. The detail sheet
 * keeps every period's own count.
 */
function toRow(b: BranchItems): CompletionRow {
  const cells = new Map<string, RuleCell>();
  for (const i of b.items) {
    const c = cells.get(i.rule) ?? { held: 0, required: 0, status: 'not_applicable' as ComplianceStatus };
    cells.set(i.rule, { held: c.held + Math.min(i.held, i.required), required: c.required + i.required, status: worstOf([c.status, i.status]) });
  }
  return { code: b.code, name: b.name, worst: b.worst, lateEntries: b.items.reduce((a, i) => a + i.lateEntries, 0), cells, items: b.items };
}

const cellText = (c: RuleCell | undefined) => (!c || c.status === 'not_applicable' ? '—' : `${c.held}/${c.required}`);

async function loadCompletion(ctx: Ctx, input: { id: string; period: string }) {
  const actor = requirePermission(ctx, 'life.read');
  const root = await findOrgForActor(ctx, input.id, 'life.read');
  const result = await subtreeComplianceItems(ctx, input);
  const period = parsePeriod(result.period)!;
  const rows = result.branches.map(toRow).sort((a, b) => severity[a.worst] - severity[b.worst] || a.code.localeCompare(b.code));
  // Columns: every rule that appears, in the order the evaluation gives them (the regulation's order).
  const rules = [...new Set(result.branches.flatMap((b) => b.items.map((i) => i.rule)))];
  const custom = await getEffectiveSetting(ctx, root.path, 'life.customTypes');
  const labelOf = (rule: string) => custom.find((c) => c.id === rule)?.label ?? typeLabelOf(rule, '');
  return { actor, root, period, rows, rules: rules.map((rule) => ({ rule, label: labelOf(rule) })) };
}

type Completion = Awaited<ReturnType<typeof loadCompletion>>;

async function auditExport(ctx: Ctx, c: Completion, format: 'xlsx' | 'pdf') {
  await writeAudit(ctx, {
    action: 'life.completion.export',
    targetType: 'org',
    targetId: c.root.id,
    targetOrgPath: c.root.path,
    actingForOrgId: coveringGrant(c.actor, 'life.read', c.root.path)?.orgId ?? null,
    details: { period: c.period.key, format, branches: c.rows.length },
  });
}

const titleOf = (c: Completion) => `${c.root.name} 组织生活完成情况表（${c.period.key}）`;
const noteOf = (ctx: Ctx, c: Completion) =>
  `统计周期 ${c.period.start} 至 ${c.period.end}，截至 ${ctx.clock.today()}；每格为“已开/应开”（已确认或已审核的会议），颜色按该项最差的周期：绿 已完成，黄 即将到期，红 逾期未完成，灰 未到期，“—” 不适用。按最差状态排序，其次按统一编码。由系统自动生成，生成时间 ${shanghaiTime(ctx.clock.now())}。`;
const fileBase = (c: Completion) => `${c.root.name}-${c.period.key}组织生活完成情况`;

/** GET /api/orgs/:id/life-completion.xlsx?period= — the completion sheet, and the items behind it on a second sheet. */
export async function lifeCompletionXlsx(ctx: Ctx, input: { id: string; period: string }): Promise<{ buffer: Buffer; filename: string; rowCount: number }> {
  const c = await loadCompletion(ctx, input);
  const headers = ['统一编码', '党支部', ...c.rules.map((r) => r.label), '补录', '最差状态'];
  const wb = new ExcelJS.Workbook();
  wb.creator = '先锋 Xianfeng';
  const ws = wb.addWorksheet('完成情况', { views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }], pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = neutraliseCell(titleOf(c));
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(2, 1, 2, headers.length);
  ws.getCell(2, 1).value = noteOf(ctx, c);
  ws.getCell(2, 1).alignment = { wrapText: true };
  ws.getRow(2).height = 32;
  ws.getRow(3).values = headers;
  ws.getRow(3).font = { bold: true };
  ws.getRow(3).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  ws.columns = [20, 30, ...c.rules.map(() => 11), 7, 12].map((width) => ({ width }));
  const paint = (cell: ExcelJS.Cell, s: ComplianceStatus) => {
    const fill = fills[s];
    if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill}` } };
    cell.font = { color: { argb: `FF${inks[s]}` } };
    cell.alignment = { horizontal: 'center' };
  };
  for (const r of c.rows) {
    const row = ws.addRow([neutraliseCell(r.code), neutraliseCell(r.name), ...c.rules.map((x) => cellText(r.cells.get(x.rule))), r.lateEntries, completionStatusLabels[r.worst]]);
    c.rules.forEach((x, i) => paint(row.getCell(3 + i), r.cells.get(x.rule)?.status ?? 'not_applicable'));
    paint(row.getCell(headers.length), r.worst);
  }

  const detail = wb.addWorksheet('明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.columns = [20, 30, 16, 10, 8, 8, 8, 12, 40].map((width) => ({ width }));
  detail.addRow(['统一编码', '党支部', '会议类型', '周期', '已开', '应开', '补录', '状态', '依据']).font = { bold: true };
  const labels = new Map(c.rules.map((r) => [r.rule, r.label]));
  for (const r of c.rows) {
    for (const i of r.items) {
      const row = detail.addRow([neutraliseCell(r.code), neutraliseCell(r.name), neutraliseCell(labels.get(i.rule) ?? i.rule), i.period, i.held, i.required, i.lateEntries, completionStatusLabels[i.status], neutraliseCell(i.source)]);
      paint(row.getCell(8), i.status);
    }
  }
  await auditExport(ctx, c, 'xlsx');
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${fileBase(c)}.xlsx`, rowCount: c.rows.length };
}

/** GET /api/orgs/:id/life-completion.pdf?period= — the same sheet on A4 landscape pages, header repeated. */
export async function lifeCompletionPdf(ctx: Ctx, input: { id: string; period: string }): Promise<{ buffer: Buffer; filename: string; rowCount: number }> {
  const c = await loadCompletion(ctx, input);
  const f = new PdfFlow({
    layout: 'landscape',
    title: titleOf(c),
    header: [titleOf(c), `统一编码 ${c.root.code}`],
    footer: `由先锋平台根据会议记录自动生成 · ${shanghaiTime(ctx.clock.now())}`,
    at: ctx.clock.now(),
  });
  f.paragraph(titleOf(c), { font: 'B', size: 15, align: 'center', gap: 2 });
  f.paragraph(noteOf(ctx, c), { size: 8.5, color: MUTED, gap: 6 });
  const fixed = { code: 84, name: 130, late: 32, worst: 58 };
  const ruleW = Math.max(40, (f.width - fixed.code - fixed.name - fixed.late - fixed.worst) / Math.max(1, c.rules.length));
  const size = 8.5;
  const head = () =>
    f.row(
      [
        { text: '统一编码', width: fixed.code },
        { text: '党支部', width: fixed.name },
        ...c.rules.map((r) => ({ text: r.label, width: ruleW, align: 'center' as const })),
        { text: '补录', width: fixed.late, align: 'center' as const },
        { text: '最差状态', width: fixed.worst, align: 'center' as const },
      ].map((x) => ({ ...x, font: 'B' as const, size, fill: '#F3F3F3' })),
      { padV: 3 },
    );
  const status = (s: ComplianceStatus, text: string, width: number): Cell => ({ text, width, size, align: 'center', color: `#${inks[s]}`, ...(fills[s] ? { fill: `#${fills[s]}` } : {}) });
  head();
  if (!c.rows.length) f.paragraph('该组织下没有党支部。', { color: MUTED });
  for (const r of c.rows) {
    if (f.room < 22) {
      f.newPage();
      head();
    }
    f.row(
      [
        { text: r.code, width: fixed.code, size },
        { text: r.name, width: fixed.name, size },
        ...c.rules.map((x) => {
          const cell = r.cells.get(x.rule);
          const s = cell?.status ?? 'not_applicable';
          return status(s, cell && s !== 'not_applicable' ? `${cellText(cell)} ${shortLabels[s]}` : '—', ruleW);
        }),
        { text: String(r.lateEntries), width: fixed.late, size, align: 'center', ...(r.lateEntries ? { color: '#C8161D' } : {}) },
        status(r.worst, completionStatusLabels[r.worst], fixed.worst),
      ],
      { padV: 3 },
    );
  }
  const buffer = await f.finish();
  await auditExport(ctx, c, 'pdf');
  return { buffer, filename: `${fileBase(c)}.pdf`, rowCount: c.rows.length };
}
