import { useState } from 'react';
import { Alert, InputNumber, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { raterLabels, raters } from '@xianfeng/contracts/report-in/report-in.enums';
import { errorMessage } from '@/lib/http';
import { listReportIns, reportInKeys, type ReportInSummary } from '../api';
import { CommunitySelect } from '../components/CommunitySelect';
import { ReportInDrawer } from '../components/ReportInDrawer';
import { GradeTag, hours } from '../components/tags';
import { useCommunityParam } from '../use-community';

/**
 * 五评议 for a year: one row per reported member, one column per rater (本人、单位领导、居民、社区、组织). The community
 * records residents', its own and the organisation's grades; the unit its leader's and sees them all (`side`). A
 * click opens the member to record the grades that are the caller's.
 */
export function EvaluationsPage({ side }: { side: 'community' | 'unit' }) {
  const [community, setCommunity] = useCommunityParam();
  const [year, setYear] = useState(new Date().getFullYear());
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const query = { communityOrgId: side === 'community' ? (community ?? undefined) : undefined, status: 'confirmed' as const, ...paging };
  const list = useQuery({ queryKey: reportInKeys.list(query), queryFn: () => listReportIns(query), enabled: side === 'unit' || !!community, placeholderData: keepPreviousData });
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          五评议
        </Typography.Title>
        {side === 'community' && <CommunitySelect mine autoPick value={community} onChange={setCommunity} />}
        <Space>
          年度
          <InputNumber aria-label="年度" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} style={{ width: 100 }} />
        </Space>
      </Space>
      <Typography.Text type="secondary">
        {side === 'community' ? '社区填写居民评议、社区评议和组织评议，结果反馈报到单位。' : '单位填写单位领导评议；本人自评、居民、社区和组织评议由党员本人和社区填写，单位可在此查看。'}
        每项每年评议一次。
      </Typography.Text>
      {list.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(list.error)} />}
      <Table<ReportInSummary>
        data-testid="evaluation-table"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: side === 'community' ? '工作单位' : '报到社区', dataIndex: side === 'community' ? 'unitName' : 'communityName', ellipsis: true },
          { title: '已认定服务', dataIndex: 'approvedMinutes', width: 110, render: (m: number) => hours(m) },
          ...raters.map((rater) => ({
            title: raterLabels[rater],
            key: rater,
            width: 110,
            render: (_: unknown, r: ReportInSummary) => {
              const g = r.grades.find((x) => x.year === year && x.rater === rater);
              return g ? <GradeTag grade={g.grade} /> : <Typography.Text type="secondary">未评</Typography.Text>;
            },
          })),
        ]}
      />
      <ReportInDrawer id={open} year={year} onClose={() => setOpen(null)} />
    </div>
  );
}
