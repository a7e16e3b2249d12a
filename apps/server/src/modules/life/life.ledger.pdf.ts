import type { MinutesView } from '@xianfeng/contracts/life/life.schemas';
import { LABEL_FILL, MUTED, PdfFlow, RED, type Cell } from '../../platform/files/pdf.ts';
import { shanghaiTime } from './life.service.ts';

/**
 * The 三会一课 record book as PDF. The layout is ours, written down in docs/life-ledger.md, until an
 * official 党支部工作手册 form is supplied.
 */

/** 全角空格 between the parts of a heading (written as an escape: lint refuses irregular whitespace). */
const SP = '\u3000';

export interface LedgerPerson {
  name: string;
  reason: string | null;
}

export interface LedgerMeeting {
  id: string;
  type: string;
  typeLabel: string;
  title: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  statusLabel: string;
  lateEntry: boolean;
  lateEntryReason: string | null;
  minutes: MinutesView | null;
  expected: number;
  present: number;
  leave: number;
  absent: number;
  host: string | null;
  recorder: string | null;
  onLeave: LedgerPerson[];
  absentees: LedgerPerson[];
  notExpected: LedgerPerson[];
  appendedCorrections: { reason: string; content: string; by: string; at: Date }[];
}

export interface LedgerTypeCount {
  label: string;
  held: number;
  approved: number;
  confirmed: number;
  lateEntries: number;
}

export interface LedgerBook {
  org: { name: string; code: string };
  year: number;
  generatedAt: Date;
  byType: LedgerTypeCount[];
  meetings: LedgerMeeting[];
}

const when = (iso: string | null | undefined) => (iso ? shanghaiTime(new Date(iso)) : '');
/** "张三（病假）、李四（出差）；未说明原因：王五、赵六" — names with their reasons, then those without. */
function people(list: LedgerPerson[]): string {
  if (!list.length) return '无';
  const withReason = list.filter((p) => p.reason).map((p) => `${p.name}（${p.reason}）`);
  const without = list.filter((p) => !p.reason).map((p) => p.name);
  return [withReason.join('、'), without.length ? `未说明原因：${without.join('、')}` : ''].filter(Boolean).join('；');
}
const numbered = (list: string[], none: string) => (list.length ? list.map((s, i) => `${i + 1}. ${s}`).join('\n') : none);

type Field = [label: string, text: string, style?: Partial<Cell>];

/** 会议记录 fields of one meeting, in the order of the record page (docs/life-ledger.md). */
function recordFields(m: LedgerMeeting): Field[] {
  const x = m.minutes;
  const fields: Field[] = [['请假人员', people(m.onLeave)]];
  // Before the minutes are written nobody's absence is settled: say so rather than list everyone.
  fields.push(x ? ['缺席人员', people(m.absentees)] : ['缺席人员', '会议记录尚未填写，出勤情况未核定', { color: MUTED }]);
  if (m.notExpected.length) fields.push(['不计入应到', people(m.notExpected)]);
  if (!x) {
    fields.push(['会议记录', '尚未填写会议记录', { color: MUTED }]);
  } else {
    const quorum = x.quorum ? `\n到会人数核对：应到 ${x.quorum.shouldAttend}，实到 ${x.quorum.present}，${x.quorum.met ? '符合规定' : '未达到规定'}（${x.quorum.rule}）` : '';
    const confirm = x.sameHostAndRecorder
      ? `主持人兼记录人 ${m.host ?? ''}：${x.confirmedByHostAt ? `已确认，${when(x.confirmedByHostAt)}` : '未确认'}\n（主持人与记录人为同一人兼任）`
      : `记录人 ${m.recorder ?? ''}：${x.confirmedByRecorderAt ? `已确认，${when(x.confirmedByRecorderAt)}` : '未确认'}\n主持人 ${m.host ?? ''}：${x.confirmedByHostAt ? `已确认，${when(x.confirmedByHostAt)}` : '未确认'}`;
    const review = x.review
      ? [
          `审核结果：${x.review.decision === 'approve' ? '通过（记录已锁定）' : '退回修改'}`,
          `审核意见：${x.review.comment ?? '无'}`,
          `审核人：${x.review.by}${SP}审核时间：${when(x.review.at)}`,
          ...(x.hash ? ['锁定摘要（SM3）：', x.hash] : []),
        ].join('\n')
      : m.status === 'confirmed'
        ? '已确认，待上级党组织审核'
        : '尚未审核';
    fields.push(
      ['议题', numbered(x.topics, '无')],
      ['主要内容', x.keyPoints],
      ['不同意见', x.differingOpinions?.trim() || '无'],
      ['决定事项', numbered(x.decisions, '无')],
      ['表决结果', numbered(x.votes.map((v) => `${v.item}：同意 ${v.yes}，反对 ${v.no}，弃权 ${v.abstain}`), '无表决事项') + quorum],
      ['落实事项', numbered(x.followUps.map((f) => `${f.task}（负责人：${f.ownerName}；期限：${f.deadline}）`), '无')],
      ['确认', confirm],
      ['审核', review],
    );
  }
  fields.push(
    m.lateEntry ? ['补录', `是。本记录在会议开始后录入。\n补录原因：${m.lateEntryReason ?? ''}`, { color: RED, font: 'B' }] : ['补录', '否（会前计划，按时记录）'],
    ['修改说明', numbered((x?.corrections ?? []).map((c) => `${when(c.at)} ${c.by}：${c.reason}`), '无')],
    ['追加更正', numbered(m.appendedCorrections.map((c) => `${shanghaiTime(c.at)} ${c.by}\n更正原因：${c.reason}\n更正内容：${c.content}`), '无')],
  );
  return fields;
}

function summaryPage(f: PdfFlow, book: LedgerBook) {
  f.y += 40;
  f.paragraph('党支部工作手册', { size: 14, color: MUTED, align: 'center', gap: 4 });
  f.paragraph('“三会一课”及组织生活记录', { font: 'B', size: 22, color: RED, align: 'center', gap: 10 });
  f.paragraph(book.org.name, { font: 'B', size: 16, align: 'center', gap: 2 });
  f.paragraph(`统一编码 ${book.org.code}${SP}${SP}${book.year} 年度`, { size: 11, color: MUTED, align: 'center', gap: 24 });
  f.paragraph('全年会议次数统计', { font: 'B', size: 12, gap: 4 });
  const w = f.width;
  const cols = [w * 0.36, w * 0.16, w * 0.16, w * 0.16, w * 0.16];
  const head = (t: string[], widths: number[]) => f.row(t.map((text, i) => ({ text, width: widths[i]!, font: 'B' as const, fill: LABEL_FILL, align: i ? ('center' as const) : ('left' as const) })));
  head(['会议类型', '召开次数', '已审核', '已确认待审核', '其中补录'], cols);
  const total = { label: '合计', held: 0, approved: 0, confirmed: 0, lateEntries: 0 };
  for (const t of [...book.byType, total]) {
    if (t !== total) for (const k of ['held', 'approved', 'confirmed', 'lateEntries'] as const) total[k] += t[k];
    f.row([
      { text: t.label, width: cols[0]!, font: t === total ? 'B' : 'R' },
      ...[t.held, t.approved, t.confirmed, t.lateEntries].map((n, i) => ({ text: String(n), width: cols[i + 1]!, align: 'center' as const, ...(i === 3 && n > 0 ? { color: RED } : {}) })),
    ]);
  }
  f.y += 10;
  f.paragraph(
    `说明：本手册由系统根据会议记录自动生成（生成时间 ${shanghaiTime(book.generatedAt)}），不另行手工填写；召开次数不含已取消的会议；出勤人数来自签到、请假和会议记录的缺席说明。补录的会议在目录和记录页中醒目标注并写明原因；记录锁定后的更正追加在原记录之后，原记录不作改动。本版式为先锋平台的记录页版式，在上级党组织下发正式格式前使用。`,
    { size: 9, color: MUTED, gap: 14 },
  );
  f.paragraph('会议目录', { font: 'B', size: 12, gap: 4 });
  const ic = [w * 0.07, w * 0.2, w * 0.17, w * 0.34, w * 0.22];
  const indexHead = () => head(['序号', '时间', '会议类型', '会议名称', '状态'], ic);
  if (!book.meetings.length) {
    f.paragraph('本年度没有会议记录。', { color: MUTED });
    return;
  }
  indexHead();
  book.meetings.forEach((m, i) => {
    if (f.room < 20) {
      f.newPage();
      indexHead();
    }
    f.row(
      [
        { text: String(i + 1), width: ic[0]!, align: 'center' },
        { text: shanghaiTime(m.startsAt), width: ic[1]! },
        { text: m.typeLabel, width: ic[2]! },
        { text: m.title, width: ic[3]! },
        { text: m.lateEntry ? `${m.statusLabel} · 补录` : m.statusLabel, width: ic[4]!, ...(m.lateEntry ? { color: RED, font: 'B' as const } : {}) },
      ],
      { padV: 3 },
    );
  });
}

function recordPage(f: PdfFlow, m: LedgerMeeting, n: number) {
  f.continuation = null;
  f.newPage();
  f.continuation = `第 ${n} 次记录（续）${SP}${m.typeLabel}${SP}${m.title}`;
  f.paragraph(`第 ${n} 次记录${SP}${m.typeLabel}`, { font: 'B', size: 14, color: RED, gap: 0 });
  f.paragraph(m.title, { font: 'B', size: 12, gap: 6 });
  if (m.lateEntry) {
    // 补录 shown prominently: a late entry must never look as if it had been planned.
    f.row([{ text: `补录${SP}本记录在会议开始后录入。补录原因：${m.lateEntryReason ?? ''}`, width: f.width, font: 'B', size: 11, color: '#FFFFFF', fill: RED }], { padV: 6 });
    f.y += 6;
  }
  const L = 84;
  const half = (f.width - 2 * L) / 2;
  const label = (text: string, width = L): Cell => ({ text, width, font: 'B', fill: LABEL_FILL });
  f.row([label('会议类型'), { text: m.typeLabel, width: half }, label('记录状态'), { text: m.statusLabel, width: half }]);
  f.row([label('时间'), { text: `${shanghaiTime(m.startsAt)} 至 ${shanghaiTime(m.endsAt).slice(11)}`, width: half }, label('地点'), { text: m.place, width: half }]);
  f.row([label('主持人'), { text: m.host ?? '', width: half }, label('记录人'), { text: m.recorder ?? '', width: half }]);
  const q = (f.width - 4 * 48) / 4;
  f.row([label('应到', 48), { text: String(m.expected), width: q, align: 'center' }, label('实到', 48), { text: String(m.present), width: q, align: 'center' }, label('请假', 48), { text: String(m.leave), width: q, align: 'center' }, label('缺席', 48), { text: m.minutes ? String(m.absent) : '未核定', width: q, align: 'center' }]);
  for (const [name, text, style] of recordFields(m)) f.row([label(name), { text, width: f.width - L, ...style }], { split: true });
}

/** The year's record book: a summary page with counts by type and an index, then one record page per meeting. */
export function renderLedgerPdf(book: LedgerBook): Promise<Buffer> {
  const f = new PdfFlow({
    layout: 'portrait',
    title: `${book.org.name} ${book.year} 年“三会一课”记录`,
    header: [`${book.org.name} · ${book.year} 年“三会一课”及组织生活记录`, `统一编码 ${book.org.code}`],
    footer: `由先锋平台根据会议记录自动生成 · ${shanghaiTime(book.generatedAt)}`,
    at: book.generatedAt,
  });
  summaryPage(f, book);
  book.meetings.forEach((m, i) => recordPage(f, m, i + 1));
  return f.finish();
}
