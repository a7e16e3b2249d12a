import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { isExcelDateFormat } from './xlsx-formats.ts';

/**
 * A streaming reader of the first worksheet of an .xlsx file, written for untrusted uploads:
 * - the zip's central directory is read first and every entry's declared size and compression ratio is
 *   checked before a byte is inflated (a zip bomb is refused up front); yauzl then refuses any entry
 *   whose real size differs from the declared one, so a lying header cannot get past the limits;
 * - the worksheet XML is parsed with a SAX parser and rows are yielded as they complete, so memory
 *   holds one chunk of XML and the shared strings, never the sheet.
 * Values are returned raw (text, number with its date flag, boolean); what they mean is the caller's.
 */

export type XlsxCell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; date: boolean }
  | { kind: 'bool'; value: boolean }
  | { kind: 'error'; text: string };

export interface XlsxRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  /** 0-based column index → cell; blank cells are absent. */
  cells: Map<number, XlsxCell>;
}

export type XlsxProblem = 'legacy_xls' | 'not_xlsx' | 'too_large' | 'zip_bomb' | 'corrupt' | 'encrypted';

export class XlsxError extends Error {
  constructor(
    readonly problem: XlsxProblem,
    detail: string,
  ) {
    super(detail);
  }
}

export interface XlsxLimits {
  /** Largest inflated size of any one part (sheet, shared strings, styles). */
  maxPartBytes: number;
  /** Largest inflated size of all parts read. */
  maxTotalBytes: number;
  /** Parts above 1 MiB may not inflate more than this many times their compressed size. */
  maxRatio: number;
  /** Columns beyond this are ignored (a sheet may declare cells up to XFD). */
  maxColumns: number;
}

export const defaultXlsxLimits: XlsxLimits = { maxPartBytes: 256 * 1024 * 1024, maxTotalBytes: 400 * 1024 * 1024, maxRatio: 200, maxColumns: 64 };

const MiB = 1024 * 1024;

/** What a file's first bytes say it is: the zip container of .xlsx, or the OLE container of .xls (and of encrypted .xlsx). */
async function sniff(file: string): Promise<'zip' | 'ole' | 'other'> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(8);
    const { bytesRead } = await fh.read(buf, 0, 8, 0);
    if (bytesRead >= 4 && buf.readUInt32LE(0) === 0x04034b50) return 'zip';
    if (bytesRead === 8 && buf.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
    return 'other';
  } finally {
    await fh.close();
  }
}

/** Column letters (A, B, …, AA) → 0-based index; `B12` → 1. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** 0-based index → column letters as Excel shows them. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

interface Parts {
  zip: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
}

async function openParts(file: string): Promise<Parts> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch (err) {
    throw new XlsxError('corrupt', `zip: ${(err as Error).message}`);
  }
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      entries.set(e.fileName.replace(/^\/+/, ''), e);
      if (entries.size > 10_000) return reject(new XlsxError('corrupt', 'too many zip entries'));
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (err: Error) => reject(new XlsxError('corrupt', `zip: ${err.message}`)));
    zip.readEntry();
  });
  return { zip, entries };
}

/** Opens one part as text, refusing it before inflating if its declared size or ratio is beyond the limits. */
async function openPart(parts: Parts, name: string, limits: XlsxLimits, budget: { left: number }): Promise<Readable | null> {
  const entry = parts.entries.get(name);
  if (!entry) return null;
  if (entry.isEncrypted()) throw new XlsxError('encrypted', name);
  const size = entry.uncompressedSize;
  if (size > limits.maxPartBytes || size > budget.left) throw new XlsxError('zip_bomb', `${name} inflates to ${size} bytes`);
  if (size > MiB && size > entry.compressedSize * limits.maxRatio) throw new XlsxError('zip_bomb', `${name} ratio ${Math.round(size / Math.max(1, entry.compressedSize))}`);
  budget.left -= size;
  try {
    return await new Promise<Readable>((resolve, reject) => parts.zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
  } catch (err) {
    throw new XlsxError('corrupt', `${name}: ${(err as Error).message}`);
  }
}

/**
 * Feeds a part through a SAX parser; `onChunk` runs after each chunk so a caller can hand out what the
 * chunk completed. Malformed XML and inflate errors (including yauzl's size check) become XlsxError.
 */
async function* parseXml(stream: Readable, setup: (p: SaxesParser) => void): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  setup(parser);
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream) {
      parser.write(decoder.write(chunk as Buffer));
      yield;
    }
    parser.write(decoder.end());
    parser.close();
    yield;
  } catch (err) {
    stream.destroy();
    if (err instanceof XlsxError) throw err;
    const msg = (err as Error).message ?? '';
    throw new XlsxError(/too many bytes|too few bytes|expected/i.test(msg) ? 'zip_bomb' : 'corrupt', msg);
  }
}

async function readWhole(parts: Parts, name: string, limits: XlsxLimits, budget: { left: number }, setup: (p: SaxesParser) => void): Promise<boolean> {
  const s = await openPart(parts, name, limits, budget);
  if (!s) return false;
  for await (const _ of parseXml(s, setup)) void _;
  return true;
}

/** Resolves a relationship target against the folder of the part that owns it (`xl/`). */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const out: string[] = ['xl'];
  for (const seg of target.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.') out.push(seg);
  }
  return out.join('/');
}

interface WorkbookInfo {
  sheetPath: string;
  sheetName: string;
  sharedStringsPath: string | null;
  stylesPath: string | null;
  date1904: boolean;
}

async function readWorkbook(parts: Parts, limits: XlsxLimits, budget: { left: number }): Promise<WorkbookInfo> {
  let firstSheet: { name: string; rid: string } | null = null;
  let date1904 = false;
  const found = await readWhole(parts, 'xl/workbook.xml', limits, budget, (p) =>
    p.on('opentag', (t) => {
      const n = local(t.name);
      if (n === 'workbookPr') date1904 = ['1', 'true'].includes(String(t.attributes.date1904 ?? ''));
      if (n === 'sheet' && !firstSheet && String(t.attributes.state ?? 'visible') === 'visible') {
        firstSheet = { name: String(t.attributes.name ?? ''), rid: String(t.attributes['r:id'] ?? Object.entries(t.attributes).find(([k]) => k.endsWith(':id'))?.[1] ?? '') };
      }
    }),
  );
  if (!found) throw new XlsxError('not_xlsx', 'no xl/workbook.xml');
  const sheet = firstSheet as { name: string; rid: string } | null;
  if (!sheet) throw new XlsxError('not_xlsx', 'no visible worksheet');
  const rels = new Map<string, { target: string; type: string }>();
  await readWhole(parts, 'xl/_rels/workbook.xml.rels', limits, budget, (p) =>
    p.on('opentag', (t) => {
      if (local(t.name) === 'Relationship') rels.set(String(t.attributes.Id), { target: String(t.attributes.Target ?? ''), type: String(t.attributes.Type ?? '') });
    }),
  );
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix));
  const sheetRel = rels.get(sheet.rid);
  const sheetPath = sheetRel ? resolveTarget(sheetRel.target) : 'xl/worksheets/sheet1.xml';
  if (!parts.entries.has(sheetPath)) throw new XlsxError('not_xlsx', `no ${sheetPath}`);
  const ss = byType('/sharedStrings');
  const st = byType('/styles');
  return {
    sheetPath,
    sheetName: sheet.name,
    sharedStringsPath: ss ? resolveTarget(ss.target) : parts.entries.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null,
    stylesPath: st ? resolveTarget(st.target) : parts.entries.has('xl/styles.xml') ? 'xl/styles.xml' : null,
    date1904,
  };
}

/** Which cell style indices (`s="n"`) carry a date format. */
async function readDateStyles(parts: Parts, path: string | null, limits: XlsxLimits, budget: { left: number }): Promise<Set<number>> {
  const dates = new Set<number>();
  if (!path) return dates;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let xf = 0;
  await readWhole(parts, path, limits, budget, (p) => {
    p.on('opentag', (t) => {
      const n = local(t.name);
      if (n === 'numFmt') custom.set(Number(t.attributes.numFmtId), String(t.attributes.formatCode ?? ''));
      else if (n === 'cellXfs') inCellXfs = true;
      else if (n === 'xf' && inCellXfs) {
        const id = Number(t.attributes.numFmtId ?? 0);
        if (isExcelDateFormat(id, custom.get(id))) dates.add(xf);
        xf++;
      }
    });
    p.on('closetag', (t) => {
      if (local(t.name) === 'cellXfs') inCellXfs = false;
    });
  });
  return dates;
}

/** Shared strings in order; the phonetic runs (`rPh`) are not part of the text. */
async function readSharedStrings(parts: Parts, path: string | null, limits: XlsxLimits, budget: { left: number }): Promise<string[]> {
  const out: string[] = [];
  if (!path) return out;
  let cur: string | null = null;
  let inT = false;
  let inPh = false;
  await readWhole(parts, path, limits, budget, (p) => {
    p.on('opentag', (t) => {
      const n = local(t.name);
      if (n === 'si') cur = '';
      else if (n === 'rPh') inPh = true;
      else if (n === 't' && !inPh) inT = true;
    });
    p.on('text', (text) => {
      if (inT && cur !== null) cur += text;
    });
    p.on('closetag', (t) => {
      const n = local(t.name);
      if (n === 't') inT = false;
      else if (n === 'rPh') inPh = false;
      else if (n === 'si') {
        out.push(cur ?? '');
        cur = null;
      }
    });
  });
  return out;
}

export interface OpenedSheet {
  sheetName: string;
  /** Serial dates count from 1904-01-01 (old Mac workbooks). */
  date1904: boolean;
  rows: AsyncGenerator<XlsxRow>;
  close: () => void;
}

/**
 * Opens the first visible worksheet of `file`. Throws XlsxError for anything that is not a readable
 * .xlsx (checked before any row is read); the row generator can still throw XlsxError for a sheet that
 * turns out malformed or oversized part-way.
 */
export async function openFirstSheet(file: string, limits: XlsxLimits = defaultXlsxLimits): Promise<OpenedSheet> {
  const kind = await sniff(file);
  if (kind === 'ole') throw new XlsxError('legacy_xls', 'OLE compound file');
  if (kind !== 'zip') throw new XlsxError('not_xlsx', 'not a zip container');
  const parts = await openParts(file);
  try {
    const budget = { left: limits.maxTotalBytes };
    const wb = await readWorkbook(parts, limits, budget);
    const dateStyles = await readDateStyles(parts, wb.stylesPath, limits, budget);
    const shared = await readSharedStrings(parts, wb.sharedStringsPath, limits, budget);
    const sheetStream = await openPart(parts, wb.sheetPath, limits, budget);
    if (!sheetStream) throw new XlsxError('not_xlsx', 'no worksheet');
    return { sheetName: wb.sheetName, date1904: wb.date1904, rows: sheetRows(sheetStream, { dateStyles, shared, date1904: wb.date1904, maxColumns: limits.maxColumns }), close: () => parts.zip.close() };
  } catch (err) {
    parts.zip.close();
    throw err;
  }
}

interface SheetContext {
  dateStyles: Set<number>;
  shared: string[];
  date1904: boolean;
  maxColumns: number;
}

async function* sheetRows(stream: Readable, c: SheetContext): AsyncGenerator<XlsxRow> {
  const done: XlsxRow[] = [];
  let row: XlsxRow | null = null;
  let lastRow = 0;
  let lastCol = -1;
  let cell: { col: number; type: string; style: number; value: string; inline: string } | null = null;
  let textTarget: 'v' | 't' | null = null;
  let inPh = false;
  const finishCell = () => {
    if (!row || !cell || cell.col >= c.maxColumns) return;
    const v = cell.value;
    let out: XlsxCell | null = null;
    switch (cell.type) {
      case 's': {
        const text = c.shared[Number(v)];
        if (text !== undefined) out = { kind: 'text', text };
        break;
      }
      case 'inlineStr':
        out = { kind: 'text', text: cell.inline };
        break;
      case 'str':
        out = { kind: 'text', text: v };
        break;
      case 'b':
        out = { kind: 'bool', value: v === '1' || v === 'true' };
        break;
      case 'e':
        out = { kind: 'error', text: v };
        break;
      case 'd':
        out = { kind: 'text', text: v };
        break;
      default:
        if (v.trim() !== '') {
          const num = Number(v);
          out = Number.isFinite(num) ? { kind: 'number', value: num, date: c.dateStyles.has(cell.style) } : { kind: 'text', text: v };
        }
    }
    if (out && !(out.kind === 'text' && out.text === '')) row.cells.set(cell.col, out);
  };
  const rows = parseXml(stream, (p) => {
    p.on('opentag', (t) => {
      switch (local(t.name)) {
        case 'row': {
          const r = Number(t.attributes.r);
          lastRow = Number.isInteger(r) && r > 0 ? r : lastRow + 1;
          row = { row: lastRow, cells: new Map() };
          lastCol = -1;
          break;
        }
        case 'c': {
          const ref = String(t.attributes.r ?? '');
          const col = ref ? columnIndex(ref) : lastCol + 1;
          lastCol = col;
          cell = { col, type: String(t.attributes.t ?? 'n'), style: Number(t.attributes.s ?? 0), value: '', inline: '' };
          break;
        }
        case 'v':
          textTarget = 'v';
          break;
        case 'rPh':
          inPh = true;
          break;
        case 't':
          if (!inPh) textTarget = 't';
          break;
      }
    });
    p.on('text', (text) => {
      if (!cell) return;
      if (textTarget === 'v') cell.value += text;
      else if (textTarget === 't') cell.inline += text;
    });
    p.on('closetag', (t) => {
      switch (local(t.name)) {
        case 'v':
        case 't':
          textTarget = null;
          break;
        case 'rPh':
          inPh = false;
          break;
        case 'c':
          finishCell();
          cell = null;
          break;
        case 'row':
          if (row) done.push(row);
          row = null;
          break;
      }
    });
  });
  for await (const _ of rows) {
    void _;
    for (const r of done.splice(0)) yield r;
  }
}
