import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A small .xlsx (Office Open XML) writer for the 党内统计 tables. Why not exceljs, the project's spreadsheet library:
 * every figure must stay a real number AND link to its named list, and exceljs can put a hyperlink only on a text
 * cell; its streaming writer also writes in-workbook links as external relationships. Here a cell is written as a
 * number and its link goes into the sheet's `<hyperlinks>` with a `location` (an in-workbook jump, the form Excel,
 * WPS and LibreOffice write themselves). Strings are inline (no shared-string table), so each sheet is written in
 * one pass; the caller bounds the size (the named lists are capped by a setting).
 */

export type CellStyle = 'text' | 'number' | 'link' | 'header' | 'title' | 'subtitle' | 'note' | 'label' | 'total' | 'check';

export interface RichCell {
  v: string | number;
  style?: CellStyle;
  /** An in-workbook target such as `'名单'!A12` (no leading #). */
  link?: string;
  /** A formula (no leading =) whose cached value is `v`. */
  f?: string;
}

export type Cell = string | number | null | RichCell;

export interface SheetSpec {
  name: string;
  /** Column widths in characters, first column first. */
  widths: number[];
  rows: Cell[][];
  merges?: string[];
  /** Rows and columns kept in view when scrolling. */
  freeze?: { rows: number; cols: number };
  landscape?: boolean;
  /** Row heights in points by 1-based row (header rows whose labels wrap). */
  heights?: Record<number, number>;
}

/** Excel's limit and forbidden characters for sheet names. */
export function safeSheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31);
}

/** `A`, `B`, … `Z`, `AA` … for a 1-based column. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export const cellRef = (row: number, col: number): string => `${columnLetter(col)}${row}`;

/** An in-workbook link target: the sheet name quoted as Excel writes it. */
export const sheetLocation = (sheet: string, row: number, col = 1): string => `'${sheet.replace(/'/g, "''")}'!${cellRef(row, col)}`;

// XML 1.0 forbids most control characters; a name pasted from elsewhere must not break the file.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const escapeXml = (s: string): string =>
  s.replace(INVALID_XML, '').replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** Style ids (cellXfs order in `stylesXml`). */
const STYLE_IDS: Record<CellStyle, number> = { text: 1, number: 2, link: 3, header: 4, title: 5, subtitle: 6, note: 7, label: 8, total: 9, check: 10 };

const stylesXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="6">
<font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>
<font><b/><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>
<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="宋体"/><family val="2"/><charset val="134"/></font>
<font><b/><sz val="14"/><name val="黑体"/><family val="2"/><charset val="134"/></font>
<font><i/><sz val="10"/><color rgb="FF595959"/><name val="宋体"/><family val="2"/><charset val="134"/></font>
<font><b/><u/><sz val="11"/><color rgb="FF0563C1"/><name val="宋体"/><family val="2"/><charset val="134"/></font>
</fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>
<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="11">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"><alignment vertical="center"/></xf>
<xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"><alignment horizontal="right" vertical="center"/></xf>
<xf numFmtId="1" fontId="2" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"><alignment horizontal="right" vertical="center"/></xf>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="left" vertical="center"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="4" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="49" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"><alignment vertical="center"/></xf>
<xf numFmtId="1" fontId="5" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"><alignment horizontal="right" vertical="center"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

function cellXml(ref: string, cell: Cell): string {
  if (cell === null || cell === '') return '';
  const c: RichCell = typeof cell === 'object' ? cell : { v: cell };
  const style = STYLE_IDS[c.style ?? (typeof c.v === 'number' ? (c.link ? 'link' : 'number') : 'text')];
  const s = ` s="${style}"`;
  if (c.f !== undefined) {
    const f = `<f>${escapeXml(c.f)}</f>`;
    return typeof c.v === 'number' ? `<c r="${ref}"${s}>${f}<v>${c.v}</v></c>` : `<c r="${ref}"${s} t="str">${f}<v>${escapeXml(c.v)}</v></c>`;
  }
  if (typeof c.v === 'number') return `<c r="${ref}"${s}><v>${Number.isFinite(c.v) ? c.v : 0}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(c.v)}</t></is></c>`;
}

function sheetXml(sheet: SheetSpec, selected: boolean): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`,
  ];
  const f = sheet.freeze;
  let pane = '';
  if (f && (f.rows > 0 || f.cols > 0)) {
    const active = f.rows > 0 && f.cols > 0 ? 'bottomRight' : f.rows > 0 ? 'bottomLeft' : 'topRight';
    pane = `<pane${f.cols ? ` xSplit="${f.cols}"` : ''}${f.rows ? ` ySplit="${f.rows}"` : ''} topLeftCell="${cellRef(f.rows + 1, f.cols + 1)}" activePane="${active}" state="frozen"/>`;
  }
  parts.push(`<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>`);
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (sheet.widths.length) parts.push(`<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`);
  parts.push('<sheetData>');
  const links: string[] = [];
  sheet.rows.forEach((row, r) => {
    const cells: string[] = [];
    row.forEach((cell, c) => {
      const ref = cellRef(r + 1, c + 1);
      cells.push(cellXml(ref, cell));
      if (cell !== null && typeof cell === 'object' && cell.link) links.push(`<hyperlink ref="${ref}" location="${escapeXml(cell.link)}" display="${escapeXml(String(cell.v))}"/>`);
    });
    const ht = sheet.heights?.[r + 1];
    parts.push(`<row r="${r + 1}"${ht ? ` ht="${ht}" customHeight="1"` : ''}>${cells.join('')}</row>`);
  });
  parts.push('</sheetData>');
  if (sheet.merges?.length) parts.push(`<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
  if (links.length) parts.push(`<hyperlinks>${links.join('')}</hyperlinks>`);
  parts.push('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>');
  parts.push(`<pageSetup paperSize="9" orientation="${sheet.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>`);
  parts.push('</worksheet>');
  return parts.join('');
}

function workbookParts(sheets: SheetSpec[], title: string): Array<{ name: string; data: string }> {
  const n = sheets.length;
  const range = (fn: (i: number) => string) => Array.from({ length: n }, (_, i) => fn(i + 1)).join('');
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return [
    {
      name: '[Content_Types].xml',
      data: `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>${range((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)}</Types>`,
    },
    {
      name: '_rels/.rels',
      data: `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    },
    {
      name: 'docProps/core.xml',
      data: `${xml}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(title)}</dc:title><dc:creator>先锋 Xianfeng</dc:creator></cp:coreProperties>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `${xml}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${range((i) => `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`)}<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    },
    { name: 'xl/styles.xml', data: stylesXml },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheetXml(s, i === 0) })),
  ];
}

/** MS-DOS date and time of a zip entry. */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** A deflated zip of the given parts (no zip64: the caller keeps the workbook far below 4 GiB). */
function zip(entries: Array<{ name: string; data: string }>, at: Date): Buffer {
  const { time, date } = dosTime(at);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = Buffer.from(e.data, 'utf8');
    const packed = deflateRawSync(raw);
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The workbook as .xlsx bytes; the first sheet is the one shown on opening. */
export function writeXlsx(input: { sheets: SheetSpec[]; title: string; at: Date }): Buffer {
  return zip(workbookParts(input.sheets, input.title), input.at);
}
