import type { XlsxCell } from '../../platform/files/xlsx-reader.ts';
import { excelSerialToDate } from '../../platform/files/xlsx-formats.ts';
import { isValidDate } from '../../platform/dates.ts';

/**
 * How a spreadsheet cell typed by a person becomes a field value. Spreadsheets from the field mix
 * full-width digits and spaces (NFKC folds them), dates typed as text in half a dozen styles or stored
 * as Excel serials, and ID numbers that Excel turned into numbers.
 */

/** NFKC folds full-width digits, letters and the ideographic space; runs of whitespace become one space. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The cell as text: numbers without exponent or float noise, booleans as 是/否. */
export function cellText(cell: XlsxCell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'text':
      return normaliseText(cell.text);
    case 'number':
      return Number.isInteger(cell.value) && Math.abs(cell.value) < 1e21 ? cell.value.toFixed(0) : String(Number(cell.value.toPrecision(15)));
    case 'bool':
      return cell.value ? '是' : '否';
    case 'error':
      return cell.text;
  }
}

export type CellResult = { ok: true; value: string } | { ok: false; code: 'MEMBER_IMPORT_DATE_INVALID' | 'MEMBER_IMPORT_ID_NUMBER_AS_NUMBER' | 'MEMBER_IMPORT_VALUE_INVALID'; message: string };

const dateHint = '应写成 1985-03-02、1985/3/2、1985.3.2 或 1985年3月2日，或使用 Excel 日期格式';

/** A date typed as text (several styles), stored as an Excel date, or typed as 19850302. */
export function dateCell(cell: XlsxCell | undefined, date1904: boolean): CellResult {
  if (cell?.kind === 'number') {
    const v = cell.value;
    if (!cell.date && Number.isInteger(v) && v >= 1900_01_01 && v <= 2999_12_31) return dateText(String(v));
    // A number in a date column is a serial even when the cell lost its date format (pasted values).
    const d = excelSerialToDate(v, date1904);
    return d ? { ok: true, value: d } : { ok: false, code: 'MEMBER_IMPORT_DATE_INVALID', message: `不是有效日期（${v}），${dateHint}` };
  }
  if (cell?.kind === 'error') return { ok: false, code: 'MEMBER_IMPORT_VALUE_INVALID', message: `单元格是公式错误 ${cell.text}` };
  return dateText(cellText(cell));
}

function dateText(text: string): CellResult {
  const s = text.replace(/\s+/g, '');
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!m) return { ok: false, code: 'MEMBER_IMPORT_DATE_INVALID', message: `「${text}」不是日期，${dateHint}` };
  const [, y, mo = m[4], d = m[5]] = m;
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  if (!isValidDate(iso)) return { ok: false, code: 'MEMBER_IMPORT_DATE_INVALID', message: `「${text}」不是存在的日期` };
  return { ok: true, value: iso };
}

/**
 * An ID number. Excel keeps 15 significant digits, so an 18-digit number typed into a General cell has
 * already lost its last digits (and its check character) — it cannot be repaired, only re-typed as text.
 */
export function idNumberCell(cell: XlsxCell | undefined): CellResult {
  const lost = '单元格被 Excel 存成了数字，只保留 15 位有效数字，后几位已经丢失；请把该列设置为“文本”格式后重新输入';
  if (cell?.kind === 'number') {
    if (!Number.isInteger(cell.value) || Math.abs(cell.value) >= 1e15) return { ok: false, code: 'MEMBER_IMPORT_ID_NUMBER_AS_NUMBER', message: lost };
    return { ok: true, value: cell.value.toFixed(0) };
  }
  const text = cellText(cell).replace(/\s/g, '');
  if (/^\d(\.\d+)?e\+?\d+$/i.test(text)) return { ok: false, code: 'MEMBER_IMPORT_ID_NUMBER_AS_NUMBER', message: lost };
  return { ok: true, value: text.replace(/x$/, 'X') };
}

/**
 * A value from a closed list, typed as its label, an alias or its code (民族 as 汉族, 汉 or 01).
 * `labels` maps code → label.
 */
export function choiceCell(text: string, labels: Record<string, string>, aliases: Record<string, string> = {}): string | null {
  if (text === '') return null;
  const t = text.replace(/\s/g, '');
  if (t in aliases) return aliases[t]!;
  for (const [code, label] of Object.entries(labels)) {
    if (t === label || t === code || (/^\d+$/.test(t) && /^\d+$/.test(code) && Number(t) === Number(code))) return code;
  }
  return null;
}
