import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Card, Empty, Segmented, Table } from 'antd';
import { EChart, type ChartClick } from '../charts/EChart';
import type { ChartOption } from '../charts/echarts';
import { formatCount, percent, type BreakdownEntry } from '../labels';

interface Props {
  title: string;
  /** A breakdown's figures: the 表 view lists each key's count and share. */
  entries?: BreakdownEntry[];
  /** The whole the shares are of (the member total); 0 shows 暂无党员 instead of a chart. */
  total: number;
  option: ChartOption;
  height?: number;
  testId: string;
  onClick?: (e: ChartClick) => void;
  footer?: ReactNode;
  /** A 表 view of its own (figures that are not one breakdown: the pyramid, the trend). */
  table?: ReactNode;
  /** The chart's accessible name; by default the title and every entry's count. */
  label?: string;
}

/**
 * A chart with its figures one click away (图 / 表): the table shows each key's count and share, so the
 * numbers behind a bar can be read exactly and copied.
 */
export function ChartCard({ title, entries = [], total, option, height = 260, testId, onClick, footer, table, label }: Props) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const empty = total === 0;
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      extra={
        <Segmented
          size="small"
          value={view}
          onChange={(v) => setView(v === 'table' ? 'table' : 'chart')}
          options={[
            { value: 'chart', label: '图' },
            { value: 'table', label: '表' },
          ]}
        />
      }
      styles={{ body: { minHeight: height } }}
    >
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无党员" style={{ paddingTop: 48 }} />
      ) : view === 'chart' ? (
        <EChart option={option} height={height} label={label ?? `${title}：${entries.map((e) => `${e.full} ${e.value}`).join('，')}`} onClick={onClick} />
      ) : table !== undefined ? (
        table
      ) : (
        <Table<BreakdownEntry>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={entries}
          onRow={(r) => ({ 'data-testid': `${testId}-row-${r.key}` }) as HTMLAttributes<HTMLTableRowElement>}
          columns={[
            { title: '项目', dataIndex: 'full' },
            { title: '人数', dataIndex: 'value', align: 'right', width: 90, render: (v: number) => <span data-testid="count">{formatCount(v)}</span> },
            { title: '占比', key: 'share', align: 'right', width: 80, render: (_, r) => percent(r.value, total) },
          ]}
        />
      )}
      {footer}
    </Card>
  );
}
