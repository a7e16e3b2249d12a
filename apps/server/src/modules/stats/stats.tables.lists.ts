import { neutraliseCell } from '../../platform/files/spreadsheet.ts';
import { LIST_SHEET, listHeaders, ORG_LIST_SHEET, orgListHeaders } from './stats.tables.layout.ts';
import { columnLetter, sheetLocation, type Cell, type SheetSpec } from './stats.tables.xlsx.ts';

/**
 * The named lists (名单) behind the figures: one sheet of members and one of organisations, list after list, each
 * list's rows carrying its id in column A so a filter shows one list. A figure cell links to its list's first row.
 * The rows written are capped (setting `stats.tablesListRowLimit`): a list that does not fit is cut with a note, and
 * lists after that link to the notice at the top of the sheet, which points to the full member list export.
 */

export interface ListLine {
  /** The cells after 名单/表/行/列/序号: member (姓名, 所在党组织, 身份证号码, 取值) or org fields. */
  cells: (string | null)[];
}

export interface ListRef {
  /** Where the figure links to (`'名单'!A12`). */
  link: string;
  /** Rows listed (equals the figure unless truncated). */
  listed: number;
}

const TOP_ROWS = 4; // title, notice, blank, header

export class ListSheet {
  private readonly rows: Cell[][] = [];
  private readonly refs = new Map<string, ListRef>();
  /** For each list: the tables linking to it and its rows' span in `rows`. */
  private readonly spans = new Map<string, { tables: Set<string>; from: number; to: number }>();
  private seq = 0;
  truncatedLists = 0;
  private restNoted = false;

  constructor(
    readonly name: string,
    private readonly headers: readonly string[],
    private readonly budget: { left: number; limit: number },
    private readonly notice: string,
  ) {}

  /**
   * The list for `key`, written on first use (later figures with the same key link to the same list). `expected` is
   * the figure; `lines` gives the list's rows in order, asked for only when the list is written (only as many as the
   * budget allows are taken), so members are read from the database lazily and never beyond the cap.
   */
  async list(key: string, label: { table: string; row: string; column: string }, expected: number, lines: () => Promise<Iterable<ListLine>>): Promise<ListRef> {
    const known = this.refs.get(key);
    if (known) {
      this.noteTable(key, label.table);
      return known;
    }
    if (this.budget.left <= 0) {
      this.truncatedLists++;
      // The cap can fall exactly at a list's end: the lists after it are not written, and the sheet says so once
      // (after a cut list, that list's note says it already).
      if (!this.restNoted) {
        this.restNoted = true;
        this.rows.push([{ v: `（名单已截断：本文件的名单最多 ${this.budget.limit} 行，以下各项的名单未列出，完整名单请按党组织导出党员名单。）`, style: 'note' }]);
      }
      const ref = { link: sheetLocation(this.name, 2), listed: 0 };
      this.refs.set(key, ref);
      return ref;
    }
    const id = `L${String(++this.seq).padStart(4, '0')}`;
    const first = TOP_ROWS + this.rows.length + 1;
    const head: Cell[] = [id, label.table, neutraliseCell(label.row), label.column];
    const from = this.rows.length;
    let n = 0;
    for (const line of await lines()) {
      if (this.budget.left <= 0) break;
      this.rows.push([...head, n + 1, ...line.cells.map((c) => (c === null ? null : neutraliseCell(c)))]);
      n++;
      this.budget.left--;
    }
    this.spans.set(key, { tables: new Set([label.table]), from, to: this.rows.length });
    if (n < expected) {
      this.truncatedLists++;
      this.restNoted = true;
      this.rows.push([{ v: `（名单已截断：本项 ${expected} 人，列出 ${n} 人。本文件的名单最多 ${this.budget.limit} 行，完整名单请按党组织导出党员名单。）`, style: 'note' }]);
    }
    const ref = { link: sheetLocation(this.name, first), listed: n };
    this.refs.set(key, ref);
    return ref;
  }

  /** A shared list names every table that links to it (表1、表5). */
  private noteTable(key: string, table: string): void {
    const span = this.spans.get(key);
    if (!span || span.tables.has(table)) return;
    span.tables.add(table);
    const label = [...span.tables].join('、');
    for (let i = span.from; i < span.to; i++) this.rows[i]![1] = label;
  }

  sheet(): SheetSpec {
    const width = this.headers.length;
    return {
      name: this.name,
      widths: [8, 24, 28, 28, 6, ...this.headers.slice(5).map((h) => (/党组织|名称|上级/.test(h) ? 30 : h.includes('身份证') ? 22 : 18))],
      freeze: { rows: TOP_ROWS, cols: 0 },
      merges: [`A1:${columnLetter(width)}1`],
      rows: [
        [{ v: this.name === LIST_SHEET ? '名单：各表数字对应的党员' : '组织名单：表6 数字对应的党组织', style: 'title' }],
        [{ v: this.notice, style: 'note' }],
        [],
        this.headers.map((h) => ({ v: h, style: 'header' as const })),
        ...this.rows,
      ],
    };
  }
}

export function memberListSheet(budget: { left: number; limit: number }, exportHint: string): ListSheet {
  return new ListSheet(
    LIST_SHEET,
    listHeaders,
    budget,
    `单击各表中的数字即跳转到本表对应名单的第一行；A 列为名单编号，可按编号筛选。身份证号码已脱敏。本文件的名单最多 ${budget.limit} 行；超出部分未列出，完整名单请导出党员名单（${exportHint}）。`,
  );
}

export function orgListSheet(budget: { left: number; limit: number }): ListSheet {
  return new ListSheet(ORG_LIST_SHEET, orgListHeaders, budget, `单击表6中的数字即跳转到对应组织名单的第一行；A 列为名单编号。本文件的名单最多 ${budget.limit} 行。`);
}
