import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Card, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { meetingTypeLabels, type MeetingType } from '@xianfeng/contracts/life/life.enums';
import { errorMessage } from '@/lib/http';
import { getOrgTree, orgKeys } from '../../org/api';
import { CompletionDownloads } from '../components/CompletionDownloads';
import { complianceStatusLabels, getComplianceSummary, getOrgCompliance, listBranchCompliance, type BranchCompliance, type ComplianceStatus } from '../api';

const statusTag = (s: ComplianceStatus) => <Tag color={complianceStatusLabels[s].color}>{complianceStatusLabels[s].text}</Tag>;
const order: ComplianceStatus[] = ['overdue', 'due_soon', 'not_due', 'met'];

/** This quarter and the three before it, plus this year: the periods an upper level usually looks at. */
function periodOptions(today: Date): { value: string; label: string }[] {
  const y = today.getFullYear();
  const q = Math.floor(today.getMonth() / 3) + 1;
  const out = [];
  for (let i = 0; i < 4; i++) {
    const qq = ((q - 1 - i + 8) % 4) + 1;
    const yy = y - (q - 1 - i < 0 ? 1 : 0);
    out.push({ value: `${yy}-Q${qq}`, label: `${yy} 年第 ${qq} 季度` });
  }
  return [...out, { value: String(y), label: `${y} 年全年` }];
}

/**
 * /admin/compliance — 组织生活达标看板 for the caller's organisation: branches counted by their worst item,
 * coloured, worst first; a branch row opens its items (each rule, period, held / required, the article).
 * Everything is computed from the meetings as recorded.
 */
export function ComplianceBoardPage() {
  // A link may name the period (?period=2026-Q4, e.g. from a report); otherwise this quarter.
  const [params] = useSearchParams();
  const asked = params.get('period');
  const options = periodOptions(new Date());
  const periods = asked && /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(asked) && !options.some((o) => o.value === asked) ? [{ value: asked, label: asked }, ...options] : options;
  const [period, setPeriod] = useState(asked && periods.some((o) => o.value === asked) ? asked : periods[0]!.value);
  const [status, setStatus] = useState<ComplianceStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const roots = useQuery({ queryKey: orgKeys.tree(null), queryFn: () => getOrgTree({ depth: 1 }) });
  const root = roots.data?.[0];
  const summary = useQuery({ queryKey: ['life', 'summary', root?.id, period], queryFn: () => getComplianceSummary(root!.id, period), enabled: !!root });
  const list = useQuery({
    queryKey: ['life', 'branches', root?.id, period, status, page],
    queryFn: () => listBranchCompliance(root!.id, { period, status, page, pageSize: 20 }),
    enabled: !!root,
    placeholderData: keepPreviousData,
  });
  const error = summary.error ?? list.error;
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          组织生活达标情况
        </Typography.Title>
        <Space wrap>
          {root && <CompletionDownloads orgId={root.id} period={period} />}
          <Select aria-label="统计周期" value={period} options={periods} style={{ width: 180 }} onChange={(v) => (setPeriod(v), setPage(1))} />
        </Space>
      </Space>
      {root && <Typography.Text type="secondary">{root.name} 下属党支部 · 按每个支部最差的一项计 · 由会议记录自动统计</Typography.Text>}
      {error && <Alert type="error" showIcon title="无法加载" description={errorMessage(error)} />}
      {summary.data && (
        <Space size={16} wrap data-testid="compliance-summary">
          {order.map((s) => (
            <Card key={s} size="small" hoverable onClick={() => (setStatus(status === s ? undefined : s), setPage(1))} style={{ minWidth: 150, borderColor: status === s ? '#b71c1c' : undefined }}>
              <Statistic title={statusTag(s)} value={summary.data.byWorst[s]} suffix={`/ ${summary.data.branches}`} />
            </Card>
          ))}
        </Space>
      )}
      <Table<BranchCompliance>
        data-testid="compliance-branches"
        rowKey="orgId"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: '党支部', dataIndex: 'name', render: (name: string, b) => <Link to={`/admin/life?org=${b.orgId}`} title="查看这个支部的会议日历">{name}</Link> },
          { title: '组织编码', dataIndex: 'code', width: 160 },
          { title: '状态', dataIndex: 'worst', width: 120, render: statusTag },
          { title: '逾期项', width: 80, render: (_, b) => b.counts.overdue },
          { title: '即将到期', width: 90, render: (_, b) => b.counts.due_soon },
          { title: '已完成', width: 80, render: (_, b) => b.counts.met },
        ]}
        expandable={{ expandedRowRender: (b) => <BranchItems orgId={b.orgId} period={period} /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </div>
  );
}

function BranchItems({ orgId, period }: { orgId: string; period: string }) {
  const q = useQuery({ queryKey: ['life', 'compliance', orgId, period], queryFn: () => getOrgCompliance(orgId, period) });
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  return (
    <Table
      size="small"
      rowKey={(i) => `${i.rule}-${i.period}`}
      loading={q.isFetching}
      dataSource={q.data?.items ?? []}
      pagination={false}
      columns={[
        { title: '会议', dataIndex: 'rule', render: (r: string) => meetingTypeLabels[r as MeetingType] ?? r },
        { title: '周期', dataIndex: 'period', width: 100 },
        { title: '已开 / 应开', width: 110, render: (_, i) => `${i.held} / ${i.required}${i.lateEntries ? `（补录 ${i.lateEntries}）` : ''}` },
        { title: '状态', dataIndex: 'status', width: 120, render: statusTag },
        { title: '依据', dataIndex: 'source' },
      ]}
    />
  );
}
