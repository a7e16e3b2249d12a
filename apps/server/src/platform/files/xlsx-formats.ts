/**
 * Excel number formats and serial dates. Excel stores a date as a number of days with a display format;
 * whether a number "is a date" is known only from the cell's format (ECMA-376 Part 1 §18.8.30).
 */

/** Built-in format ids that display dates: 14–22 and 45–47 (§18.8.30), 27–36 and 50–58 (CJK locales' 年月日 formats). */
const builtinDateIds = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isExcelDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return builtinDateIds.has(id);
  // Quoted literals, escaped characters and [colour]/[$-locale] sections say nothing about dates.
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '')
    .toLowerCase();
  if (bare === 'general' || bare === '@') return false;
  return /[ymdhs年月日]/.test(bare.split(';')[0] ?? '');
}

const DAY_MS = 86_400_000;

/**
 * A serial day number → `YYYY-MM-DD`. The 1900 system counts 1900-01-01 as day 1 and keeps Lotus's
 * fictitious 1900-02-29 (day 60); the 1904 system (old Mac workbooks) counts from 1904-01-01 as day 0.
 * The time of day is dropped. Returns null for serials outside 1900–9999.
 */
export function excelSerialToDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const day = Math.floor(serial);
  const base = date1904 ? Date.UTC(1904, 0, 1) : day >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  if (!date1904 && day === 60) return null;
  return new Date(base + day * DAY_MS).toISOString().slice(0, 10);
}
