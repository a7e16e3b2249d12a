import { useState } from 'react';
import { Alert, App, Button, Input, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import type { InflowStatus } from '@xianfeng/contracts/mobile/mobile.enums';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { DuesOrgPicker } from '../../dues/components/DuesOrgPicker';
import { leaveInflow, listInflows, mobileKeys, type InflowView } from '../api';
import { InflowFormModal } from '../components/InflowFormModal';
import { InflowStatusTag } from '../components/tags';

/**
 * /admin/mobile/inflows — 流入党员: members of other places taking part in branches of the picked subtree. Their
 * ID number and phone are shown masked; the branch's 挂靠党员 view (and its audit) follows the registration.
 */
export function InflowListPage() {
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canWrite = hasPermission(useMe().data, 'member.write');
  const [status, setStatus] = useState<InflowStatus | 'all'>('hosted');
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [registering, setRegistering] = useState(false);
  const query = { orgId: orgId ?? '', status: status === 'all' ? undefined : status, q: q || undefined, ...paging };
  const list = useQuery({ queryKey: mobileKeys.inflows(query), queryFn: () => listInflows(query), enabled: !!orgId, placeholderData: keepPreviousData, retry: false });

  const leave = async (i: InflowView) => {
    try {
      await leaveInflow(i.id, dayjs().format('YYYY-MM-DD'));
      await queryClient.invalidateQueries({ queryKey: mobileKeys.all });
      void message.success(`已登记 ${i.name} 离开`);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          流入党员
        </Typography.Title>
        <DuesOrgPicker value={orgId} onChange={(id) => (setParams((p) => (p.set('org', id), p), { replace: true }), setPaging((p) => ({ ...p, page: 1 })))} />
        <Segmented
          options={[
            { value: 'hosted', label: '在本地参加活动' },
            { value: 'left', label: '已离开' },
            { value: 'all', label: '全部' },
          ]}
          value={status}
          onChange={(v) => (setStatus(v as InflowStatus | 'all'), setPaging((p) => ({ ...p, page: 1 })))}
        />
        <Input.Search aria-label="按姓名查找" placeholder="按姓名查找" allowClear style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), setPaging((p) => ({ ...p, page: 1 })))} />
        {canWrite && (
          <Button type="primary" onClick={() => setRegistering(true)} data-testid="inflow-register">
            登记流入党员
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(list.error)} />}
      {orgId && (
        <Table<InflowView>
          data-testid="inflow-table"
          rowKey="id"
          size="middle"
          scroll={{ x: 1300 }}
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有流入党员' }}
          pagination={{ current: list.data?.page ?? 1, pageSize: list.data?.pageSize ?? 20, total: list.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }), showTotal: (t) => `共 ${t} 人` }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 140, render: (n: string, i) => (i.onPlatform ? <Space size={4}>{n}<Tag>本平台</Tag></Space> : n) },
            { title: '编入支部', dataIndex: 'hostOrgName', ellipsis: true },
            { title: '组织关系所在', dataIndex: 'homeOrgName', ellipsis: true },
            { title: '身份证号', dataIndex: 'idNumber', width: 170, render: (s: string | null) => s ?? '—' },
            { title: '电话', dataIndex: 'phone', width: 120, render: (s: string | null) => s ?? '—' },
            { title: '活动证', dataIndex: 'certificateNo', width: 150, render: (s: string | null) => s ?? '—' },
            { title: '到达', dataIndex: 'arrivedOn', width: 150, render: (d: string, i) => `${d}（${i.monthsHere} 个月）` },
            {
              title: '状态',
              key: 'status',
              width: 170,
              render: (_: unknown, i) => (
                <Space size={4} wrap>
                  <InflowStatusTag status={i.status} />
                  {i.transferDue && <Tag color="orange">应转入组织关系</Tag>}
                </Space>
              ),
            },
            ...(canWrite
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 100,
                    render: (_: unknown, i: InflowView) =>
                      i.status === 'hosted' ? (
                        <Popconfirm title={`登记 ${i.name} 今天离开？`} okText="确定" cancelText="取消" onConfirm={() => void leave(i)}>
                          <Button type="link" size="small">
                            登记离开
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Typography.Text type="secondary">{i.leftOn}</Typography.Text>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <InflowFormModal open={registering} hostOrgId={orgId} onClose={() => setRegistering(false)} />
    </div>
  );
}
