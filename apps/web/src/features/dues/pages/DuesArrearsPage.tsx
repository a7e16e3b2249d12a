import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Segmented, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ArrearsLevel } from '@xianfeng/contracts/dues/dues.enums';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { duesKeys, listArrears, type ArrearsView } from '../api';
import { ArrearsReasonModal, type ReasonTarget } from '../components/ArrearsReasonModal';
import { DuesOrgPicker } from '../components/DuesOrgPicker';
import { ArrearsTag, Money } from '../components/tags';
import { monthText } from '../months';
import { useDuesParams } from '../use-dues-params';

type Filter = ArrearsLevel | 'all';
const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部欠交' },
  { value: 'reminder', label: '3 个月以上' },
  { value: 'lapse_review', label: '连续 6 个月' },
  { value: 'none', label: '未到提醒' },
];

/**
 * /admin/dues/arrears — 欠交党费: who owes, since when and how much. Three months: the member and branch are
 * reminded; six consecutive months without a valid reason: flagged for the branch to handle as the Party
 * Constitution (第九条) provides. The system only flags — it never removes anyone.
 */
export function DuesArrearsPage() {
  const { orgId, set } = useDuesParams();
  const canCollect = hasPermission(useMe().data, 'dues.collect');
  const [level, setLevel] = useState<Filter>('all');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [target, setTarget] = useState<ReasonTarget | null>(null);
  const query = { orgId: orgId ?? '', level: level === 'all' ? undefined : level, ...paging };
  const list = useQuery({ queryKey: duesKeys.arrears(query), queryFn: () => listArrears(query), enabled: !!orgId, placeholderData: keepPreviousData, retry: false });

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          欠交党费
        </Typography.Title>
        <DuesOrgPicker value={orgId} onChange={(id) => (set({ org: id }), setPaging((p) => ({ ...p, page: 1 })))} />
        <Segmented<Filter> options={filters} value={level} onChange={(v) => (setLevel(v), setPaging((p) => ({ ...p, page: 1 })))} />
      </Space>
      <Alert
        type="info"
        showIcon
        title="系统只作提示，不处理任何党员"
        description="欠交 3 个月以上的，系统提醒本人和支部；连续 6 个月不交纳党费又无正当理由的，请支部了解情况、教育督促，按党章第九条的规定由支部研究处理。有正当理由的，请登记理由和月份。"
      />
      {list.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(list.error)} />}
      {orgId && (
        <Table<ArrearsView>
          data-testid="dues-arrears"
          rowKey="memberId"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有欠交党费的党员' }}
          pagination={{ current: list.data?.page ?? 1, pageSize: list.data?.pageSize ?? 20, total: list.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }), showTotal: (t) => `共 ${t} 人` }}
          columns={[
            { title: '党员', dataIndex: 'name', render: (name: string, a) => <Link to={`/admin/members/${a.memberId}?tab=dues`}>{name}</Link> },
            { title: '所在支部', dataIndex: 'orgName', ellipsis: true },
            { title: '党费交至', dataIndex: 'paidUntil', width: 120, render: (m: string | null) => (m ? monthText(m) : '—') },
            { title: '最早欠交', dataIndex: 'oldestUnpaid', width: 120, render: (m: string) => monthText(m) },
            { title: '欠交月数', dataIndex: 'unpaidMonths', width: 90 },
            { title: '连续未交', dataIndex: 'consecutiveUnpaid', width: 90 },
            { title: '欠交金额', dataIndex: 'owedFen', width: 110, align: 'right', render: (fen: number) => <Money fen={fen} /> },
            { title: '状态', dataIndex: 'level', width: 230, render: (l: ArrearsLevel) => <ArrearsTag level={l} /> },
            {
              title: '正当理由',
              dataIndex: 'reason',
              render: (r: ArrearsView['reason']) => (r ? `${monthText(r.fromMonth)}—${monthText(r.toMonth)}：${r.reason}` : <Typography.Text type="secondary">未登记</Typography.Text>),
            },
            ...(canCollect
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 120,
                    render: (_: unknown, a: ArrearsView) => (
                      <Button type="link" size="small" onClick={() => setTarget({ memberId: a.memberId, name: a.name, fromMonth: a.oldestUnpaid })}>
                        登记正当理由
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <ArrearsReasonModal target={target} onClose={() => setTarget(null)} />
    </div>
  );
}
