import { useState } from 'react';
import { Alert, Button, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { reductionStatusLabels, reductionStatuses, type ReductionStatus } from '@xianfeng/contracts/dues/dues.enums';
import { formatInstant } from '@/lib/dates';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { duesKeys, listReductions, type ReductionView } from '../api';
import { DuesOrgPicker } from '../components/DuesOrgPicker';
import { ReductionDecisionModal, type Decision } from '../components/ReductionDecisionModal';
import { ReductionFormModal } from '../components/ReductionFormModal';
import { Money, ReductionStatusTag } from '../components/tags';
import { monthText } from '../months';
import { useDuesParams } from '../use-dues-params';

/** /admin/dues/reductions — 党费减免: the branch files a request, the higher committee approves or not. */
export function DuesReductionPage() {
  const { orgId, set } = useDuesParams();
  const canCollect = hasPermission(useMe().data, 'dues.collect');
  const [status, setStatus] = useState<ReductionStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [decision, setDecision] = useState<Decision | null>(null);
  const query = { orgId: orgId ?? '', status, page, pageSize: 20 };
  const list = useQuery({ queryKey: duesKeys.reductions(query), queryFn: () => listReductions(query), enabled: !!orgId, placeholderData: keepPreviousData, retry: false });

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space size={12} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            减免申请
          </Typography.Title>
          <DuesOrgPicker value={orgId} onChange={(id) => (set({ org: id }), setPage(1))} />
          <Select<ReductionStatus>
            aria-label="审批状态"
            allowClear
            placeholder="全部状态"
            style={{ width: 160 }}
            value={status}
            options={reductionStatuses.map((s) => ({ value: s, label: reductionStatusLabels[s] }))}
            onChange={(s) => (setStatus(s), setPage(1))}
          />
        </Space>
        {canCollect && (
          <Button type="primary" icon={<PlusOutlined />} disabled={!orgId} onClick={() => setCreating(true)} data-testid="new-reduction">
            新建减免申请
          </Button>
        )}
      </Space>
      <Typography.Text type="secondary">党费减免由支部党员大会讨论后提出，报上一级党委批准；申请人不能审批自己提交的申请。</Typography.Text>
      {list.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(list.error)} />}
      {orgId && (
        <Table<ReductionView>
          data-testid="dues-reductions"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无减免申请' }}
          pagination={{ current: list.data?.page ?? 1, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
          columns={[
            { title: '党员', dataIndex: 'memberName', render: (n: string, r) => <>{n}<Typography.Text type="secondary">（{r.orgName}）</Typography.Text></> },
            { title: '减免', dataIndex: 'kind', width: 150, render: (k: ReductionView['kind'], r) => (k === 'exempt' ? '免交' : <>少交，每月 <Money fen={r.monthlyFen} /></>) },
            { title: '期限', key: 'period', width: 190, render: (_: unknown, r) => `${monthText(r.fromMonth)}—${monthText(r.toMonth)}` },
            { title: '理由', dataIndex: 'reason', ellipsis: true },
            { title: '申请', key: 'requested', width: 170, render: (_: unknown, r) => <Typography.Text type="secondary">{r.requestedBy ?? ''} {formatInstant(r.requestedAt)}</Typography.Text> },
            {
              title: '状态',
              dataIndex: 'status',
              width: 220,
              render: (s: ReductionStatus, r) => (
                <>
                  <ReductionStatusTag status={s} />
                  {r.decidedAt && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                      {r.decidedBy ?? ''} {formatInstant(r.decidedAt)}
                      {r.decisionNote ? `：${r.decisionNote}` : ''}
                      {s === 'approved' && r.billsRepriced > 0 ? `；已重算 ${r.billsRepriced} 张账单` : ''}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            {
              title: '审批',
              key: 'actions',
              width: 150,
              render: (_: unknown, r) =>
                r.status === 'pending' ? (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => setDecision({ reduction: r, approve: true })}>
                      批准
                    </Button>
                    <Button type="link" size="small" danger onClick={() => setDecision({ reduction: r, approve: false })}>
                      不批准
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      )}
      <ReductionFormModal open={creating} orgId={orgId} onClose={() => setCreating(false)} />
      <ReductionDecisionModal decision={decision} onClose={() => setDecision(null)} />
    </div>
  );
}
