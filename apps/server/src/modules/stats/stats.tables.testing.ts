import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

/**
 * Test helpers for the 党内统计 workbook: opened with exceljs (values), and its parts read raw for the in-workbook
 * hyperlinks (exceljs reads only links kept as relationships, not `location` links). For tests only.
 */

function unzip(buf: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const out = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export interface TablesBook {
  names: string[];
  sheet: (name: string) => ExcelJS.Worksheet;
  /** Sheet name → cell ref → link location (`'名单'!A12`). */
  links: Map<string, Map<string, string>>;
  /** Every part's XML text (for "no plaintext" checks). */
  parts: Map<string, string>;
}

export async function readTablesBook(buf: Buffer): Promise<TablesBook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const parts = await unzip(buf);
  const names = [...parts.get('xl/workbook.xml')!.matchAll(/<sheet name="([^"]+)" sheetId="(\d+)"/g)].map((m) => m[1]!);
  const links = new Map<string, Map<string, string>>();
  names.forEach((name, i) => {
    const xml = parts.get(`xl/worksheets/sheet${i + 1}.xml`)!;
    const unescape = (s: string) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    links.set(name, new Map([...xml.matchAll(/<hyperlink ref="([A-Z]+\d+)" location="([^"]+)"/g)].map((m) => [m[1]!, unescape(m[2]!)])));
  });
  return {
    names,
    sheet: (name) => {
      const ws = wb.getWorksheet(name);
      assert.ok(ws, `sheet ${name}`);
      return ws;
    },
    links,
    parts,
  };
}

/** A cell's value as a number (figures are plain numbers; a formula's cached result counts). */
export function num(ws: ExcelJS.Worksheet, row: number, col: number): number {
  const v = ws.getCell(row, col).value;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  assert.fail(`${ws.name} R${row}C${col} should be a number, got ${JSON.stringify(v)}`);
}

export function text(ws: ExcelJS.Worksheet, row: number, col: number): string {
  const v = ws.getCell(row, col).value;
  if (v && typeof v === 'object' && 'result' in v) return String(v.result);
  return v === null || v === undefined ? '' : String(v);
}

/** The data row whose first cell is `label` (rows start at 5, after title and two header rows). */
export function rowOf(ws: ExcelJS.Worksheet, label: string): number {
  const last = ws.rowCount;
  for (let r = 5; r <= last; r++) if (text(ws, r, 1) === label) return r;
  assert.fail(`${ws.name}: no row ${label}`);
}

/** The column whose label (row 4, or row 3 when merged down) is `label`; within `group` when given. */
export function colOf(ws: ExcelJS.Worksheet, label: string, group?: string): number {
  let currentGroup = '';
  const last = ws.columnCount;
  for (let c = 2; c <= last; c++) {
    const top = text(ws, 3, c);
    if (top) currentGroup = top;
    const own = text(ws, 4, c) || top;
    if (own === label && (group === undefined || currentGroup === group)) return c;
  }
  assert.fail(`${ws.name}: no column ${group ? group + '·' : ''}${label}`);
}

export interface ListedRows {
  id: string;
  rows: string[][];
}

/** The list a link points at: its rows (same list id in column A from the anchor down), as text. */
export function listAt(book: TablesBook, location: string): ListedRows {
  const m = /^'([^']+)'!A(\d+)$/.exec(location);
  assert.ok(m, `link ${location}`);
  const ws = book.sheet(m[1]!);
  const start = Number(m[2]);
  const id = text(ws, start, 1);
  const rows: string[][] = [];
  // exceljs computes rowCount / columnCount by walking the sheet: read them once.
  const [lastRow, lastCol] = [ws.rowCount, ws.columnCount];
  for (let r = start; r <= lastRow && text(ws, r, 1) === id && /^L\d{4}$/.test(id); r++) {
    const cells: string[] = [];
    for (let c = 1; c <= lastCol; c++) cells.push(text(ws, r, c));
    rows.push(cells);
  }
  return { id, rows };
}
