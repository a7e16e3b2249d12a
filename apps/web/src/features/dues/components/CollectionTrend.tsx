import { Alert, Card, Select, Space, Table } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { duesKeys, getCollectionTrend, yearlyReportUrl, type CollectionTrendView } from '../api';
import { monthText } from '../months';
import { CollectionRate } from './CollectionRate';
import { DocDownloads } from './DocDownloads';
import { Money } from './tags';

type Row = CollectionTrendView['months'][number];

/** The year month by month (收缴率 as bars), with the yearly report (年度党费收缴情况) to download. */
export function CollectionTrend({ orgId, year, years, onYear }: { orgId: string; year: number; years: number[]; onYear: (y: number) => void }) {
  const q = useQuery({ queryKey: duesKeys.trend(orgId, year), queryFn: () => getCollectionTrend(orgId, year), placeholderData: keepPreviousData, retry: false });
  return (
    <Card
      title={`${year} 年逐月收缴情况${q.data ? `：${q.data.orgName}` : ''}`}
      extra={
        <Space wrap>
          <Select aria-label="年份" value={year} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: `${y} 年` }))} onChange={onYear} />
          <DocDownloads label="年度报表" testId="yearly-report" url={(f) => yearlyReportUrl(orgId, year, f)} fileName={`党费年度报表-${year}`} />
        </Space>
      }
      data-testid="dues-trend"
    >
      {q.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(q.error)} style={{ marginBottom: 16 }} />}
      <Table<Row>
        rowKey="month"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.months ?? []}
        pagination={false}
        locale={{ emptyText: '本年度还没有账单' }}
        columns={[
          { title: '月份', dataIndex: 'month', width: 110, render: (m: string) => monthText(m) },
          { title: '账单', dataIndex: 'bills', width: 80 },
          { title: '已交清', dataIndex: 'settledBills', width: 80 },
          { title: '应交', dataIndex: 'amountFen', width: 120, align: 'right', render: (fen: number) => <Money fen={fen} /> },
          { title: '已交', dataIndex: 'paidFen', width: 120, align: 'right', render: (fen: number) => <Money fen={fen} /> },
          { title: '收缴率', dataIndex: 'rateBasisPoints', render: (bp: number | null) => <CollectionRate bp={bp} width={320} /> },
        ]}
      />
    </Card>
  );
}
