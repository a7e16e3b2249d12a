import { useState } from 'react';
import { Alert, App, Button, Dropdown, Input, Segmented, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { MobileAlert, OutflowStatus } from '@xianfeng/contracts/mobile/mobile.enums';
import { errorMessage } from '@/lib/http';
import { hasPermission, useMe } from '../../auth/api';
import { DuesOrgPicker } from '../../dues/components/DuesOrgPicker';
import { issueCertificate, listOutflows, mobileKeys, type OutflowView } from '../api';
import { OutflowActionModal, type OutflowAction } from '../components/OutflowActionModal';
import { OutflowDetailDrawer } from '../components/OutflowDetailDrawer';
import { OutflowFormModal } from '../components/OutflowFormModal';
import { AlertTags, OutflowStatusTag } from '../components/tags';

type Filter = 'open' | 'lost_contact' | MobileAlert | 'all';
const filters: { value: Filter; label: string }[] = [
  { value: 'open', label: '在外流动' },
  { value: 'transfer_due', label: '应转接' },
  { value: 'lost_contact', label: '失去联系' },
  { value: 'report_due', label: '汇报逾期' },
  { value: 'all', label: '全部（含已结束）' },
];
const toQuery = (f: Filter): { status?: OutflowStatus | 'open'; alert?: MobileAlert } =>
  f === 'open' || f === 'lost_contact' ? { status: f } : f === 'all' ? {} : { status: 'open', alert: f };

/**
 * /admin/mobile — 流出党员名册 of the picked organisation's subtree: who is away, where, since when, and what needs
 * doing (转接 after six months at a fixed place, contact, the yearly report). Notifications link here with
 * ?outflow=<id> to open one registration.
 */
export function OutflowListPage() {
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org');
  const { message } = App.useApp();
  const canWrite = hasPermission(useMe().data, 'member.write');
  const [filter, setFilter] = useState<Filter>('open');
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [form, setForm] = useState<{ editing: OutflowView | null } | null>(null);
  const [action, setAction] = useState<{ action: OutflowAction; o: OutflowView } | null>(null);
  const detail = params.get('outflow');
  const setParam = (k: string, v: string | null) =>
    setParams(
      (p) => {
        if (v) p.set(k, v);
        else p.delete(k);
        return p;
      },
      { replace: true },
    );
  const query = { orgId: orgId ?? '', ...toQuery(filter), q: q || undefined, ...paging };
  const list = useQuery({ queryKey: mobileKeys.outflows(query), queryFn: () => listOutflows(query), enabled: !!orgId, placeholderData: keepPreviousData, retry: false });

  const print = async (o: OutflowView) => {
    // Opened before the request so the browser does not block it as a pop-up.
    const w = window.open('', '_blank');
    try {
      const c = await issueCertificate(o.id);
      if (w) w.location.href = c.pdfUrl;
      void list.refetch();
    } catch (err) {
      w?.close();
      void message.error(errorMessage(err));
    }
  };
  const open = (o: OutflowView) => o.status === 'away' || o.status === 'lost_contact';

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Space size={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          流出党员
        </Typography.Title>
        <DuesOrgPicker value={orgId} onChange={(id) => (setParam('org', id), setPaging((p) => ({ ...p, page: 1 })))} />
        <Segmented<Filter> options={filters} value={filter} onChange={(v) => (setFilter(v), setPaging((p) => ({ ...p, page: 1 })))} />
        <Input.Search aria-label="按姓名查找" placeholder="按姓名查找" allowClear style={{ width: 180 }} onSearch={(v) => (setQ(v.trim()), setPaging((p) => ({ ...p, page: 1 })))} />
        {canWrite && (
          <Button type="primary" onClick={() => setForm({ editing: null })} data-testid="outflow-register">
            登记流出党员
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title="无法加载" description={errorMessage(list.error)} />}
      {orgId && (
        <Table<OutflowView>
          data-testid="outflow-table"
          rowKey="id"
          size="middle"
          scroll={{ x: 1360 }}
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有符合条件的流出党员' }}
          pagination={{ current: list.data?.page ?? 1, pageSize: list.data?.pageSize ?? 20, total: list.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }), showTotal: (t) => `共 ${t} 人` }}
          columns={[
            { title: '党员', dataIndex: 'memberName', width: 100, render: (name: string, o) => <a onClick={() => setParam('outflow', o.id)}>{name}</a> },
            { title: '所在支部', dataIndex: 'orgName', ellipsis: true },
            { title: '外出地点', dataIndex: 'destination', ellipsis: true },
            { title: '流入党组织', dataIndex: 'inflowOrgName', ellipsis: true, render: (s: string | null) => s ?? '—' },
            { title: '外出日期', dataIndex: 'leftOn', width: 150, render: (d: string, o) => `${d}（${o.monthsAway} 个月）` },
            { title: '最近联系', dataIndex: 'lastContactOn', width: 110, render: (d: string | null) => d ?? '—' },
            { title: '状态', key: 'status', width: 200, render: (_: unknown, o) => <Space size={4} wrap><OutflowStatusTag status={o.status} /><AlertTags o={o} /></Space> },
            { title: '活动证', dataIndex: 'certificateNo', width: 150, render: (s: string | null) => s ?? <Typography.Text type="secondary">未开具</Typography.Text> },
            ...(canWrite
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 230,
                    fixed: 'right' as const,
                    render: (_: unknown, o: OutflowView) =>
                      open(o) ? (
                        <Space size={0}>
                          <Button type="link" size="small" onClick={() => setAction({ action: 'report', o })}>
                            登记汇报
                          </Button>
                          <Button type="link" size="small" onClick={() => void print(o)}>
                            打印活动证
                          </Button>
                          <Dropdown
                            menu={{
                              items: [
                                { key: 'edit', label: '修改登记', onClick: () => setForm({ editing: o }) },
                                ...(o.status === 'away' ? [{ key: 'lost', label: '标记失去联系', onClick: () => setAction({ action: 'lost', o }) }] : []),
                                { key: 'end', label: '返回 / 已转出', onClick: () => setAction({ action: 'end', o }) },
                              ],
                            }}
                          >
                            <Button type="link" size="small">
                              更多
                            </Button>
                          </Dropdown>
                        </Space>
                      ) : (
                        <Typography.Text type="secondary">已结束 {o.endedOn}</Typography.Text>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <OutflowFormModal open={form !== null} orgId={orgId} editing={form?.editing ?? null} onClose={() => setForm(null)} />
      <OutflowActionModal target={action} onClose={() => setAction(null)} />
      <OutflowDetailDrawer id={detail} onClose={() => setParam('outflow', null)} />
    </div>
  );
}
