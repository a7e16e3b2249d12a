import { useMemo, type HTMLAttributes } from 'react';
import { Table, Typography } from 'antd';
import type { StatsOverview } from '../api';
import { lightLook } from '../charts/options';
import { pyramidOption } from '../charts/pyramid';
import { formatCount, percent } from '../labels';
import { pyramidFigures, pyramidNote, type PyramidRow } from '../pyramid';
import { ChartCard } from './ChartCard';

const TEST_ID = 'chart-age';

/**
 * 年龄结构 as a pyramid (men left, women right, youngest at the bottom). Its 表 view lists every band with 男, 女,
 * 性别未填写 and the band's total (= members.byAgeBand), and members without a birth date as a last row; what the
 * chart cannot draw is said under it.
 */
export function PyramidCard({ overview }: { overview: StatsOverview }) {
  const total = overview.members.total;
  const { f, option, note } = useMemo(() => {
    const figures = pyramidFigures(overview);
    return { f: figures, option: pyramidOption(figures, lightLook), note: pyramidNote(figures) };
  }, [overview]);
  // Youngest first, as the other tables list age bands.
  const rows = f.noBand ? [...f.bands, f.noBand] : f.bands;
  const anyNoGender = rows.some((r) => r.unknown > 0);
  const cell = (testId: string) => (v: number) => <span data-testid={testId}>{formatCount(v)}</span>;

  const table = (
    <Table<PyramidRow>
      size="small"
      rowKey="band"
      pagination={false}
      dataSource={rows}
      onRow={(r) => ({ 'data-testid': `${TEST_ID}-row-${r.band}` }) as HTMLAttributes<HTMLTableRowElement>}
      columns={[
        { title: '年龄段', dataIndex: 'label', render: (v: string, r) => (r.band === 'unknown' ? '出生日期未填写' : v) },
        { title: '男', dataIndex: 'male', align: 'right', render: cell('male') },
        { title: '女', dataIndex: 'female', align: 'right', render: cell('female') },
        ...(anyNoGender ? [{ title: '性别未填写', dataIndex: 'unknown', align: 'right' as const, render: cell('unknown-gender') }] : []),
        { title: '合计', dataIndex: 'total', align: 'right', render: cell('count') },
        { title: '占比', key: 'share', align: 'right', render: (_, r) => percent(r.total, total) },
      ]}
    />
  );

  const label = `年龄结构：${f.bands.map((b) => `${b.label} 男${b.male} 女${b.female}`).join('，')}${note ? `。${note}` : ''}`;
  return (
    <ChartCard
      title="年龄结构（男 / 女）"
      testId={TEST_ID}
      total={total}
      option={option}
      height={300}
      table={table}
      label={label}
      footer={
        note && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '8px 0 0' }} data-testid="age-pyramid-note">
            {note}
          </Typography.Paragraph>
        )
      }
    />
  );
}
