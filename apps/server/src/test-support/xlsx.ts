import { deflateRawSync, crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';

/** Test helpers for spreadsheets and uploads: real .xlsx files from exceljs and hand-made zips for hostile ones. */

export type SheetCell = string | number | Date | null;

export interface SheetSpec {
  rows: SheetCell[][];
  /** Ranges to merge, e.g. `A1:H1`. */
  merges?: string[];
  /** Excel number format per 1-based column (e.g. text `@`). */
  numFmt?: Record<number, string>;
  sheetName?: string;
}

/** A workbook with one sheet (row 1 first), as Excel would save it. */
export async function xlsxOf(spec: SheetSpec): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(spec.sheetName ?? 'Sheet1');
  spec.rows.forEach((cells, r) => {
    cells.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = 'yyyy/m/d';
      const fmt = spec.numFmt?.[c + 1];
      if (fmt) cell.numFmt = fmt;
    });
  });
  for (const m of spec.merges ?? []) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  /** Lie about the inflated size in the headers (a zip bomb that hides its size). */
  declaredSize?: number;
}

/** A deflated zip written by hand, so tests can build files no spreadsheet program would. */
export function zipOf(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
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

/** The smallest parts of a valid workbook around the given sheet XML. */
export function minimalXlsxParts(sheetXml: Buffer, declaredSheetSize?: number): ZipEntrySpec[] {
  const x = (s: string) => Buffer.from(s, 'utf8');
  return [
    { name: '[Content_Types].xml', data: x('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    {
      name: 'xl/workbook.xml',
      data: x('<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: x('<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml, ...(declaredSheetSize !== undefined ? { declaredSize: declaredSheetSize } : {}) },
  ];
}

/** A multipart/form-data body with one file field, for `app.inject`. */
export function multipartOf(field: string, filename: string, data: Buffer, extra: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----xianfeng${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(extra)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${encodeURIComponent(filename)}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
