import { useSearchParams } from 'react-router';
import { Alert, Card, Empty, List, Select, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BranchPointsView } from '@xianfeng/contracts/points/points.schemas';
import { errorMessage } from '@/lib/http';
import { LifeOrgPicker } from '../../life/components/LifeOrgPicker';
import { getBranchPoints, getNoParticipation, pointsAdminKeys } from '../admin-api';

type Row = BranchPointsView['members'][number];

/** This month, this quarter and this year (Beijing time): the periods a secretary checks participation for. */
function periodOptions(year: number): { value: string; label: string }[] {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const thisYear = now.getUTCFullYear();
  if (year !== thisYear) {
    return [
      { value: String(year), label: `${year} 年全年` },
      ...[4, 3, 2, 1].map((q) => ({ value: `${year}-Q${q}`, label: `${year} 年第 ${q} 季度` })),
    ];
  }
  const m = now.getUTCMonth() + 1;
  const q = Math.ceil(m / 3);
  return [
    { value: `${year}-${String(m).padStart(2, '0')}`, label: `本月（${year} 年 ${m} 月）` },
    { value: `${year}-Q${q}`, label: `本季度（第 ${q} 季度）` },
    { value: String(year), label: `本年（${year} 年）` },
  ];
}

/**
 * /admin/points — 党员积分 of one branch: each member's total for the year, how often they took part and were
 * absent without leave; ranks only where the branch has switched ranking on. Beside it, the members who
 * took part in no organisational life in the period, for the secretary to follow up.
 */
export function BranchPointsPage() {
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org');
  const thisYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const year = Number(params.get('year')) || thisYear;
  const periods = periodOptions(year);
  const period = params.get('period') && periods.some((p) => p.value === params.get('period')) ? params.get('period')! : periods[0]!.value;
  const set = (patch: Record<string, string>) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(patch)) p.set(k, v);
        return p;
      },
      { replace: true },
    );

  const points = useQuery({
    queryKey: pointsAdminKeys.branch(orgId ?? '', year),
    queryFn: () => getBranchPoints(orgId!, year),
    enabled: !!orgId,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const none = useQuery({
    queryKey: pointsAdminKeys.noParticipation(orgId ?? '', period),
    queryFn: () => getNoParticipation(orgId!, period),
    enabled: !!orgId,
    retry: false,
  });
  const ranked = points.data?.rankingEnabled === true;
  const rows = points.data?.members ?? [];

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space size={16} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            党员积分
          </Typography.Title>
          <LifeOrgPicker value={orgId} onChange={(id) => set({ org: id })} />
        </Space>
        <Select
          aria-label="年份"
          value={year}
          style={{ width: 140 }}
          options={[0, 1, 2, 3].map((i) => ({ value: thisYear - i, label: `${thisYear - i} 年` }))}
          onChange={(y: number) => set({ year: String(y), period: periodOptions(y)[0]!.value })}
        />
      </Space>
      <Typography.Text type="secondary">
        积分由确认后的会议记录自动计算（参加、线上参加、请假、无故缺席、讲党课、主持、记录）。{ranked ? '本支部已开启支部内排名。' : '本支部未开启排名，只显示每人积分。'}
      </Typography.Text>
      {!orgId && <Alert type="info" showIcon title="请先在上方选择一个党支部" />}
      {orgId && (
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <Card title={`${year} 年党员积分`} style={{ flex: '1 1 620px', minWidth: 0 }} styles={{ body: { padding: 0 } }}>
            {points.error && <Alert type="error" showIcon title="无法加载积分" description={errorMessage(points.error)} style={{ margin: 16 }} />}
            <Table<Row>
              data-testid="branch-points"
              rowKey="memberId"
              size="middle"
              loading={points.isFetching}
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              locale={{ emptyText: '暂无积分：会议记录确认后自动计入' }}
              columns={[
                ...(ranked ? [{ title: '排名', dataIndex: 'rank', width: 80, render: (r: number | null) => r ?? '—' }] : []),
                { title: '姓名', dataIndex: 'name' },
                {
                  title: '积分',
                  dataIndex: 'total',
                  width: 100,
                  render: (t: number) => (
                    <Typography.Text strong type={t < 0 ? 'danger' : undefined}>
                      {t}
                    </Typography.Text>
                  ),
                },
                { title: '参加次数', dataIndex: 'attended', width: 110 },
                {
                  title: '无故缺席',
                  dataIndex: 'absentWithoutLeave',
                  width: 110,
                  render: (n: number) => (n > 0 ? <Tag color="red">{n} 次</Tag> : 0),
                },
              ]}
            />
          </Card>
          <Card
            title="本期未参加组织生活的党员"
            style={{ flex: '0 1 340px', minWidth: 280 }}
            data-testid="no-participation"
          >
            <Select aria-label="统计周期" value={period} options={periods} style={{ width: '100%', marginBottom: 12 }} onChange={(p: string) => set({ period: p })} />
            {none.error ? (
              <Alert type="error" showIcon title="无法加载" description={errorMessage(none.error)} />
            ) : none.data && none.data.items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期每位党员都参加了组织生活" />
            ) : (
              <List
                size="small"
                loading={none.isFetching}
                dataSource={none.data?.items ?? []}
                header={none.data ? <Typography.Text type="secondary">共 {none.data.items.length} 人，请了解情况、做好提醒</Typography.Text> : undefined}
                renderItem={(m) => <List.Item>{m.name}</List.Item>}
              />
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
