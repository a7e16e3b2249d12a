import { useNavigate } from 'react-router';
import { Table, Typography } from 'antd';
import type { Page } from '@/lib/http';
import type { CaseSummary } from '../api';
import { stageShort, stepByNumber } from '../format';
import { CaseStatusTag, DueText } from './tags';

interface Props {
  data: Page<CaseSummary> | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  testId: string;
  today: string;
  soonDays?: number | undefined;
}

/** Cases as rows: who, which branch, the last step taken, when the next one is due (late in red, soon in orange). */
export function CaseTable({ data, loading, onPage, testId, today, soonDays }: Props) {
  const navigate = useNavigate();
  return (
    <Table<CaseSummary>
      data-testid={testId}
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data?.items ?? []}
      pagination={{ current: data?.page ?? 1, pageSize: data?.pageSize ?? 20, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 人`, onChange: onPage, hideOnSinglePage: true }}
      locale={{ emptyText: '没有发展党员档案' }}
      onRow={(r) => ({ onClick: () => void navigate(`/admin/development/${r.id}`), style: { cursor: 'pointer' } })}
      columns={[
        { title: '姓名', dataIndex: 'name', width: 110, render: (n: string) => <Typography.Link>{n}</Typography.Link> },
        { title: '党支部', dataIndex: 'orgName', ellipsis: true },
        { title: '阶段', dataIndex: 'stage', width: 130, render: (s: number) => stageShort[s] },
        {
          title: '已办到',
          dataIndex: 'lastStep',
          width: 220,
          render: (n: number | null) => (n === null ? '—' : `${n}. ${stepByNumber(n)?.zh ?? ''}`),
        },
        { title: '申请日期', dataIndex: 'appliedOn', width: 120 },
        { title: '下一环节时限', key: 'due', width: 230, render: (_: unknown, r) => (r.status === 'open' ? <DueText dueBy={r.nextDueBy} overdue={r.overdue} today={today} soonDays={soonDays} /> : <CaseStatusTag status={r.status} />) },
      ]}
    />
  );
}
