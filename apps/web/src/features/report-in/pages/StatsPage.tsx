import { useState } from 'react';
import { Alert, Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import type { ReportInFigures } from '@xianfeng/contracts/report-in/report-in.schemas';
import { errorMessage } from '@/lib/http';
import { getStats, reportInKeys } from '../api';

type Row = ReportInFigures & { key: string; name: string };

const figureColumns = [
  { title: '报到', dataIndex: 'registered', width: 80 },
  { title: '已确认', dataIndex: 'confirmed', width: 80 },
  { title: '待确认', dataIndex: 'pending', width: 80 },
  { title: '活跃（有认定服务）', dataIndex: 'active', width: 150 },
  { title: '活跃率', key: 'rate', width: 90, render: (_: unknown, r: Row) => (r.confirmed ? `${Math.round((r.active / r.confirmed) * 100)}%` : '—') },
  { title: '认定服务时长', dataIndex: 'serviceMinutes', width: 130, render: (m: number) => `${Math.round((m / 60) * 10) / 10} 小时` },
];

function FigureTable({ title, rows, nameTitle }: { title: string; rows: Row[]; nameTitle: string }) {
  if (rows.length === 0) return null;
  return (
    <Card title={title} size="small">
      <Table<Row> size="small" rowKey="key" pagination={rows.length > 20 ? { pageSize: 20 } : false} dataSource={rows} columns={[{ title: nameTitle, dataIndex: 'name', ellipsis: true }, ...figureColumns]} />
    </Card>
  );
}

/**
 * 报到统计 over a period: registered, confirmed, pending, active (at least one approved service — not logins or
 * check-ins) and approved hours, by unit and by community; staff also by their subordinate organisations.
 */
export function StatsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const q = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const stats = useQuery({ queryKey: reportInKeys.stats(q), queryFn: () => getStats(q) });
  const d = stats.data;
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          报到统计
        </Typography.Title>
        <DatePicker.RangePicker aria-label="统计期间" allowClear={false} value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
      </Space>
      {stats.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(stats.error)} />}
      {d && (
        <>
          <Row gutter={16}>
            {(
              [
                ['报到党员', d.totals.registered, '人'],
                ['社区已确认', d.totals.confirmed, '人'],
                ['待确认', d.totals.pending, '人'],
                ['活跃党员', d.totals.active, '人'],
                ['认定服务时长', Math.round((d.totals.serviceMinutes / 60) * 10) / 10, '小时'],
              ] as const
            ).map(([label, value, suffix]) => (
              <Col key={label} xs={12} md={8} lg={4}>
                <Card size="small">
                  <Statistic title={label} value={value} suffix={suffix} />
                </Card>
              </Col>
            ))}
          </Row>
          <FigureTable title="按下级组织" nameTitle="组织" rows={d.byOrg.map((o) => ({ ...o, key: o.orgId, name: o.orgName }))} />
          <FigureTable title="按社区" nameTitle="社区" rows={d.byCommunity.map((o) => ({ ...o, key: o.orgId, name: o.orgName }))} />
          <FigureTable title="按报到单位" nameTitle="单位" rows={d.byUnit.map((u) => ({ ...u, key: u.unitId, name: u.unitName }))} />
        </>
      )}
    </div>
  );
}
