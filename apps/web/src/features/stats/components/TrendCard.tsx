import { useMemo, type HTMLAttributes } from 'react';
import { Alert, Card, Spin, Table, Tag, Typography } from 'antd';
import { errorMessage } from '@/lib/http';
import { useStatsTrend, type StatsTrendPoint } from '../api';
import { lightLook } from '../charts/options';
import { trendOption } from '../charts/trend';
import { formatCount } from '../labels';
import { HISTORY_NOTE, TREND_MONTHS, trendFullLabel, trendMonthLabel } from '../trend';
import { ChartCard } from './ChartCard';

const TEST_ID = 'chart-trend';
const TITLE = `党员人数变化（近${TREND_MONTHS}个月）`;
const HEIGHT = 300;

/**
 * Members at each of the last month-ends and today (GET /api/stats/orgs/:id/trend). It ends today even when the
 * page shows a past date. The change socket refetches it with the overview; `refetchInterval` while it is down.
 */
export function TrendCard({ orgId, refetchInterval }: { orgId: string; refetchInterval: number | false }) {
  const trend = useStatsTrend(orgId, TREND_MONTHS, { refetchInterval });
  const points = trend.data?.orgId === orgId ? trend.data.points : null;
  const option = useMemo(() => (points ? trendOption(points, lightLook, HEIGHT) : null), [points]);

  if (!points || !option) {
    return (
      <Card size="small" title={TITLE} data-testid={TEST_ID} styles={{ body: { minHeight: 300 } }}>
        {trend.isError ? <Alert type="warning" showIcon title={`无法加载党员人数变化：${errorMessage(trend.error)}`} /> : <Spin style={{ display: 'block', marginTop: 120 }} />}
      </Card>
    );
  }

  const last = points.at(-1);
  const fromHistory = points.some((p) => p.source === 'history');
  const table = (
    <Table<StatsTrendPoint>
      size="small"
      rowKey="asOf"
      pagination={false}
      scroll={{ y: 300 }}
      dataSource={points}
      onRow={(_, i) => ({ 'data-testid': `${TEST_ID}-row-${i}` }) as HTMLAttributes<HTMLTableRowElement>}
      columns={[
        {
          title: '时间',
          key: 'when',
          render: (_, p) => (
            <>
              {trendMonthLabel(p)}
              {p.source === 'history' && (
                <Tag style={{ marginLeft: 6 }} title="在开始保存月末数据之前的月份，按党员档案的历史记录计算">
                  {HISTORY_NOTE}
                </Tag>
              )}
            </>
          ),
        },
        { title: '日期', dataIndex: 'asOf', width: 110 },
        { title: '党员总数', dataIndex: 'total', align: 'right', width: 90, render: (v: number) => <span data-testid="count">{formatCount(v)}</span> },
        { title: '正式', dataIndex: 'full', align: 'right', width: 80, render: formatCount },
        { title: '预备', dataIndex: 'probationary', align: 'right', width: 70, render: formatCount },
      ]}
    />
  );
  const label = `${TITLE}：${points.map((p) => `${trendFullLabel(p)} ${p.total}`).join('，')}`;

  return (
    // The wrapper carries the figures the chart draws, for tests and assistive tools: how many points, the last total.
    <div data-testid="trend-figures" data-points={points.length} data-last-total={last?.total}>
      <ChartCard
        title={TITLE}
        testId={TEST_ID}
        total={Math.max(0, ...points.map((p) => p.total))}
        option={option}
        height={HEIGHT}
        table={table}
        label={label}
        footer={
          fromHistory && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '8px 0 0' }}>
              空心点：{HISTORY_NOTE}（开始保存月末数据之前的月份）。
            </Typography.Paragraph>
          )
        }
      />
    </div>
  );
}
