import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Badge, Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { formatInstant } from '@/lib/dates';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { useTransferInbox, type TransferInboxView, type TransferSummary } from '../api';
import { CurrentStepText, DeadlineText } from '../components/tags';

type Tab = 'todo' | 'unfinished';

const figure = { fontSize: 15, padding: '4px 12px', marginInlineEnd: 0 };
const number = { fontSize: 20, fontWeight: 700, marginInlineStart: 6, fontVariantNumeric: 'tabular-nums' } as const;

/** The figures a committee checks first: of its 待办, what is late or about to be; letters still out. */
function InboxFigures({ counts }: { counts: TransferInboxView['counts'] }) {
  return (
    <Space size={8} wrap data-testid="transfer-counts">
      <Tag color={counts.overdue > 0 ? 'red' : 'default'} style={figure} data-testid="count-overdue">
        超时<span style={number}>{counts.overdue}</span>
      </Tag>
      <Tag color={counts.dueSoon > 0 ? 'orange' : 'default'} style={figure} data-testid="count-due-soon">
        即将超时<span style={number}>{counts.dueSoon}</span>
      </Tag>
      {counts.awaitingReceipt > 0 && (
        <Tag color="gold" style={figure}>
          介绍信待回执<span style={number}>{counts.awaitingReceipt}</span>
        </Tag>
      )}
    </Space>
  );
}

function TransferTable({ rows, loading, tab }: { rows: TransferSummary[]; loading: boolean; tab: Tab }) {
  const navigate = useNavigate();
  return (
    <Table<TransferSummary>
      data-testid={`transfer-${tab}`}
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showTotal: (t) => `共 ${t} 条` } : false}
      locale={{ emptyText: tab === 'todo' ? '没有需要您办理的转接' : '没有未办结的转接' }}
      onRow={(r) => ({ onClick: () => void navigate(`/admin/transfers/${r.id}`), style: { cursor: 'pointer' } })}
      columns={[
        { title: '党员', dataIndex: 'memberName', width: 110, render: (n: string) => <Typography.Link>{n}</Typography.Link> },
        { title: '转出', dataIndex: 'fromOrgName', ellipsis: true },
        { title: '转入', dataIndex: 'toOrgName', ellipsis: true, render: (n: string | null) => n ?? '—' },
        { title: '当前环节', key: 'step', width: 240, render: (_: unknown, r) => <CurrentStepText step={r.currentStep} status={r.status} /> },
        { title: '时限', key: 'due', width: 230, render: (_: unknown, r) => (r.currentStep ? <DeadlineText step={r.currentStep} /> : '—') },
        { title: '发起时间', dataIndex: 'createdAt', width: 160, render: (at: string) => formatInstant(at) },
      ]}
    />
  );
}

/**
 * /admin/transfers — 转接工作台: 待办 (steps the caller's organisations decide, soonest due first) and 未办结
 * (transfers started in the caller's scope), with the overdue and due-soon counts on top.
 */
export function TransferInboxPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'unfinished' ? 'unfinished' : 'todo';
  const canInitiate = hasPermission(useMe().data, 'transfer.initiate');
  const inbox = useTransferInbox();
  const counts = inbox.data?.counts;
  const badge = (n: number | undefined, color?: string) => <Badge count={n ?? 0} showZero={false} overflowCount={999} color={color} style={{ marginInlineStart: 6 }} />;

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space size={16} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            组织关系转接
          </Typography.Title>
          {counts && <InboxFigures counts={counts} />}
        </Space>
        {canInitiate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/admin/transfers/new')} data-testid="new-transfer">
            发起转接
          </Button>
        )}
      </Space>
      {inbox.error && <Alert type="error" showIcon title="无法加载转接工作台" description={errorMessage(inbox.error)} />}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'todo' ? {} : { tab: k }, { replace: true })}
          items={[
            {
              key: 'todo',
              label: <span data-testid="tab-todo">待办{badge(counts?.todo)}</span>,
              children: <TransferTable rows={inbox.data?.todo ?? []} loading={inbox.isFetching} tab="todo" />,
            },
            {
              key: 'unfinished',
              label: <span data-testid="tab-unfinished">未办结{badge(counts?.unfinished, '#8c8c8c')}</span>,
              children: <TransferTable rows={inbox.data?.unfinished ?? []} loading={inbox.isFetching} tab="unfinished" />,
            },
          ]}
        />
        <Typography.Text type="secondary">
          转出党委审批、转入党委审批、接收支部编入，每个环节都有办理时限；超时会提醒本环节和上一级党组织。上级党组织可以代为办理下级的环节。
        </Typography.Text>
      </Card>
    </div>
  );
}
