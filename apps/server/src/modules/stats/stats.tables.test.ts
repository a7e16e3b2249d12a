import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { pathAt, replayChanges, type ChangeRow, type MemberHistory, type OrgPaths } from './stats.tables.changes.ts';
import { ListSheet } from './stats.tables.lists.ts';
import { columnLetter, sheetLocation, writeXlsx } from './stats.tables.xlsx.ts';
import { readTablesBook } from './stats.tables.testing.ts';

/** Pure parts of the 党内统计 tables: the year's replay (表7), the capped lists, and the xlsx writer. */

// A committee /1/ with children A (/1/2/) and B (/1/3/); branches a1 (/1/2/4/), b1 (/1/3/5/); outside X (/9/).
const paths = (moves: OrgPaths['moves'] = []): OrgPaths => ({
  current: new Map([
    ['root', '/1/'],
    ['A', '/1/2/'],
    ['B', '/1/3/'],
    ['a1', '/1/2/4/'],
    ['b1', '/1/3/5/'],
    ['X', '/9/'],
    ['x1', '/9/7/'],
  ]),
  moves,
});
const rows: ChangeRow[] = [
  { key: 'self', orgId: 'root', excludeOrgIds: ['A', 'B'] },
  { key: 'A', orgId: 'A', excludeOrgIds: [] },
  { key: 'B', orgId: 'B', excludeOrgIds: [] },
  { key: 'total', orgId: 'root', excludeOrgIds: [] },
];
const member = (over: Partial<MemberHistory>): MemberHistory => ({ id: 'm', joinedOn: '2010-07-01', orgId: 'a1', events: [], state: 'active', leftOn: null, ...over });
const replay = (members: MemberHistory[], p = paths()) => replayChanges({ members, rows, paths: p, start: '2025-12-31', end: '2026-11-22' }).map((t) => `${t.rowKey}:${t.kind}:${t.on}`);

describe('表7 replay', () => {
  test('a member admitted during the year is 发展 in its row and the total', () => {
    assert.deepEqual(replay([member({ joinedOn: '2026-03-01' })]), ['A:developed:2026-03-01', 'total:developed:2026-03-01']);
  });

  test('a transfer between children: out of one, into the other, nothing for the total', () => {
    const moved = member({ orgId: 'b1', events: [{ kind: 'move', on: '2026-05-10', at: 1, fromOrgId: 'a1', toOrgId: 'b1', detail: '' }] });
    assert.deepEqual(replay([moved]), ['A:transferred_out:2026-05-10', 'B:transferred_in:2026-05-10']);
  });

  test('a transfer out of the subtree, and one from outside into it', () => {
    const out = member({ id: 'o', orgId: 'x1', events: [{ kind: 'move', on: '2026-05-10', at: 1, fromOrgId: 'a1', toOrgId: 'x1', detail: '' }] });
    const inn = member({ id: 'i', orgId: 'b1', events: [{ kind: 'move', on: '2026-06-01', at: 2, fromOrgId: 'x1', toOrgId: 'b1', detail: '' }] });
    assert.deepEqual(replay([out, inn]), ['A:transferred_out:2026-05-10', 'total:transferred_out:2026-05-10', 'B:transferred_in:2026-06-01', 'total:transferred_in:2026-06-01']);
  });

  test('standing acts: 停止党籍 then 恢复党籍; 死亡; 转出 off the platform; an act before the year does not count', () => {
    const suspended = member({
      id: 's',
      events: [
        { kind: 'standing', on: '2026-02-01', at: 1, stateAfter: 'suspended', cause: 'suspended', detail: '' },
        { kind: 'standing', on: '2026-08-01', at: 2, stateAfter: 'active', cause: 'restored', detail: '' },
      ],
    });
    const died = member({ id: 'd', state: 'left', events: [{ kind: 'standing', on: '2026-04-04', at: 1, stateAfter: 'left', cause: 'died', detail: '' }] });
    const away = member({ id: 'w', state: 'left', events: [{ kind: 'standing', on: '2026-09-09', at: 1, stateAfter: 'left', cause: 'transferred_out', detail: '' }] });
    const earlier = member({ id: 'e', state: 'left', events: [{ kind: 'standing', on: '2025-06-01', at: 1, stateAfter: 'left', cause: 'left', detail: '' }] });
    assert.deepEqual(replay([suspended, died, away, earlier]), [
      'A:suspended:2026-02-01',
      'total:suspended:2026-02-01',
      'A:restored:2026-08-01',
      'total:restored:2026-08-01',
      'A:died:2026-04-04',
      'total:died:2026-04-04',
      'A:transferred_out:2026-09-09',
      'total:transferred_out:2026-09-09',
    ]);
  });

  test('a file without standing acts counts out from its leaving date; one admitted and gone within the year shows both', () => {
    const oldLeft = member({ id: 'l', state: 'left', leftOn: '2026-07-07' });
    const brief = member({ id: 'b', joinedOn: '2026-02-02', state: 'left', events: [{ kind: 'standing', on: '2026-10-10', at: 1, stateAfter: 'left', cause: 'left', detail: '' }] });
    assert.deepEqual(replay([oldLeft, brief]), ['A:left:2026-07-07', 'total:left:2026-07-07', 'A:developed:2026-02-02', 'total:developed:2026-02-02', 'A:left:2026-10-10', 'total:left:2026-10-10']);
  });

  test('a subtree moving out of the committee during the year takes its members as 其他减少', () => {
    // a1 moves from under A to under X on 2026-06-01: its path was /1/2/4/, now /9/4/.
    const p = paths([{ oldPath: '/1/2/4/', newPath: '/9/4/', on: '2026-06-01', seq: 0 }]);
    p.current.set('a1', '/9/4/');
    assert.equal(pathAt(p, 'a1', '2026-05-31'), '/1/2/4/');
    assert.equal(pathAt(p, 'a1', '2026-06-01'), '/9/4/');
    assert.deepEqual(replay([member({})], p), ['A:other_out:2026-06-01', 'total:other_out:2026-06-01']);
  });

  test('a member of the org itself is in 本级 and the total', () => {
    assert.deepEqual(replay([member({ orgId: 'root', joinedOn: '2026-01-05' })]), ['self:developed:2026-01-05', 'total:developed:2026-01-05']);
  });
});

describe('named lists', () => {
  test('a cap falling exactly at the end of a list still says the later lists are not written', async () => {
    const lists = new ListSheet('名单', ['名单', '表', '行', '列', '序号', '姓名'], { left: 3, limit: 3 }, '说明');
    const lines = (n: number) => () => Promise.resolve(Array.from({ length: n }, (_, i) => ({ cells: [`人${i}`] })));
    assert.deepEqual((await lists.list('a', { table: '表1', row: '甲', column: '总数' }, 3, lines(3))).listed, 3);
    assert.deepEqual((await lists.list('b', { table: '表1', row: '乙', column: '总数' }, 2, lines(2))).listed, 0);
    await lists.list('c', { table: '表1', row: '丙', column: '总数' }, 2, lines(2));
    const notes = lists.sheet().rows.filter((r) => String((r[0] as { v?: string } | null)?.v ?? '').startsWith('（名单已截断'));
    assert.equal(notes.length, 1, 'one note for the lists left out');
    assert.equal(lists.truncatedLists, 2);
  });

  test('a list is written once, shared by later figures, and cut at the cap with a note', async () => {
    const budget = { left: 5, limit: 5 };
    const lists = new ListSheet('名单', ['名单', '表', '行', '列', '序号', '姓名'], budget, '说明');
    const lines = (n: number) => () => Promise.resolve(Array.from({ length: n }, (_, i) => ({ cells: [`人${i}`] })));
    const a = await lists.list('row|total', { table: '表1', row: '甲', column: '总数' }, 3, lines(3));
    const again = await lists.list('row|total', { table: '表5', row: '甲', column: '总数' }, 3, lines(3));
    assert.deepEqual(again, a);
    assert.deepEqual(a, { link: "'名单'!A5", listed: 3 });
    const cut = await lists.list('row|female', { table: '表1', row: '甲', column: '女' }, 4, lines(4));
    assert.deepEqual(cut, { link: "'名单'!A8", listed: 2 });
    const none = await lists.list('row|x', { table: '表1', row: '甲', column: 'x' }, 1, lines(1));
    assert.deepEqual(none, { link: "'名单'!A2", listed: 0 });
    assert.equal(lists.truncatedLists, 2);
    const sheet = lists.sheet();
    assert.equal(sheet.rows[4]![1], '表1、表5', 'a shared list names every table using it');
    assert.match(String((sheet.rows.at(-1)![0] as { v: string }).v), /名单已截断：本项 4 人，列出 2 人/);
  });
});

describe('xlsx writer', () => {
  test('numbers stay numbers with an in-workbook link; text is escaped; the file opens in exceljs', async () => {
    assert.deepEqual([1, 26, 27, 52, 703].map(columnLetter), ['A', 'Z', 'AA', 'AZ', 'AAA']);
    const file = writeXlsx({
      title: 't',
      at: new Date('2026-11-22T02:00:00Z'),
      sheets: [
        { name: '表1', widths: [10, 10], freeze: { rows: 1, cols: 1 }, merges: ['A1:B1'], rows: [[{ v: '标题 <&> "x"\u0001', style: 'title' }], ['甲', { v: 7, link: sheetLocation('名单', 2) }], ['乙', { v: '平衡', f: 'IF(B2=7,"平衡","不平衡")' }]] },
        { name: '名单', widths: [10], rows: [['x'], ['y']] },
      ],
    });
    const book = await readTablesBook(file);
    assert.deepEqual(book.names, ['表1', '名单']);
    const ws = book.sheet('表1');
    assert.equal(ws.getCell('A1').value, '标题 <&> "x"');
    assert.equal(ws.getCell('B2').value, 7);
    assert.deepEqual(ws.getCell('B3').value, { formula: 'IF(B2=7,"平衡","不平衡")', result: '平衡' });
    assert.equal(book.links.get('表1')!.get('B2'), "'名单'!A2");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    assert.equal(wb.getWorksheet('表1')!.views[0]?.state, 'frozen');
  });
});
