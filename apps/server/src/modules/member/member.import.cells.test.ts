import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cellText, choiceCell, dateCell, idNumberCell, normaliseText } from './member.import.cells.ts';
import { headerKey, locateHeader } from './member.import.columns.ts';
import { excelSerialToDate, isExcelDateFormat } from '../../platform/files/xlsx-formats.ts';
import type { XlsxCell, XlsxRow } from '../../platform/files/xlsx-reader.ts';

const text = (t: string): XlsxCell => ({ kind: 'text', text: t });
const num = (v: number, date = false): XlsxCell => ({ kind: 'number', value: v, date });
const ok = (value: string) => ({ ok: true, value });

describe('import cells', () => {
  test('full-width digits, letters and spaces fold to ASCII; whitespace runs collapse', () => {
    assert.equal(normaliseText('　张　三 '), '张 三');
    assert.equal(normaliseText('１１０１０１１９９００３０７７６７Ｘ'), '11010119900307767X');
    assert.equal(cellText(num(13800138000)), '13800138000');
    assert.equal(cellText(num(0.1 + 0.2)), '0.3');
  });

  test('dates typed as text in the usual styles, or stored as Excel dates', () => {
    for (const t of ['1985-03-02', '1985/3/2', '1985.3.2', '1985年3月2日', '１９８５－０３－０２', '19850302', '1985-03-02 00:00:00', ' 1985 / 3 / 2 ']) {
      assert.deepEqual(dateCell(text(t), false), ok('1985-03-02'), t);
    }
    assert.deepEqual(dateCell(num(31108, true), false), ok('1985-03-02'));
    // Pasted values lose the date format: a serial in a date column is still a date.
    assert.deepEqual(dateCell(num(31108), false), ok('1985-03-02'));
    assert.deepEqual(dateCell(num(19850302), false), ok('1985-03-02'));
    assert.deepEqual(dateCell(num(29646, true), true), ok('1985-03-02'));
    for (const bad of ['1985-02-30', '85-3-2', '明年', '1985-3', '2023-13-01']) {
      const r = dateCell(text(bad), false);
      assert.equal(r.ok, false, bad);
      assert.ok(!r.ok && r.code === 'MEMBER_IMPORT_DATE_INVALID' && r.message.includes(bad));
    }
  });

  test('Excel serials: day 1 is 1900-01-01, Lotus’s 1900-02-29 (day 60) is not a date, day 61 is 1900-03-01', () => {
    assert.equal(excelSerialToDate(1), '1900-01-01');
    assert.equal(excelSerialToDate(59), '1900-02-28');
    assert.equal(excelSerialToDate(60), null);
    assert.equal(excelSerialToDate(61), '1900-03-01');
    assert.equal(excelSerialToDate(45000.75), '2023-03-15');
    assert.equal(excelSerialToDate(0, true), null);
    assert.equal(excelSerialToDate(1, true), '1904-01-02');
  });

  test('date formats are told from number formats by their codes', () => {
    assert.ok(isExcelDateFormat(14, undefined));
    assert.ok(isExcelDateFormat(31, undefined)); // yyyy"年"m"月"d"日" in zh-CN
    assert.ok(!isExcelDateFormat(0, undefined));
    assert.ok(!isExcelDateFormat(49, undefined));
    assert.ok(isExcelDateFormat(164, 'yyyy/m/d;@'));
    assert.ok(isExcelDateFormat(165, '[$-F800]dddd, mmmm dd, yyyy'));
    assert.ok(isExcelDateFormat(166, 'yyyy"年"m"月"d"日"'));
    assert.ok(!isExcelDateFormat(167, '0.00_);[Red](0.00)'));
    assert.ok(!isExcelDateFormat(168, '"day"0'));
    assert.ok(!isExcelDateFormat(169, '@'));
  });

  test('an ID number stored as a number has lost digits: a clear error, not a wrong number', () => {
    const r = idNumberCell(num(110101199003077780));
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.code === 'MEMBER_IMPORT_ID_NUMBER_AS_NUMBER' && r.message.includes('15 位'));
    assert.equal(idNumberCell(text('1.10101E+17')).ok, false);
    assert.deepEqual(idNumberCell(text('11010119900307767x')), ok('11010119900307767X'));
    assert.deepEqual(idNumberCell(text('110101 19900307 767X')), ok('11010119900307767X'));
  });

  test('closed lists accept labels, codes and aliases', () => {
    const eth = { '01': '汉族', '02': '蒙古族' };
    assert.equal(choiceCell('汉族', eth), '01');
    assert.equal(choiceCell('1', eth), '01');
    assert.equal(choiceCell('汉', eth, { 汉: '01' }), '01');
    assert.equal(choiceCell('火星族', eth), null);
    assert.equal(choiceCell('', eth), null);
  });
});

describe('import header', () => {
  const row = (n: number, cells: (string | null)[]): XlsxRow => ({ row: n, cells: new Map(cells.flatMap((c, i) => (c ? [[i, text(c)] as const] : []))) });

  test('header names with asterisks, notes in brackets and full-width spaces match', () => {
    assert.equal(headerKey('身份证号码*'), '身份证号码');
    assert.equal(headerKey('* 入党日期（如 2001-07-01）'), '入党日期');
    assert.equal(headerKey('姓　名'), '姓名');
  });

  test('a title row and a two-row merged header: sub-headers win, a vertically merged 姓名 is found above', () => {
    const layout = locateHeader([
      row(1, ['春晖社区党员花名册']),
      row(2, ['序号', '姓名', '基本信息', null, null, '党籍信息', null]),
      row(3, [null, null, '性别', '身份证号', '出生年月日', '入党时间', '党员类别']),
      row(4, ['1', '张三', '男', '110101199003077675', '1990-03-07', '2015-07-01', '正式党员']),
    ]);
    assert.ok(layout);
    assert.equal(layout.headerRow, 3);
    assert.deepEqual([...layout.columns.entries()].sort((a, b) => a[0] - b[0]), [
      [1, 'name'],
      [2, 'gender'],
      [3, 'idNumber'],
      [4, 'birthDate'],
      [5, 'joinedOn'],
      [6, 'status'],
    ]);
  });

  test('no recognisable header → null', () => {
    assert.equal(locateHeader([row(1, ['a', 'b']), row(2, ['1', '2'])]), null);
  });
});
